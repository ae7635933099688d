import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makePersona, makeScenario } from '../support/factories.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapPing, soapQuery } from '../support/queries.ts';

const ORDINARY = '198803159824';
const PROTECTED = '198307199979';
const PROTECTED_SAMORDNING = '199408819861';
const SKV_ERROR = '197712129852';
const SLOW_CSN = '199306219925';
const UNKNOWN_TO_SCENARIO = '199901019894';
const WRONG_CHECK_DIGIT = '198803159825';
const NO_SUCH_DATE = '198802309824';

const scenario = makeScenario({
  composite: { timeoutMs: 2000 },
  access: {},
  municipalities: [{ organisationsnummer: '162120000142', namn: 'Exempelkommunen', aktorsid: '1000001', caseworkers: [{ id: 'HL0001' }] }],
  sources: {
    CSN: { timeoutMs: 200, failure: { mode: 'timeout', personas: ['slow-csn'] } },
    SKV: { failure: { mode: 'technical-error', felkod: 'SKV-9071500', felmeddelande: `Tekniskt fel för ${SKV_ERROR}.`, personas: ['skv-error'] } },
  },
  personas: [
    makePersona({ id: 'ordinary', personidentitet: ORDINARY, situation: { knownToSources: true, unemployed: true, children: 1 } }),
    makePersona({ id: 'protected', personidentitet: PROTECTED, protected: true, situation: { knownToSources: true, unemployed: true, children: 1 } }),
    makePersona({ id: 'protected-samordning', personidentitet: PROTECTED_SAMORDNING, protected: true, situation: { knownToSources: true, residencePermit: true } }),
    makePersona({ id: 'skv-error', personidentitet: SKV_ERROR }),
    makePersona({ id: 'slow-csn', personidentitet: SLOW_CSN }),
  ],
});

const lines: string[] = [];
const consoleLines: string[] = [];
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack ?? ''}` : String(a))).join(' '));
    });
  }
  sim = await startSimulator({ scenario, port: 0, clock: fixedClock('2026-11-27T10:00:00Z'), log: (line) => lines.push(line) });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await sim.close();
});

async function soap(body: string): Promise<number> {
  const res = await fetch(`${sim.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body });
  await res.text();
  return res.status;
}

async function json(body: unknown): Promise<number> {
  const res = await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  await res.text();
  return res.status;
}

/** A personidentitet in any written form: 12 digits, 10 digits, with - or + before the last four. */
const IDENTITY = /(?<!\d)(?:\d{12}|\d{10}|\d{8}[-+]\d{4}|\d{6}[-+]\d{4})(?!\d)/;

describe('no personal identity in the plain log', () => {
  it('Given answered, refused and faulting queries over SOAP and JSON, Then no line holds a whole personidentitet in any form', async () => {
    const answered = [ORDINARY, PROTECTED, PROTECTED_SAMORDNING, SKV_ERROR, SLOW_CSN, UNKNOWN_TO_SCENARIO];
    for (const pnr of answered) {
      expect(await soap(soapQuery(fullQuery(pnr)))).toBe(200);
      expect(await json(fullQuery(pnr))).toBe(200);
    }
    // Refused by the rules: wrong check digit, no such date, malformed in every way a caseworker might type it.
    const malformed = [WRONG_CHECK_DIGIT, NO_SUCH_DATE, '19880315-9824', '8803159824', '880315-9824', '880315+9824', `${ORDINARY}0`, `${ORDINARY}x`];
    for (const pnr of malformed) {
      expect({ pnr, status: await soap(soapQuery(fullQuery(pnr))) }).toEqual({ pnr, status: 500 });
      expect({ pnr, status: await json(fullQuery(pnr)) }).toEqual({ pnr, status: 400 });
    }
    // Refused for other reasons while the query names a real persona: a syfte not allowed, broken XML around it, wrong type.
    expect(await soap(soapQuery(fullQuery(PROTECTED, { generellaFrageparametrar: { syfte: 'Nyfikenhet' } })))).toBe(500);
    expect(await json(fullQuery(PROTECTED, { generellaFrageparametrar: { ingivare: { organisationsnummer: '162121000018' } } }))).toBe(400);
    expect(await soap(soapQuery(fullQuery(PROTECTED)).replace('</ssbt:personidentitet>', ''))).toBe(500);
    expect(await soap(soapQuery(fullQuery(PROTECTED)).replace('<ssbt:fraganSkallInkluderasISvaret>false', `<ssbt:fraganSkallInkluderasISvaret>${PROTECTED}`))).toBe(500);
    expect(await json({ ...fullQuery(PROTECTED), extra: PROTECTED })).toBe(400);
    expect(await soap(soapPing())).toBe(200);

    expect(lines.length).toBeGreaterThanOrEqual(answered.length * 2 + malformed.length * 2);
    const leaks = [...lines, ...consoleLines].filter((line) => IDENTITY.test(line));
    expect(leaks).toEqual([]);
    for (const pnr of [...answered, WRONG_CHECK_DIGIT, NO_SUCH_DATE]) {
      expect(lines.join('\n')).not.toContain(pnr.slice(2));
    }
    // The answered ones are logged with the birth date only.
    expect(lines).toContainEqual(expect.stringContaining('19830719-****'));
  });
});
