import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../simulator/cli/main.ts';
import { formatProblem, loadScenarioFile, parseScenario, ScenarioError } from '../../simulator/scenarios/load.ts';

function problemsOf(text: string): string[] {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.problems.map(formatProblem);
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('loading a scenario', () => {
  it('loads the default scenario with at least 12 personas, each with a description, frozen', () => {
    const s = loadScenarioFile(DEFAULT_SCENARIO);
    expect(s.personas.length).toBeGreaterThanOrEqual(12);
    for (const p of s.personas) expect(p.description.length).toBeGreaterThan(5);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.personas[0])).toBe(true);
    const ids = s.personas.map((p) => p.id);
    for (const needed of ['ordinary', 'unemployed', 'student', 'sick-leave', 'parental-leave', 'pensioner', 'housing-allowance', 'protected', 'samordningsnummer', 'vehicle-owner', 'residence-permit', 'unknown']) {
      expect(ids).toContain(needed);
    }
  });

  it('fills defaults: composite timeout 10 s, no sources, no municipalities', () => {
    const s = parseScenario('schemaVersion: 1\nname: tiny\nseed: 1\n');
    expect(s).toMatchObject({ seed: '1', composite: { timeoutMs: 10000 }, sources: {}, personas: [], municipalities: [] });
  });

  it('Given YAML that does not parse, Then it reports file:line:column', () => {
    expect(problemsOf('schemaVersion: 1\nname: x\nseed: [1, 2\n')).toEqual([expect.stringMatching(/^bad\.yaml:\d+:\d+: YAML syntax: /)]);
  });

  it('Given several schema errors, Then it reports every one with line, column and path', () => {
    const text = [
      'schemaVersion: 2', //                       1
      'name: bad',
      'seed: s',
      'sources:',
      '  CSN:',
      '    latencyMs: -5', //                     6
      '    failure: { mode: explode }', //        7
      'personas:',
      '  - id: a',
      '    personidentitet: "198803159824"',
      '    descripton: typo', //                  11
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'bad.yaml:1:16: schemaVersion: must be one of 1',
      'bad.yaml:6:16: sources.CSN.latencyMs: must be >= 0',
      'bad.yaml:7:22: sources.CSN.failure.mode: must be one of "technical-error", "http-error", "timeout", "reset", "empty", "truncated", "invalid-payload"',
      'bad.yaml:9:5: personas[0]: missing required property "description"',
      'bad.yaml:11:5: personas[0].descripton: unknown property "descripton"',
    ]);
  });

  it('Given an invalid personidentitet, duplicate ids and a failure naming an unknown persona, Then each is reported', () => {
    const text = [
      'schemaVersion: 1',
      'name: bad',
      'seed: s',
      'sources:',
      '  SKV: { failure: { mode: timeout, personas: [nobody] } }',
      'personas:',
      '  - { id: a, personidentitet: "198803159825", description: wrong check digit }',
      '  - { id: a, personidentitet: "198803159824", description: duplicate id }',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'bad.yaml:7:31: personas[0].personidentitet: personidentitet 198803159825 has a wrong check digit (Luhn): the composite would refuse every query for it',
      'bad.yaml:8:11: personas[1].id: duplicate persona id "a" (also personas[0])',
      'bad.yaml:5:47: sources.SKV.failure.personas[0]: no persona has id "nobody"',
    ]);
  });

  it('Given a persona override that would break the source\'s contract, Then it is reported at load with its place', () => {
    const text = [
      'schemaVersion: 1',
      'name: bad',
      'seed: s',
      'personas:',
      '  - id: a',
      '    personidentitet: "198803159824"',
      '    description: override with a typo',
      '    sources:',
      '      TNS:',
      '        resultat: KANSKE',
      '        fordonsinnehav: { fordon: [{ regnr: ABC123 }] }',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'bad.yaml:10:19: personas[0].sources.TNS.resultat: must be one of "OK", "FEL" (by contracts/base-services/tns.schema.json)',
      'bad.yaml:11:36: personas[0].sources.TNS.fordonsinnehav.fordon[0]: is missing required property "fabrikat" (by contracts/base-services/tns.schema.json)',
      'bad.yaml:11:36: personas[0].sources.TNS.fordonsinnehav.fordon[0]: is missing required property "fordonsar" (by contracts/base-services/tns.schema.json)',
      'bad.yaml:11:36: personas[0].sources.TNS.fordonsinnehav.fordon[0]: is missing required property "fordonsslag" (by contracts/base-services/tns.schema.json)',
      'bad.yaml:11:36: personas[0].sources.TNS.fordonsinnehav.fordon[0]: is missing required property "handelsbeteckning" (by contracts/base-services/tns.schema.json)',
    ]);
  });

  it('accepts an override that keeps the contract, and the source answers it', () => {
    const s = parseScenario(
      'schemaVersion: 1\nname: ok\nseed: s\npersonas:\n  - id: a\n    personidentitet: "198803159824"\n    description: fixed car\n    sources:\n      CSN: nodata\n      TNS: { fordonsinnehav: { fordon: [{ regnr: ABC123, fabrikat: VOLVO, fordonsar: "2015", fordonsslag: PERSONBIL, handelsbeteckning: V70 }] } }\n',
    );
    expect(s.personas[0]?.sources?.TNS).toBeDefined();
  });

  it('Given a file that cannot be read, Then one problem says so', () => {
    expect(() => loadScenarioFile('/no/such/file.yaml')).toThrow(/\/no\/such\/file\.yaml:1:1: cannot read the file \(ENOENT\)/);
  });
});
