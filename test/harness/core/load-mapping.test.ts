import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultMapping, loadMapping, parseMapping } from '../../../harness/core/load-mapping.ts';
import { personFor, UnknownPersonKind } from '../../../harness/core/person-for.ts';
import { MappingError } from '../../../harness/core/problems.ts';
import { loadScenarioFile } from '../../../simulator/scenarios/load.ts';
import { DEFAULT_SCENARIO } from '../../../simulator/cli/main.ts';
import { coreRegistry, writeDir } from './support.ts';

const registry = coreRegistry();
const today = new Date('2026-03-31T12:00:00Z');

const GOOD = `persons:
  ordinary: "198803159824"
ingivare: { organisationsnummer: "162120000142", namn: Exempelkommunen, handlaggare: HL0001 }
aktorsid: "1000001"
tidsperiod: { fromDatum: "2025-01-01", tomDatum: "2025-06-30" }
syfte: Utredning
lagtext: 4 kap. 1 § socialtjänstlagen (2025:400)
`;

function problems(text: string): string[] {
  try {
    parseMapping(text, 'm.yaml', { registry, today });
  } catch (e) {
    if (e instanceof MappingError) return e.message.split('\n');
    throw e;
  }
  return [];
}

describe('the default mapping', () => {
  it("maps every kind to the default scenario's persona of that id, asked by a named caseworker of Exempelkommunen", () => {
    const m = defaultMapping({ today });
    const personas = new Map(
      loadScenarioFile(DEFAULT_SCENARIO).personas.map((p) => [p.id, p.personidentitet]),
    );
    expect(Object.keys(m.persons)).toEqual([
      'ordinary',
      'unemployed',
      'student',
      'sick-leave',
      'parental-leave',
      'pensioner',
      'housing-allowance',
      'protected',
      'samordningsnummer',
      'vehicle-owner',
      'residence-permit',
      'unknown',
      'activity-support',
    ]);
    for (const [kind, pnr] of Object.entries(m.persons))
      expect([kind, pnr]).toEqual([kind, personas.get(kind)]);
    expect(m).toMatchObject({
      persons: {
        ordinary: '198803159824',
        protected: '198307199979',
        samordningsnummer: '199504729816',
        unknown: '199901019894',
      },
      ingivare: { organisationsnummer: '162120000142', namn: 'Exempelkommunen', handlaggare: 'HL0001' },
      aktorsid: '1000001',
      tidsperiod: { fromDatum: '2025-09-30', tomDatum: '2026-03-31' },
      syfte: 'Utredning av rätt till ekonomiskt bistånd',
      lagtext: '4 kap. 1 § socialtjänstlagen (2025:400)',
    });
    expect(Object.isFrozen(m.persons)).toBe(true);
  });
});

describe('loadMapping', () => {
  it('keeps fixed dates as they are', () => {
    expect(parseMapping(GOOD, 'm.yaml', { registry }).tidsperiod).toEqual({
      fromDatum: '2025-01-01',
      tomDatum: '2025-06-30',
    });
  });

  it('reports schema problems as file:line:column', () => {
    const text = GOOD.replace('  ordinary: "198803159824"', '  Ordinary: "19880315"').replace(
      'aktorsid: "1000001"\n',
      'extra: 1\n',
    );
    expect(problems(text)).toEqual([
      'm.yaml:1:1: missing required property "aktorsid"',
      'm.yaml:4:1: extra: unknown property "extra"',
      'm.yaml:2:3: persons.Ordinary: name "Ordinary" must match pattern "^[a-z][a-z0-9-]*$"',
      'm.yaml:2:13: persons.Ordinary: must match pattern "^[0-9]{12}$"',
    ]);
  });

  it('reports a personidentitet with a wrong check digit, a wrong organisationsnummer and an impossible period', () => {
    const text = GOOD.replace('198803159824', '198803159825')
      .replace('162120000142', '162120000143')
      .replace('2025-06-30', '2024-12-31');
    expect(problems(text)).toEqual([
      'm.yaml:2:13: persons.ordinary: personidentitet 198803159825 has a wrong check digit (Luhn)',
      'm.yaml:3:34: ingivare.organisationsnummer: has a wrong check digit (Luhn over the last ten digits)',
    ]);
    expect(problems(GOOD.replace('2025-06-30', '2024-12-31'))).toEqual([
      'm.yaml:5:13: tidsperiod: fromDatum 2025-01-01 is after tomDatum 2024-12-31',
    ]);
    expect(problems(GOOD.replace('2025-06-30', '2025-02-30'))).toEqual([
      'm.yaml:5:50: tidsperiod.tomDatum: 2025-02-30 is not a real date',
    ]);
  });

  it('refuses both a fixed period and lastMonths together, and bad YAML', () => {
    expect(problems(GOOD.replace('tomDatum: "2025-06-30"', 'tomDatum: "2025-06-30", lastMonths: 6'))).toEqual(
      [
        'm.yaml:5:15: tidsperiod.fromDatum: unknown property "fromDatum"',
        'm.yaml:5:40: tidsperiod.tomDatum: unknown property "tomDatum"',
      ],
    );
    expect(problems(GOOD.replace(/tidsperiod: .*/, 'tidsperiod: { lastMonths: 0 }'))).toEqual([
      'm.yaml:5:27: tidsperiod.lastMonths: must be >= 1',
    ]);
    expect(problems('persons: [\n')).toEqual([expect.stringMatching(/^m\.yaml:2:1: YAML syntax: /)]);
  });

  it('says when the file is missing', () => {
    const file = join(writeDir({}), 'none.yaml');
    expect(() => loadMapping(file, { registry })).toThrow(`${file}:1:1: no such mapping file`);
  });
});

describe('personFor', () => {
  it('resolves a kind, passes a literal personidentitet through, and names the kinds it has when one is missing', () => {
    const m = defaultMapping();
    expect(personFor(m, 'protected')).toBe('198307199979');
    expect(personFor(m, '191212121212')).toBe('191212121212');
    expect(() => personFor(m, 'astronaut')).toThrow(UnknownPersonKind);
    expect(() => personFor(m, 'astronaut')).toThrow(
      /no person of kind "astronaut" in the mapping \(it has ordinary, unemployed/,
    );
  });
});
