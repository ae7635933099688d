import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnswer } from '../../../harness/provider/answer/read-answer.ts';
import { lefiQuery } from '../../../harness/provider/base-query.ts';
import { EXPECTATIONS } from '../../../harness/provider/expectations/index.ts';
import type { ExpectationContext } from '../../../harness/provider/expectations/types.ts';
import { harnessScenarios } from '../../../harness/provider/harness-scenarios.ts';
import { mergeOverrides } from '../../../harness/provider/merge.ts';
import { resolveNeeds } from '../../../harness/provider/needs.ts';
import { NO_DATA } from '../../../harness/provider/no-data.ts';
import { fillPlaceholders } from '../../../harness/provider/placeholders.ts';
import { marksProtected, PROTECTION_MARKS } from '../../../harness/provider/protection.ts';
import { sourcePayload } from '../../../simulator/base-services/answer.ts';
import { SOURCES } from '../../../simulator/base-services/registry.ts';
import { answerEnvelope, faultEnvelope } from '../../../simulator/composite/soap-answer.ts';
import { SOURCE_CODES, type SourceCode } from '../../../simulator/domain/sources.ts';
import { loadScenarioFile, parseScenario } from '../../../simulator/scenarios/load.ts';
import { providerCases, simulatorMapping } from './support/run-suite.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const scenario = loadScenarioFile(resolve(ROOT, 'scenarios/default.yaml'));
const mapping = simulatorMapping();
const NOW = new Date('2026-11-27T10:00:00Z');
const period = { fromDatum: '2026-01-01', tomDatum: '2026-10-31' };

/** What the simulator's base service answers about a default persona (canonical JSON). */
function payload(code: SourceCode, kind: string): unknown {
  const pnr = mapping.persons[kind] ?? '';
  const request = {
    personidentitet: pnr,
    tidsperiod: period,
    ingivare: mapping.ingivare,
    arendeidentitet: 'A-1',
    syfte: mapping.syfte,
    lagtext: mapping.lagtext,
  };
  const fk =
    code === 'FK' ? { aktorsid: mapping.aktorsid, lefiJsonFraga: lefiQuery(pnr, period) } : undefined;
  return sourcePayload(SOURCES[code], scenario, request, NOW, fk);
}

