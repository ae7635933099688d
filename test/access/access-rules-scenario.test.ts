import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkAccess } from '../../simulator/access/check-access.ts';
import { checkQuery } from '../../simulator/composite/query-check.ts';
import { RequestFault } from '../../simulator/faults/soap-fault.ts';
import { loadScenarioFile, parseScenario } from '../../simulator/scenarios/load.ts';
import { DEFAULT_LAGTEXT, DEFAULT_SYFTE } from '../../simulator/scenarios/normalize.ts';
import type { Scenario } from '../../simulator/scenarios/types.ts';
import { makeQuery } from '../support/queries.ts';

const FILE = new URL('../../scenarios/access-rules.yaml', import.meta.url).pathname;
const text = readFileSync(FILE, 'utf8');
const scenario = loadScenarioFile(FILE);
const doc = readFileSync(new URL('../../docs/access-rules.md', import.meta.url), 'utf8');
const ACCESS_CODES = ['SSBT-020', 'SSBT-021', 'SSBT-022', 'SSBT-023', 'SSBT-024', 'SSBT-025', 'SSBT-026'];

/** The allowed query of the file's header: "#   <element>  <value>  [note]". */
function allowedQuery(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(
    /^# {3}(ingivare\/organisationsnummer|ingivare\/handlaggare|personidentitet|arendeidentitet|syfte|lagtext) +(.+?)(?: {2,}.*)?$/gm,
  )) {
    out[m[1] ?? ''] = m[2] ?? '';
  }
  return out;
}

/** The header's rows "#   <felkod|allowed>  <element> <value> ...", each a change to the allowed query. */
function triggers(): { felkod: string; element: string; value: string; arende?: string; line: string }[] {
  return [
    ...text.matchAll(
      /^# {3}(SSBT-\d{3}|allowed) +(organisationsnummer|handlaggare|arendeidentitet|personidentitet|syfte|lagtext) ("[^"]*"|\S+)(.*)$/gm,
    ),
  ].map((m) => {
    const row = {
      felkod: m[1] ?? '',
      element: m[2] ?? '',
      value: (m[3] ?? '').replace(/^"(.*)"$/, '$1'),
      line: m[0],
    };
    const arende = / with (\S+?):/.exec(m[4] ?? '')?.[1];
    return arende === undefined ? row : { ...row, arende };
  });
}

/** Runs a query through the contract's checks and then the access rules, as the composite does. */
function outcome(s: Scenario, q: unknown): string {
  try {
    checkAccess(s, checkQuery(q).query);
    return 'allowed';
  } catch (e) {
    if (e instanceof RequestFault) return e.felkod;
    throw e;
  }
}

function queryFor(change: { element: string; value: string; arende?: string }): unknown {
  const a = allowedQuery();
  const g: Record<string, unknown> = {
    ingivare: {
      organisationsnummer: a['ingivare/organisationsnummer'],
      namn: 'Kommunen',
      handlaggare: a['ingivare/handlaggare'],
    },
    arendeidentitet: change.arende ?? a.arendeidentitet,
    syfte: a.syfte,
    lagtext: a.lagtext,
  };
  let person = a.personidentitet ?? '';
  if (change.element === 'organisationsnummer' || change.element === 'handlaggare')
    (g.ingivare as Record<string, string>)[change.element] = change.value;
  else if (change.element === 'personidentitet') person = change.value;
  else g[change.element] = change.value;
  return makeQuery(person, { generellaFrageparametrar: g });
}

describe('scenarios/access-rules.yaml', () => {
  it('loads, with strict access rules and a connected, a pending and a terminated municipality', () => {
    expect(scenario.access?.strictCases).toBe(true);
    expect(scenario.municipalities.map((m) => m.status).sort()).toEqual([
      'connected',
      'pending',
      'terminated',
    ]);
  });

  it('allows the query its header calls allowed', () => {
    expect(Object.keys(allowedQuery()).sort()).toEqual([
      'arendeidentitet',
      'ingivare/handlaggare',
      'ingivare/organisationsnummer',
      'lagtext',
      'personidentitet',
      'syfte',
    ]);
    expect(outcome(scenario, queryFor({ element: 'syfte', value: allowedQuery().syfte ?? '' }))).toBe(
      'allowed',
    );
  });

  it('lists a query for every access felkod in its header', () => {
    expect([...new Set(triggers().map((t) => t.felkod))].sort()).toEqual([...ACCESS_CODES, 'allowed']);
  });

  it.each(triggers().map((t) => [t.line.slice(4), t]))(
    'Given the header row "%s", Then the composite answers so',
    (_line, t) => {
      expect(outcome(scenario, queryFor(t))).toBe(t.felkod);
    },
  );
});

describe('docs/access-rules.md', () => {
  it('names every access felkod', () => {
    for (const code of ACCESS_CODES) expect(doc).toContain(code);
  });

  it('has a YAML example that loads, spelling out the default syfte and lagtext', () => {
    const yaml = /```yaml\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? '';
    const example = parseScenario(yaml, 'docs/access-rules.md');
    expect(example.access).toEqual({ strictCases: true, syfte: DEFAULT_SYFTE, lagtext: DEFAULT_LAGTEXT });
    expect(outcome(example, queryFor({ element: 'handlaggare', value: 'HL0001' }))).toBe('allowed');
    expect(outcome(example, queryFor({ element: 'handlaggare', value: 'HL0002' }))).toBe('SSBT-022');
  });
});
