import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { SOURCE_CODES, type SourceCode } from '../../simulator/domain/sources.ts';
import type { RawSourceBehaviour } from '../../simulator/scenarios/normalize.ts';
import { FAILURE_MODES, type FailureMode } from '../../simulator/scenarios/types.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makePersona, makeScenario } from '../support/factories.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapQuery } from '../support/queries.ts';
import { xsdAvailable, xsdProblems } from '../support/xsd.ts';

/** A personnummer (12 digits) with a correct check digit, for a birth date and a serial. */
function personnummer(yyyymmdd: string, serial: string): string {
  const nine = `${yyyymmdd.slice(2)}${serial}`;
  const sum = [...nine].reduce((acc, ch, i) => {
    const d = Number(ch) * (i % 2 === 0 ? 2 : 1);
    return acc + (d > 9 ? d - 9 : d);
  }, 0);
  return `${yyyymmdd}${serial}${(10 - (sum % 10)) % 10}`;
}

/** Every source's timeout: long enough that only the timeout mode reaches it on a loaded machine. */
const TIMEOUT_MS = 2000;

/** What each failure mode becomes in the compiled answer. */
const EXPECTED: Record<FailureMode, { kalla: 'BT' | 'SSBT'; felkod: string | ((code: SourceCode) => string) }> = {
  'technical-error': { kalla: 'BT', felkod: (code) => `${code}-TEKNISKT-FEL` },
  'http-error': { kalla: 'BT', felkod: 'BT-202' },
  timeout: { kalla: 'SSBT', felkod: 'SSBT-101' },
  reset: { kalla: 'SSBT', felkod: 'SSBT-102' },
  empty: { kalla: 'BT', felkod: 'BT-201' },
  truncated: { kalla: 'BT', felkod: 'BT-201' },
  'invalid-payload': { kalla: 'BT', felkod: 'BT-201' },
};

/** Persona k: source i fails with mode (i + k) mod 7, so every source meets every mode once. */
const ROTATIONS = FAILURE_MODES.map((_, k) => ({
  id: `rotation-${k}`,
  personidentitet: personnummer(`19800${k + 1}15`, '238'),
  modes: Object.fromEntries(SOURCE_CODES.map((code, i) => [code, FAILURE_MODES[(i + k) % FAILURE_MODES.length] as FailureMode])) as Record<SourceCode, FailureMode>,
}));
const OK = personnummer('19850714', '238');
const LIVE = personnummer('19900101', '238');
const SLOW = personnummer('19700101', '238');
const SO_BROKEN = personnummer('19750505', '238');
const SO_OWN = personnummer('19760606', '238');

const scenario = makeScenario({
  composite: { timeoutMs: 2000 },
  sources: {
    ...Object.fromEntries(SOURCE_CODES.map((code) => [code, { timeoutMs: TIMEOUT_MS } satisfies RawSourceBehaviour])),
    SO: { timeoutMs: TIMEOUT_MS, failures: [{ mode: 'technical-error', felkod: 'SO-123', felmeddelande: 'A-kassan svarar inte.', personas: ['so-broken', 'so-own'] }] },
  },
  personas: [
    ...ROTATIONS.map((r) => ({
      ...makePersona({ id: r.id, personidentitet: r.personidentitet }),
      behaviour: Object.fromEntries(SOURCE_CODES.map((code) => [code, { failure: { mode: r.modes[code] } } satisfies RawSourceBehaviour])),
    })),
    makePersona({ id: 'ok', personidentitet: OK, situation: { knownToSources: true, unemployed: true, akassa: 'Unionens a-kassa', vehicles: 1, residencePermit: true } }),
    makePersona({ id: 'live', personidentitet: LIVE }),
    { ...makePersona({ id: 'slow', personidentitet: SLOW }), behaviour: { TNS: { latencyMs: 250, failure: { mode: 'technical-error' } }, MIV: { latency: { model: 'uniform', min: 60, max: 80 } } } },
    makePersona({ id: 'so-broken', personidentitet: SO_BROKEN }),
    { ...makePersona({ id: 'so-own', personidentitet: SO_OWN }), behaviour: { SO: { latencyMs: 1 } } },
  ],
});

