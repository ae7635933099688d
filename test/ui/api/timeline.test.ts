import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../simulator/domain/clock.ts';
import { startSimulator } from '../../../simulator/server.ts';
import { makePersona, makeScenario } from '../../support/factories.ts';
import { fullQuery } from '../../support/lefi.ts';
import { uiApp, uiDepsOf, makeUi } from './support.ts';

const SLOW_CSN = '199306219925';
const scenario = makeScenario({
  name: 'waterfall',
  // Long enough that a cold first query (schemas compiled on first use) never times out a source.
  composite: { timeoutMs: 10000 },
  municipalities: [{ organisationsnummer: '162120000142', namn: 'Exempelkommunen', aktorsid: '1000001' }],
  sources: { CSN: { timeoutMs: 300, failure: { mode: 'timeout', personas: ['slow-csn'] } } },
  personas: [makePersona({ id: 'slow-csn', personidentitet: SLOW_CSN })],
});

let sim: Awaited<ReturnType<typeof startSimulator>>;
let app: ReturnType<typeof uiApp>;

beforeAll(async () => {
  sim = await startSimulator({
    scenario,
    scenarios: [makeScenario({ name: 'other' })],
    port: 0,
    clock: fixedClock('2026-11-27T10:00:00Z'),
  });
  app = uiApp(uiDepsOf(sim));
});
afterAll(async () => {
  await sim.close();
});

async function ask(body: unknown): Promise<number> {
  const res = await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

describe('GET /ui/api/last-query', () => {
  it('answers 404 problem+json before any query', async () => {
    const res = await request(app).get('/ui/api/last-query');
    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toEqual({
      type: 'about:blank',
      title: 'No query',
      status: 404,
      detail: 'No query has been recorded in the processing history yet.',
    });
  });

  it("answers the latest query as a waterfall: each source's times, outcome and timeout, and the whole duration", async () => {
    expect(await ask(fullQuery(SLOW_CSN, { generellaFrageparametrar: { korrelationsid: 'wf-1' } }))).toBe(
      200,
    );
    const res = await request(app).get('/ui/api/last-query');
    expect(res.status).toBe(200);
    const body = res.body as {
      sources: { code: string; startedMs: number; endedMs: number; timeoutMs: number }[];
      durationMs: number;
    };
    expect(res.body).toMatchObject({
      id: 'h-000001',
      time: '2026-11-27T10:00:00.000Z',
      scenario: 'waterfall',
      via: 'JSON',
      result: 'answered',
      korrelationsid: 'wf-1',
      personidentitet: '19930621-****',
    });
    expect(Object.keys(res.body as object).sort()).toEqual([
      'durationMs',
      'id',
      'korrelationsid',
      'personidentitet',
      'result',
      'scenario',
      'sources',
      'time',
      'via',
    ]);
    expect(body.sources.map((s) => s.code)).toEqual(['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV']);
    expect(body.sources.find((s) => s.code === 'CSN')).toMatchObject({
      name: 'Centrala studiestödsnämnden',
      outcome: 'error',
      kalla: 'SSBT',
      felkod: 'SSBT-101',
      timeoutMs: 300,
    });
    expect(body.sources.find((s) => s.code === 'AF')).toEqual({
      code: 'AF',
      name: 'Arbetsförmedlingen',
      outcome: 'data',
      startedMs: expect.any(Number),
      endedMs: expect.any(Number),
      timeoutMs: 10000,
    });
    for (const s of body.sources) {
      expect(s.endedMs).toBeGreaterThanOrEqual(s.startedMs);
      expect(body.durationMs).toBeGreaterThanOrEqual(s.endedMs);
    }
    const csn = body.sources.find((s) => s.code === 'CSN');
    expect((csn?.endedMs ?? 0) - (csn?.startedMs ?? 0)).toBeGreaterThanOrEqual(290);
  });

  it('answers a refused query with its felkod and no sources', async () => {
    expect(await ask(fullQuery('198507142380'))).toBe(400);
    const res = await request(app).get('/ui/api/last-query');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'h-000002',
      result: 'refused',
      felkod: expect.stringMatching(/^SSBT-/),
      sources: [],
    });
  });

  it('finds the latest query with a korrelationsid, or answers 404', async () => {
    const res = await request(app).get('/ui/api/last-query?korrelationsid=wf-1');
    expect(res.status).toBe(200);
    expect(res.body.id).toBe('h-000001');
    const missing = await request(app).get('/ui/api/last-query?korrelationsid=nope');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text).detail).toBe(
      'No query with korrelationsid "nope" is in the processing history.',
    );
    const repeated = await request(app).get('/ui/api/last-query?korrelationsid=a&korrelationsid=b');
    expect(repeated.status).toBe(400);
    expect(repeated.type).toBe('application/problem+json');
  });

  it("gives timeoutMs null when the query's scenario is no longer loaded", async () => {
    expect(sim.store.activate('other')).toEqual({ ok: true });
    expect(sim.store.remove('waterfall')).toEqual({ ok: true });
    const res = await request(app).get('/ui/api/last-query?korrelationsid=wf-1');
    expect(res.status).toBe(200);
    expect(
      (res.body as { sources: { timeoutMs: unknown }[] }).sources.every((s) => s.timeoutMs === null),
    ).toBe(true);
  });
});

it('answers 404 when the simulator keeps no processing history', async () => {
  const { sim: bare } = makeUi({ scenario: makeScenario() });
  const { history: _history, ...deps } = bare.deps;
  const res = await request(uiApp({ deps, store: bare.store, soapPath: '/ssbtek/v10' })).get(
    '/ui/api/last-query',
  );
  expect(res.status).toBe(404);
  expect(res.type).toBe('application/problem+json');
});
