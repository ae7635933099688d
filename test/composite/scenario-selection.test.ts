import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makePersona, makeScenario } from '../support/factories.ts';
import { makeQuery } from '../support/queries.ts';

const PNR = '198803159824';
const persona = makePersona({ id: 'anna', personidentitet: PNR });
const healthy = makeScenario({ name: 'healthy', personas: [persona] });
const skvDown = makeScenario({ name: 'skv-down', personas: [persona], sources: { SKV: { failure: { mode: 'technical-error', felkod: 'SKV-DOWN' } } } });
const query = makeQuery(PNR, { specifikaFrageparametrar: { AF: { inkludera: false }, CSN: { inkludera: false }, SO: { inkludera: false }, TNS: { inkludera: false }, MIV: { inkludera: false } } });

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator({ scenario: healthy, scenarios: [skvDown], port: 0, clock: fixedClock('2026-11-27T10:00:00Z') });
});
afterAll(async () => {
  await sim.close();
});

async function ask(scenario?: string): Promise<{ status: number; body: { svarsdata?: { SKV?: { data?: unknown; error?: { felkod: string } } }; felkod?: string } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (scenario !== undefined) headers['x-ssbtek-scenario'] = scenario;
  const res = await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, { method: 'POST', headers, body: JSON.stringify(query) });
  return { status: res.status, body: (await res.json()) as never };
}

describe('choosing the scenario per request', () => {
  it('Given parallel requests naming different scenarios, Then each is answered under its own, the composite and the base service alike', async () => {
    const names = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 'healthy' : 'skv-down'));
    const answers = await Promise.all(names.map((n) => ask(n)));
    answers.forEach((a, i) => {
      if (names[i] === 'healthy') expect(a.body.svarsdata?.SKV).toHaveProperty('data');
      else expect(a.body.svarsdata?.SKV?.error?.felkod).toBe('SKV-DOWN');
    });
  });

  it('Given no header, Then the active scenario answers; switching it through the admin API applies at once', async () => {
    expect((await ask()).body.svarsdata?.SKV).toHaveProperty('data');
    const put = await fetch(`${sim.url}/admin/scenarios/active`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'skv-down' }) });
    expect(put.status).toBe(200);
    expect((await ask()).body.svarsdata?.SKV?.error?.felkod).toBe('SKV-DOWN');
    await fetch(`${sim.url}/admin/scenarios/active`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'healthy' }) });
    expect((await ask()).body.svarsdata?.SKV).toHaveProperty('data');
  });

  it('Given a header naming no loaded scenario, Then the request is refused with SSBT-033', async () => {
    const a = await ask('nonexistent');
    expect(a.status).toBe(400);
    expect(a.body.felkod).toBe('SSBT-033');
  });

  it('Given a fault set live on a source, Then the next answer shows it; clearing it restores the source', async () => {
    const set = await fetch(`${sim.url}/admin/sources/SKV/fault`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'timeout' }) });
    expect(set.status).toBe(200);
    const down = await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(makeQuery(PNR, { specifikaFrageparametrar: { AF: { inkludera: false }, CSN: { inkludera: false }, SO: { inkludera: false }, TNS: { inkludera: false }, MIV: { inkludera: false } } })),
    });
    expect(((await down.json()) as { svarsdata: { SKV: { error: { kalla: string; felkod: string } } } }).svarsdata.SKV.error).toMatchObject({ kalla: 'SSBT', felkod: 'SSBT-101' });
    await fetch(`${sim.url}/admin/sources/SKV/fault`, { method: 'DELETE' });
    expect((await ask()).body.svarsdata?.SKV).toHaveProperty('data');
  });

  it('records each query in the history, readable through the admin API as JSON lines and CSV', async () => {
    const jsonl = await fetch(`${sim.url}/admin/history?personidentitet=${PNR}&format=jsonl`);
    expect(jsonl.headers.get('content-type')).toMatch(/application\/x-ndjson/);
    const lines = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l) as { personidentitet: string; scenario: string });
    expect(lines.length).toBeGreaterThanOrEqual(20);
    expect(new Set(lines.map((l) => l.scenario))).toEqual(new Set(['healthy', 'skv-down']));
    const csv = await fetch(`${sim.url}/admin/history?format=csv&limit=1`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toContain('personidentitet');
  });
});
