import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import type { RawScenario } from '../../simulator/scenarios/normalize.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makePersona, makeScenario } from '../support/factories.ts';
import { makeQuery, soapPing, soapQuery } from '../support/queries.ts';
import { xsdAvailable, xsdProblems } from '../support/xsd.ts';

const PNR = '198803159824';
let sim: Awaited<ReturnType<typeof startSimulator>> | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(overrides: Partial<RawScenario>, clock = '2026-11-27T07:15:00Z'): Promise<NonNullable<typeof sim>> {
  sim = await startSimulator({ scenario: makeScenario({ personas: [makePersona({ id: 'anna', personidentitet: PNR })], ...overrides }), port: 0, clock: fixedClock(clock) });
  return sim;
}

async function soap(s: NonNullable<typeof sim>, body: string): Promise<{ status: number; retryAfter: string | null; text: string }> {
  const res = await fetch(`${s.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text: await res.text() };
}

const onlyTns = makeQuery(PNR, { specifikaFrageparametrar: { AF: { inkludera: false }, CSN: { inkludera: false }, SKV: { inkludera: false }, SO: { inkludera: false }, MIV: { inkludera: false } } });

describe('the composite as a whole', () => {
  it('Given a planned maintenance window in force, Then every request gets 503 with Retry-After until it ends, and a fault valid by the XSD', async () => {
    const s = await start({ composite: { timeoutMs: 2000, maintenance: [{ from: '2026-11-27T07:00:00Z', to: '2026-11-27T07:30:00Z', message: 'Uppgradering pågår' }] } });
    const res = await soap(s, soapQuery(onlyTns));
    expect(res.status).toBe(503);
    expect(res.retryAfter).toBe(String(15 * 60));
    expect(res.text).toContain('<ssbt:felkod>SSBT-031</ssbt:felkod>');
    expect(res.text).toContain('Uppgradering pågår');
    if (xsdAvailable) expect(xsdProblems(res.text)).toBe('');
    const ping = await soap(s, soapPing());
    expect(ping.status).toBe(503);
    const json = await fetch(`${s.url}/api/v1/hamtaBastjanstInformation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(onlyTns) });
    expect(json.status).toBe(503);
    expect(await json.json()).toMatchObject({ felkod: 'SSBT-031', status: 503 });
  });

  it('Given a maintenance window that has ended, Then the service answers', async () => {
    const s = await start({ composite: { timeoutMs: 2000, maintenance: [{ from: '2026-11-27T06:00:00Z', to: '2026-11-27T07:00:00Z' }] } });
    expect((await soap(s, soapQuery(onlyTns))).status).toBe(200);
  });

  it('Given the service unavailable on every second call, Then calls 2 and 4 get 503 SSBT-030 with the configured Retry-After', async () => {
    const s = await start({ composite: { timeoutMs: 2000, unavailable: { retryAfterSeconds: 90, when: { everyNth: 2 } } } });
    const statuses: (number | string | null)[][] = [];
    for (let i = 0; i < 4; i++) {
      const r = await soap(s, soapQuery(onlyTns));
      statuses.push([r.status, r.retryAfter]);
    }
    expect(statuses).toEqual([[200, null], [503, '90'], [200, null], [503, '90']]);
  });

  it('Given a whole-request fault for one persona, Then that person\'s query is a SOAP fault with the scenario\'s felkod; others answer', async () => {
    const s = await start({
      personas: [makePersona({ id: 'anna', personidentitet: PNR }), makePersona({ id: 'other', personidentitet: '197911029911' })],
      composite: { timeoutMs: 2000, fault: { felkod: 'SSBT-TEKNISKT', felmeddelande: 'Internt fel i SSBT', when: { personas: ['anna'] } } },
    });
    const anna = await soap(s, soapQuery(onlyTns));
    expect(anna.status).toBe(500);
    expect(anna.text).toContain('<ssbt:felkod>SSBT-TEKNISKT</ssbt:felkod>');
    if (xsdAvailable) expect(xsdProblems(anna.text)).toBe('');
    expect((await soap(s, soapQuery({ ...onlyTns, generellaFrageparametrar: { ...onlyTns.generellaFrageparametrar, personidentitet: '197911029911' } }))).status).toBe(200);
    const json = await fetch(`${s.url}/api/v1/hamtaBastjanstInformation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(onlyTns) });
    expect(json.status).toBe(500);
  });

  it('Given a slow composite, Then the answer comes after its latency', async () => {
    const s = await start({ composite: { timeoutMs: 2000, latency: 300 } });
    const t0 = performance.now();
    expect((await soap(s, soapQuery(onlyTns))).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });
});

describe('the processing history and the journal', () => {
  it('records who asked about whom, for which case, with each source\'s outcome; refused queries too; never the answer', async () => {
    const s = await start({ sources: { TNS: { failure: { mode: 'technical-error', felkod: 'TNS-1' } } } });
    await soap(s, soapQuery(makeQuery(PNR, { generellaFrageparametrar: { korrelationsid: 'k-1' }, specifikaFrageparametrar: { CSN: { inkludera: false }, SKV: { inkludera: false }, MIV: { inkludera: false } } })));
    await soap(s, soapQuery(makeQuery('198803159825')));
    const entries = s.deps.history?.query({}) ?? [];
    expect(entries).toHaveLength(2);
    const [refused, answered] = entries;
    expect(answered).toMatchObject({
      time: '2026-11-27T07:15:00.000Z',
      scenario: 'test',
      municipality: { organisationsnummer: '162120000142', namn: 'Exempelkommunen' },
      caseworker: 'HL0001',
      personidentitet: PNR,
      arendeidentitet: 'ARENDE-2026-0001',
      korrelationsid: 'k-1',
      result: 'answered',
      via: 'SOAP',
    });
    expect(answered?.sources.map((x) => [x.code, x.outcome, x.felkod])).toEqual([
      ['AF', 'data', undefined],
      ['SO', 'data', undefined],
      ['TNS', 'error', 'TNS-1'],
    ]);
    expect(refused).toMatchObject({ result: 'refused', felkod: 'SSBT-013', personidentitet: '198803159825' });
    expect(JSON.stringify(entries)).not.toContain('Fornamn');
  });

  it('journals each raw request with its status, operation and felkod', async () => {
    const s = await start({});
    await soap(s, soapPing());
    await soap(s, '<not-xml');
    const page = s.deps.journal?.list({});
    expect(page?.map((e) => [e.path, e.status, e.operation, e.felkod])).toEqual([
      ['/ssbtek/v10', 200, 'testaBastjanstInformation', undefined],
      ['/ssbtek/v10', 500, undefined, 'SSBT-001'],
    ]);
    expect(page?.[1]?.body).toBe('<not-xml');
  });

  it('masks personidentiteter in the request log', async () => {
    const lines: string[] = [];
    sim = await startSimulator({ scenario: makeScenario({}), port: 0, log: (l) => lines.push(l) });
    await soap(sim, soapQuery(onlyTns));
    expect(lines.join('\n')).toContain('19880315-****');
    expect(lines.join('\n')).not.toContain(PNR);
  });
});
