/**
 * A call's latency counts from when the composite began it (issue 7): the composite stamps its calls to
 * the in-process base services with its monotonic time (x-ssbtek-call-started), and those base services
 * answer `latency` after that stamp rather than after the request reached their handler through the
 * shared event loop. Base services elsewhere get no stamp; a base service not told to trust stamps
 * ignores them. The monotonic clock is injected here, so nothing below depends on timing: a call that
 * should wait 8 s either answers at once or is still waiting when the client gives up after 1.5 s.
 */
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseServiceApp } from '../../simulator/base-services/app.ts';
import { CALL_STARTED_HEADER, callStartedValue, waitStartOf } from '../../simulator/base-services/call-start.ts';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import { callSource } from '../../simulator/composite/fan-out.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import type { SimContext } from '../../simulator/domain/context.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';
import type { Scenario } from '../../simulator/scenarios/types.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makeBaseRequest, makeScenario } from '../support/factories.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapQuery } from '../support/queries.ts';

const defaultScenario = loadScenarioFile(fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url)));
const PNR = '198803159824';
const LATENCY_MS = 8000;
/** The injected monotonic clock's "now" in the base service under test. */
const NOW_MS = 50_000;

describe('waitStartOf: when the wait for a call latency starts', () => {
  it.each([
    ['no stamp', undefined, 1000],
    ['an empty stamp', '', 1000],
    ['a stamp that is no number', 'soon', 1000],
    ['a repeated header', ['900', '950'], 1000],
    ['a stamp in the future', '1000.5', 1000],
    ['a stamp more than 10 s old', String(1000 - 10_001), 1000],
    ['a stamp 300 ms old', '700.000', 700],
    ['a stamp exactly now', '1000', 1000],
    ['a stamp 10 s old', String(1000 - 10_000), 1000 - 10_000],
  ])('%s counts from %s', (_label, value, expected) => {
    expect(waitStartOf(value, 1000)).toBe(expected);
  });

  it('writes the stamp with microseconds, which it reads back', () => {
    expect(callStartedValue(1234.56789)).toBe('1234.568');
    expect(waitStartOf(callStartedValue(1234.56789), 1300)).toBe(1234.568);
  });
});

function context(scenario: Scenario): SimContext {
  return {
    clock: fixedClock('2026-11-27T10:00:00Z'),
    scenarios: { current: () => scenario, get: () => scenario, loadedAt: () => new Date(0) },
    runtime: createRuntimeState(),
  };
}

async function serve(listener: RequestListener): Promise<{ url: string; server: Server }> {
  const server = createServer(listener);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
}

describe('a base service told to count from the composite stamp', () => {
  const scenario = makeScenario({ name: 'slow', personas: defaultScenario.personas, sources: { TNS: { latencyMs: LATENCY_MS } } });
  let trusting: { url: string; server: Server };
  let plain: { url: string; server: Server };

  beforeAll(async () => {
    const options = { monotonic: () => NOW_MS };
    trusting = await serve(createBaseServiceApp(SOURCES.TNS, context(scenario), { ...options, countFromCallStart: true }));
    plain = await serve(createBaseServiceApp(SOURCES.TNS, context(scenario), options));
  });
  afterAll(async () => {
    await close(trusting.server);
    await close(plain.server);
  });

  /** The call's status, or 'still waiting' when no answer came within 1.5 s (the wait is 8 s unless the stamp counts). */
  async function call(url: string, stamp: string | undefined): Promise<number | 'still waiting'> {
    const c = SOURCES.TNS.buildCall(makeBaseRequest({ personidentitet: PNR, korrelationsid: 'call-start' }));
    const headers: Record<string, string> = { ...c.headers };
    if (stamp !== undefined) headers[CALL_STARTED_HEADER] = stamp;
    try {
      const res = await request(`${url}${c.path}`, { method: 'POST', headers, body: c.body, signal: AbortSignal.timeout(1500) });
      await res.body.text();
      return res.statusCode;
    } catch (e) {
      if ((e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError') return 'still waiting';
      throw e;
    }
  }

  it('answers at once when the composite began the call the whole latency ago', async () => {
    expect(await call(trusting.url, callStartedValue(NOW_MS - LATENCY_MS))).toBe(200);
  });

  it('still waits for the latency without a stamp, or with one in the future or from long ago', async () => {
    const results = await Promise.all([
      call(trusting.url, undefined),
      call(trusting.url, callStartedValue(NOW_MS + 5)),
      call(trusting.url, callStartedValue(NOW_MS - 10_001)),
    ]);
    expect(results).toEqual(['still waiting', 'still waiting', 'still waiting']);
  });

  it('is ignored by a base service not told to count from it (one that does not share the clock)', async () => {
    expect(await call(plain.url, callStartedValue(NOW_MS - LATENCY_MS))).toBe('still waiting');
  });
});

describe('the composite stamps its calls', () => {
  it('with the call start on its monotonic clock, only when asked to (in-process base services)', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const stand = await serve((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () => res.writeHead(503).end());
    });
    const agent = new Agent();
    try {
      const base = { source: SOURCES.AF, baseUrl: stand.url, request: makeBaseRequest({ personidentitet: PNR }), timeoutMs: 2000, dispatcher: agent, t0: 1000 };
      let clock = 1250.25;
      await callSource({ ...base, monotonic: () => clock, stampCallStart: true });
      clock = 2000;
      await callSource({ ...base, monotonic: () => clock });
      expect(seen[0]?.[CALL_STARTED_HEADER]).toBe('1250.250');
      expect(seen[1]?.[CALL_STARTED_HEADER]).toBeUndefined();
    } finally {
      await agent.close();
      await close(stand.server);
    }
  });

  it('never towards a base service elsewhere (--base-urls), whose clock is not the composite one', async () => {
    const seen = new Map<string, IncomingHttpHeaders>();
    const stand = await serve((req, res) => {
      seen.set(req.url ?? '', req.headers);
      req.resume();
      req.on('end', () => res.writeHead(503).end());
    });
    const sim = await startSimulator({ scenario: makeScenario({ name: 'stamps' }), port: 0, baseUrls: { AF: `${stand.url}/af` } });
    try {
      const res = await request(`${sim.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: soapQuery(fullQuery(PNR)) });
      expect(res.statusCode).toBe(200);
      await res.body.text();
      expect(seen.size).toBe(1);
      for (const headers of seen.values()) expect(headers[CALL_STARTED_HEADER]).toBeUndefined();
    } finally {
      await sim.close();
      await close(stand.server);
    }
  });
});