describe('the expectation registry', () => {
  it('has exactly the expectations the case schema names, each documented in docs/harness-provider.md', () => {
    const schema = JSON.parse(
      readFileSync(resolve(ROOT, 'contracts/harness/provider-case.schema.json'), 'utf8'),
    ) as {
      $defs: { Expectation: { oneOf: [{ enum: string[] }, { properties: Record<string, unknown> }] } };
    };
    const named = new Set([
      ...schema.$defs.Expectation.oneOf[0].enum,
      ...Object.keys(schema.$defs.Expectation.oneOf[1].properties),
    ]);
    expect([...named].sort()).toEqual(Object.keys(EXPECTATIONS).sort());
    const docs = readFileSync(resolve(ROOT, 'docs/harness-provider.md'), 'utf8');
    for (const name of named) expect(docs, name).toContain(`### \`${name}\``);
  });

  it('docs/harness-provider.md lists every case of the suite, and no other', () => {
    const docs = readFileSync(resolve(ROOT, 'docs/harness-provider.md'), 'utf8');
    const listed = [...docs.matchAll(/^\| (P-[A-Z]+-\d{3}) \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(
      providerCases()
        .map((c) => c.id)
        .sort(),
    );
  });
});

describe('no data, per source', () => {
  it("recognises each source's own no-data answer for a person no source knows", () => {
    for (const code of SOURCE_CODES)
      expect(NO_DATA[code].check(payload(code, 'unknown')), code).toBeUndefined();
  });

  it('does not take an answer with content for no data', () => {
    const withContent: Record<SourceCode, string> = {
      AF: 'unemployed',
      CSN: 'student',
      FK: 'sick-leave',
      SKV: 'ordinary',
      SO: 'unemployed',
      TNS: 'vehicle-owner',
      MIV: 'residence-permit',
    };
    for (const code of SOURCE_CODES)
      expect(NO_DATA[code].check(payload(code, withContent[code])), code).toEqual(expect.any(String));
  });
});

describe('protected identity marks', () => {
  it('are read the way each source writes them, for the protected persona and not for an ordinary one', () => {
    for (const code of Object.keys(PROTECTION_MARKS) as SourceCode[]) {
      expect(marksProtected(code, payload(code, 'protected')), code).toBe(true);
      expect(marksProtected(code, payload(code, 'ordinary')), code).toBe(false);
    }
    expect(marksProtected('TNS', payload('TNS', 'protected'))).toBeUndefined();
  });
});

describe('harness scenarios', () => {
  it('are valid simulator scenarios, with the composite timeouts the timing cases count on', () => {
    const all = harnessScenarios();
    for (const s of all) expect(parseScenario(s.yaml, s.file).name).toBe(s.name);
    expect(Object.fromEntries(all.map((s) => [s.name, s.timeoutMs]))).toEqual({
      'conformance-csn-timeout': 1500,
      'conformance-partial': 1500,
      'conformance-skv-error': 1500,
    });
  });
});

describe('reading answers', () => {
  const ctx = (body: string, status = 200): ExpectationContext => ({
    operation: 'hamtaBastjanstInformation',
    response: { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body },
    parsed: readAnswer(body),
    durationMs: 10,
  });

  it("decodes each source's data into its canonical JSON (CSN and FK base64, SKV's embedded document)", () => {
    const svarsdata = Object.fromEntries(SOURCE_CODES.map((c) => [c, { data: payload(c, 'unemployed') }]));
    const parsed = readAnswer(answerEnvelope({ korrelationsid: 'k', svarsdata }, SOURCES));
    expect(parsed.kind).toBe('answer');
    expect(parsed.order).toEqual([...SOURCE_CODES]);
    expect(parsed.decodeProblems).toEqual({});
    expect(parsed.canonical).toEqual({
      korrelationsid: 'k',
      svarsdata: JSON.parse(JSON.stringify(svarsdata)) as unknown,
    });
  });

  it('reports data that cannot be decoded under contract, naming the source', () => {
    const text = answerEnvelope(
      { svarsdata: { TNS: { data: payload('TNS', 'ordinary') } } },
      SOURCES,
    ).replace(
      '<ssbt:TNS>',
      '<ssbt:CSN>\n        <ssbt:data><ssbt:svar>not base64!</ssbt:svar></ssbt:data>\n      </ssbt:CSN>\n      <ssbt:TNS>',
    );
    const c = ctx(text);
    expect(c.parsed.decodeProblems).toEqual({ CSN: 'svarsdata/CSN/data/svar is not base64' });
    expect(EXPECTATIONS.contract?.check(undefined, c).failures).toEqual([
      'CSN data cannot be decoded: svarsdata/CSN/data/svar is not base64',
    ]);
    expect(EXPECTATIONS.data?.check('CSN', c).failures).toEqual([
      'CSN answered data that cannot be decoded (svarsdata/CSN/data/svar is not base64), expected data',
    ]);
  });

  it('reads a fault and judges its felkod, and says what came instead of a fault', () => {
    const fault = ctx(faultEnvelope('SSBT-013', ['Fel kontrollsiffra.']), 500);
    expect(EXPECTATIONS.fault?.check(undefined, fault).failures).toEqual([]);
    expect(EXPECTATIONS.fault?.check({ felkod: 'SSBT-011' }, fault).failures).toEqual([
      'felkod is "SSBT-013", expected SSBT-011',
    ]);
    const noDetail = ctx(faultEnvelope('SSBT-013', ['x']).replace(/<detail>[\s\S]*<\/detail>/, ''), 500);
    expect(EXPECTATIONS.fault?.check(undefined, noDetail).failures).toEqual([
      'the Fault has no detail with hamtaBastjanstInformationFault{felkod, felmeddelande}',
    ]);
    expect(EXPECTATIONS.fault?.check({ detail: false }, noDetail).failures).toEqual([]);
    expect(EXPECTATIONS.fault?.check(undefined, ctx('<html>Bad gateway</html>', 502)).failures).toEqual([
      'expected a SOAP Fault, got HTTP 502, the answer is not a SOAP envelope (root {}html)',
    ]);
  });

  it('notes, rather than fails, a deadline or XSD check that cannot be judged here', () => {
    const c = ctx(faultEnvelope('SSBT-013', ['x']), 500);
    expect(EXPECTATIONS.within?.check('deadline', c)).toEqual({
      failures: [],
      notes: ['within not checked: no deadline is stated (give --deadline, or deadlineMs in the case)'],
    });
    expect(EXPECTATIONS.officialOrder?.check(undefined, c)).toEqual({
      failures: [],
      notes: ['officialOrder not checked: xmllint is not installed'],
    });
  });
});

describe('building requests', () => {
  it('merges overrides with null removing an element, and moves placeholder dates by days', () => {
    expect(mergeOverrides({ a: { b: 1, c: 2 }, d: [1, 2] }, { a: { c: null, e: 3 }, d: [3] })).toEqual({
      a: { b: 1, e: 3 },
      d: [3],
    });
    const values = { tomDatum: '2026-03-01', fromDatum: '2026-01-01' };
    expect(fillPlaceholders('{{tomDatum-1d}}..{{fromDatum+31d}}, {{tomDatum}}', values)).toBe(
      '2026-02-28..2026-02-01, 2026-03-01',
    );
  });

  it('resolves needs: the person from the mapping, a state by control or by a person in it, else a skip', () => {
    const state = {
      name: 'CSN does not answer in time',
      scenario: 'conformance-csn-timeout',
      person: 'csn-timeout',
    };
    expect(resolveNeeds({ state }, { mapping, control: 'http://sim' })).toEqual({
      run: true,
      personKind: 'ordinary',
      personidentitet: mapping.persons.ordinary,
      headers: { 'x-ssbtek-scenario': 'conformance-csn-timeout' },
      scenario: 'conformance-csn-timeout',
    });
    expect(
      resolveNeeds(
        { state },
        { mapping: { ...mapping, persons: { ...mapping.persons, 'csn-timeout': '199306219925' } } },
      ),
    ).toEqual({
      run: true,
      personKind: 'csn-timeout',
      personidentitet: '199306219925',
      headers: {},
    });
    expect(resolveNeeds({ person: 'pilot' }, { mapping })).toEqual({
      run: false,
      reason: 'the mapping names no person of kind pilot',
    });
  });
});