let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator({ scenario, port: 0, clock: fixedClock('2026-11-27T10:00:00Z') });
  // Warm up: the first answers compile schemas and writers, which would hold up concurrent calls.
  await Promise.all([ask(OK), askSoap(OK)]);
});
afterAll(async () => {
  await sim.close();
});

type SourceAnswer = { data?: unknown; error?: { kalla: string; felkod: string; felmeddelande: string[] } };

async function ask(personidentitet: string): Promise<Record<SourceCode, SourceAnswer>> {
  const res = await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fullQuery(personidentitet)) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { svarsdata: Record<SourceCode, SourceAnswer> }).svarsdata;
}

async function askSoap(personidentitet: string): Promise<string> {
  const res = await fetch(`${sim.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' }, body: soapQuery(fullQuery(personidentitet)) });
  expect(res.status).toBe(200);
  return res.text();
}

describe('each failure mode, end to end through the composite', () => {
  it('Given every source failing in every mode (one persona per rotation), Then each becomes its kalla and felkod, over JSON and SOAP, valid by the XSD', async () => {
    const started = performance.now();
    const [answers, soaps] = await Promise.all([Promise.all(ROTATIONS.map((r) => ask(r.personidentitet))), Promise.all(ROTATIONS.map((r) => askSoap(r.personidentitet)))]);
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 2500);
    ROTATIONS.forEach((r, k) => {
      for (const code of SOURCE_CODES) {
        const mode = r.modes[code];
        const want = EXPECTED[mode];
        const felkod = typeof want.felkod === 'string' ? want.felkod : want.felkod(code);
        expect({ code, mode, error: answers[k]?.[code].error }).toMatchObject({ code, mode, error: { kalla: want.kalla, felkod } });
        if (mode === 'invalid-payload') expect(answers[k]?.[code].error?.felmeddelande[0]).toMatch(/schema/);
        if (mode === 'truncated' || mode === 'empty') expect(answers[k]?.[code].error?.felmeddelande[0]).toMatch(/inte kunde läsas/);
        const soap = soaps[k] ?? '';
        expect(soap).toMatch(new RegExp(`<ssbt:${code}>\\s*<ssbt:error>\\s*<ssbt:kalla>${want.kalla}</ssbt:kalla>\\s*<ssbt:felkod>${felkod}</ssbt:felkod>`));
      }
    });
    if (xsdAvailable) expect(xsdProblems(...soaps)).toBe('');
  });

  it('Given a technical error with its own felkod and message, Then the answer carries them (kalla=BT)', async () => {
    const sv = await ask(SO_BROKEN);
    expect(sv.SO.error).toEqual({ kalla: 'BT', felkod: 'SO-123', felmeddelande: ['A-kassan svarar inte.'] });
  });

  it('Given a persona with its own behaviour for a source, Then it replaces the source\'s: the source\'s failure for that persona no longer applies', async () => {
    const sv = await ask(SO_OWN);
    expect(sv.SO).toHaveProperty('data');
    const ok = await ask(OK);
    for (const code of SOURCE_CODES) expect({ code, has: 'data' in ok[code] }).toEqual({ code, has: true });
  });

  it('Given latency, Then it applies before the outcome: the failure and the data both come after the delay', async () => {
    const started = performance.now();
    const res = await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fullQuery(SLOW)) });
    const sv = ((await res.json()) as { svarsdata: Record<SourceCode, SourceAnswer> }).svarsdata;
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
    expect(sv.TNS.error).toMatchObject({ kalla: 'BT', felkod: 'TNS-TEKNISKT-FEL' });
    expect(sv.MIV).toHaveProperty('data');
  });

  it('Given a live fault set through the run-time state, Then it overrides the scenario for that source until cleared', async () => {
    sim.ctx.runtime.setLiveFault('CSN', { mode: 'technical-error', felkod: 'CSN-LIVE', felmeddelande: 'Avbrott.', when: {} });
    try {
      expect((await ask(LIVE)).CSN.error).toEqual({ kalla: 'BT', felkod: 'CSN-LIVE', felmeddelande: ['Avbrott.'] });
      expect((await ask(OK)).CSN.error).toMatchObject({ felkod: 'CSN-LIVE' });
    } finally {
      sim.ctx.runtime.setLiveFault('CSN', undefined);
    }
    expect(await ask(LIVE)).toHaveProperty('CSN.data');
  });
});
