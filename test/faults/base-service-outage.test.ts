/**
 * A base service that crashes, restarts, stops answering or dies mid-answer while the composite
 * runs: every query still gets an answer (HTTP 200) with that source as a per-source error
 * (docs/felkoder.md: SSBT-102 no connection, SSBT-101 no answer in time), the other six sources'
 * data, and the source's data again once it is back: also through keep-alive connections the
 * composite's pool had opened to the old process.
 *
 * FK runs as a real base service on its own port (createBaseServiceApp + listen); the other six are
 * served in-process by the simulator. The port stays the same across crash, restart and the
 * misbehaving stand-ins of cases (c) and (d), the way a restarted process comes back on its port.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaseServiceApp } from '../../simulator/base-services/app.ts';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import { readAnswerEnvelope } from '../../simulator/composite/read-answer.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { staticScenario } from '../../simulator/domain/context.ts';
import { SOURCE_CODES, type SourceCode } from '../../simulator/domain/sources.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';
import type { Scenario } from '../../simulator/scenarios/types.ts';
import { listen, startSimulator, type Running } from '../../simulator/server.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapPing, soapQuery } from '../support/queries.ts';

/** FK's timeout while it hangs (cases c): short, so a hanging FK costs the test little. */
const FK_TIMEOUT_MS = 300;
/**
 * Every source's timeout otherwise: long enough that they answer in time on a loaded machine (the
 * composite and six base services share this process's event loop, so a burst queues FK's answer).
 */
const TIMEOUT_MS = 5000;
/** The longest a client waits for the composite before it calls the query unanswered. */
const CLIENT_DEADLINE_MS = 10_000;

/** The default persona `ordinary` (known to every source; no failure of its own in the default scenario). */
const ORDINARY = '198803159824';
const OTHERS = SOURCE_CODES.filter((c) => c !== 'FK');
const clock = fixedClock('2026-11-27T10:00:00Z');

const base = loadScenarioFile(fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url)));
/** The default scenario (the composite's timeout comes from the simulator's option). */
const scenario: Scenario = { ...base, name: 'outage' };
/** The same with FK's own short timeout: active in the composite while FK hangs. */
const shortFk: Scenario = {
  ...base,
  name: 'outage-short-fk',
  sources: { ...base.sources, FK: { failures: [], ...base.sources.FK, timeoutMs: FK_TIMEOUT_MS } },
};
/** For the FK base service: an FK that takes a while to answer, so calls are in flight when it is killed. */
const slowFk: Scenario = {
  ...scenario,
  sources: { ...scenario.sources, FK: { failures: [], latency: { model: 'uniform', min: 60, max: 140 } } },
};

/** Runs `body` with FK's short timeout in force in the composite. */
async function withShortFkTimeout(body: () => Promise<void>): Promise<void> {
  expect(sim.store.activate(shortFk.name)).toMatchObject({ ok: true });
  try {
    await body();
  } finally {
    sim.store.activate(scenario.name);
  }
}

let sim: Awaited<ReturnType<typeof startSimulator>>;
let fkPort = 0;
/** Whatever listens on fkPort now (the real FK, or a misbehaving stand-in); undefined when nothing does. */
let fk: { close(): Promise<void> } | undefined;

/** Starts the real FK base service on fkPort (any free port the first time). */
async function startFk(s: Scenario = scenario): Promise<void> {
  const app = createBaseServiceApp(SOURCES.FK, {
    clock,
    scenarios: staticScenario(s),
    runtime: createRuntimeState(),
  });
  const running: Running = await listen(app, '127.0.0.1', fkPort);
  fkPort = Number(new URL(running.url).port);
  fk = running;
}

/** A crash: every connection dropped at once, nothing listens any more. */
async function crashFk(): Promise<void> {
  await fk?.close();
  fk = undefined;
}

/** A stand-in for FK on fkPort, built from a raw net server or an http server; close() drops its connections. */
async function standIn(server: NetServer | HttpServer): Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(fkPort, '127.0.0.1', () => resolve());
  });
  expect((server.address() as AddressInfo).port).toBe(fkPort);
  fk = {
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

type SourceAnswer = { data?: unknown; error?: { kalla: string; felkod: string; felmeddelande: string[] } };
type Svarsdata = Partial<Record<SourceCode, SourceAnswer>>;

/** A query for all seven sources over the JSON API: the HTTP status, the sources' answers and how long it took. */
async function askJson(
  personidentitet = ORDINARY,
): Promise<{ status: number; svarsdata: Svarsdata; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fullQuery(personidentitet)),
    signal: AbortSignal.timeout(CLIENT_DEADLINE_MS),
  });
  const body = (await res.json()) as { svarsdata?: Svarsdata };
  return { status: res.status, svarsdata: body.svarsdata ?? {}, ms: performance.now() - started };
}

/** The same over SOAP, the answer read back with the project's reader (every payload decoded). */
async function askSoap(
  personidentitet = ORDINARY,
): Promise<{ status: number; svarsdata: Svarsdata; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${sim.url}/ssbtek/v10`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
    body: soapQuery(fullQuery(personidentitet)),
    signal: AbortSignal.timeout(CLIENT_DEADLINE_MS),
  });
  const text = await res.text();
  const read = readAnswerEnvelope(text);
  if (read.kind !== 'answer') throw new Error(`expected an answer, got ${read.kind}: ${text.slice(0, 500)}`);
  return { status: res.status, svarsdata: read.answer.svarsdata, ms: performance.now() - started };
}

/** The six sources other than FK each answered data. */
function expectOthersData(svarsdata: Svarsdata): void {
  for (const code of OTHERS) expect(svarsdata[code], code).toHaveProperty('data');
}

/** FK answered LEFI data (decoded: the LEFI JSON object). */
function expectFkData(svarsdata: Svarsdata): void {
  expect(svarsdata.FK?.error, 'FK error').toBeUndefined();
  expect(svarsdata.FK?.data).toEqual(expect.any(Object));
}

function expectFkError(svarsdata: Svarsdata, felkod: 'SSBT-101' | 'SSBT-102'): void {
  expect(svarsdata.FK?.data, 'FK data').toBeUndefined();
  expect(svarsdata.FK?.error).toMatchObject({ kalla: 'SSBT', felkod });
  expect(svarsdata.FK?.error?.felmeddelande.join(' ')).toContain('FK');
}

beforeAll(async () => {
  await startFk();
  sim = await startSimulator({
    scenario,
    scenarios: [shortFk],
    port: 0,
    clock,
    timeoutMs: TIMEOUT_MS,
    baseUrls: { FK: `http://127.0.0.1:${fkPort}` },
  });
  // Warm up: the first answers compile schemas and writers; open a few pooled connections to FK.
  await Promise.all([askJson(), askSoap(), askJson(), askSoap()]);
});

afterAll(async () => {
  await fk?.close();
  await sim?.close();
});

describe('a base service that crashes, restarts or stops answering', () => {
  it("(a) Given FK crashed (connections dropped, nothing listens), Then queries are answered 200 with FK error SSBT-102 and the others' data, at once", async () => {
    expectFkData((await askJson()).svarsdata);
    await crashFk();
    for (const ask of [askJson, askSoap, askJson]) {
      const { status, svarsdata, ms } = await ask();
      expect(status).toBe(200);
      expectFkError(svarsdata, 'SSBT-102');
      expectOthersData(svarsdata);
      expect(ms).toBeLessThan(2000);
    }
    // The ping sees it too.
    const ping = await fetch(`${sim.url}/ssbtek/v10`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body: soapPing(),
    });
    const read = readAnswerEnvelope(await ping.text());
    expect(ping.status).toBe(200);
    expect(read.kind === 'ping' && read.ping.FK?.error).toMatchObject({ kalla: 'SSBT', felkod: 'SSBT-102' });
  });

  it('(b) Given FK restarted on the same port, Then the next queries get FK data again, one after another and many at once', async () => {
    if (fk !== undefined) await crashFk();
    expectFkError((await askJson()).svarsdata, 'SSBT-102');
    await startFk();
    for (const ask of [askJson, askSoap]) {
      const { status, svarsdata } = await ask();
      expect(status).toBe(200);
      expectFkData(svarsdata);
      expectOthersData(svarsdata);
    }
    // Many at once: the pool opens new connections to the new process; none of the old ones is reused.
    const many = await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? askJson() : askSoap())),
    );
    for (const { status, svarsdata } of many) {
      expect(status).toBe(200);
      expectFkData(svarsdata);
    }
  });

  it('(b) Given the composite holds idle keep-alive connections to FK when it crashes and comes back, Then the first query after the restart already gets FK data', async () => {
    // Fill the pool: concurrent queries leave several idle keep-alive connections to FK.
    await Promise.all(Array.from({ length: 8 }, () => askJson()));
    await crashFk();
    await startFk();
    const { svarsdata } = await askJson();
    expectFkData(svarsdata);
    expectOthersData(svarsdata);
  });

  it('(c) Given FK accepts connections but never answers (raw TCP), Then FK is error SSBT-101 within about its timeout and the others have data; data again once FK is back', async () => {
    await crashFk();
    const server = createNetServer((socket) => {
      socket.on('data', () => undefined); // reads the request, never writes
      socket.on('error', () => undefined);
    });
    await standIn(server);
    await withShortFkTimeout(async () => {
      const answers = await Promise.all([askJson(), askSoap(), askJson()]);
      for (const { status, svarsdata, ms } of answers) {
        expect(status).toBe(200);
        expectFkError(svarsdata, 'SSBT-101');
        expect(svarsdata.FK?.error?.felmeddelande).toEqual([
          `FK svarade inte inom ${FK_TIMEOUT_MS} ms. Försök igen senare.`,
        ]);
        expectOthersData(svarsdata);
        expect(ms).toBeGreaterThanOrEqual(FK_TIMEOUT_MS - 5);
        expect(ms).toBeLessThan(FK_TIMEOUT_MS + 1500);
      }
    });
    await crashFk();
    await startFk();
    expectFkData((await askJson()).svarsdata);
  });

  it('(c) Given FK is an HTTP server whose handler never responds, Then FK is error SSBT-101 within about its timeout and the others have data', async () => {
    await crashFk();
    const server = createHttpServer(() => undefined);
    await standIn(server);
    await withShortFkTimeout(async () => {
      const { status, svarsdata, ms } = await askSoap();
      expect(status).toBe(200);
      expectFkError(svarsdata, 'SSBT-101');
      expectOthersData(svarsdata);
      expect(ms).toBeLessThan(FK_TIMEOUT_MS + 1500);
    });
    await crashFk();
    await startFk();
    expectFkData((await askJson()).svarsdata);
  });

  it('(c) Given FK sends its headers and then stalls, Then the timeout covers the body too: SSBT-101 within about the timeout', async () => {
    await crashFk();
    const server = createHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
      res.write('{"utlamnare":');
    });
    await standIn(server);
    await withShortFkTimeout(async () => {
      const { status, svarsdata, ms } = await askJson();
      expect(status).toBe(200);
      expectFkError(svarsdata, 'SSBT-101');
      expectOthersData(svarsdata);
      expect(ms).toBeLessThan(FK_TIMEOUT_MS + 1500);
    });
    await crashFk();
    await startFk();
  });

  describe('(d) Given FK dies mid-response', () => {
    const variants: [string, (socket: Socket) => void][] = [
      [
        'headers and part of a Content-Length body, then the socket is destroyed',
        (socket) => {
          socket.write(
            'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nConnection: keep-alive\r\n\r\n{"utlamnare":{"namn":"Försäk',
          );
          setTimeout(() => socket.destroy(), 20);
        },
      ],
      [
        'headers and one chunk of a chunked body, then the socket is destroyed',
        (socket) => {
          socket.write(
            'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{"utlamnare":{"n\r\n',
          );
          setTimeout(() => socket.destroy(), 20);
        },
      ],
      [
        'only the status line and headers, then the socket is reset',
        (socket) => {
          socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n');
          setTimeout(() => socket.resetAndDestroy(), 20);
        },
      ],
      [
        'half a status line, then the socket is closed',
        (socket) => {
          socket.end('HTTP/1.1 20');
        },
      ],
    ];
    for (const [name, behave] of variants) {
      it(`${name}: FK is error SSBT-102, the others have data, and FK answers again once it is back`, async () => {
        await crashFk();
        const server = createNetServer((socket) => {
          socket.on('error', () => undefined);
          socket.once('data', () => behave(socket));
        });
        await standIn(server);
        for (const ask of [askJson, askSoap]) {
          const { status, svarsdata, ms } = await ask();
          expect(status).toBe(200);
          expectFkError(svarsdata, 'SSBT-102');
          expectOthersData(svarsdata);
          expect(ms).toBeLessThan(2000);
        }
        await crashFk();
        await startFk();
        expectFkData((await askJson()).svarsdata);
      });
    }
  });

  // Fails until simulator/composite/fan-out.ts handles undici's HTTPParserError (its `code` is
  // undefined, so callSource rethrows it and the whole query becomes SSBT-099, HTTP 500).
  describe('(d) Given FK answers bytes that are not a readable HTTP response', () => {
    const variants: [string, string][] = [
      ['no HTTP at all', 'hello there\r\n\r\n'],
      [
        'a chunked body with a chunk size that is not hex',
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n',
      ],
      [
        'a header name with a space in it',
        'HTTP/1.1 200 OK\r\nContent Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
      ],
    ];
    for (const [name, bytes] of variants) {
      it(`${name}: the query is still answered 200, FK a per-source error and the others data`, async () => {
        await crashFk();
        const server = createNetServer((socket) => {
          socket.on('error', () => undefined);
          socket.once('data', () => socket.end(bytes));
        });
        await standIn(server);
        try {
          for (const ask of [askJson, askSoap]) {
            const { status, svarsdata } = await ask();
            expect(status).toBe(200);
            expect(svarsdata.FK?.data).toBeUndefined();
            expect(['SSBT-102', 'BT-201', 'BT-202']).toContain(svarsdata.FK?.error?.felkod);
            expectOthersData(svarsdata);
          }
        } finally {
          await crashFk();
          await startFk();
        }
      });
    }
  });

  it('(e) Given a burst of 50 queries during which FK is killed and restarted, Then every query is answered and FK is data or a per-source error in each', async () => {
    await crashFk();
    await startFk(slowFk); // FK takes 60-140 ms: calls are in flight when it is killed
    const ticks = 50;
    const results: Promise<{ status: number; svarsdata: Svarsdata } | { rejected: unknown }>[] = [];
    const started = performance.now();
    let killedAt = 0;
    let restartedAt = 0;
    for (let i = 0; i < ticks; i++) {
      // A query every 6 ms or so (longer on a busy machine); FK is killed after the 17th and back after the 31st.
      results.push((i % 2 === 0 ? askJson() : askSoap()).catch((e: unknown) => ({ rejected: e })));
      if (i === 16) {
        await crashFk();
        killedAt = performance.now() - started;
      }
      if (i === 30) {
        await startFk(slowFk);
        restartedAt = performance.now() - started;
      }
      await new Promise((r) => setTimeout(r, 6));
    }
    const settled = await Promise.all(results);
    const fkOutcomes = new Map<string, number>();
    for (const r of settled) {
      expect(r, 'a query was not answered').not.toHaveProperty('rejected');
      if ('rejected' in r) continue;
      expect(r.status).toBe(200);
      for (const code of OTHERS) expect(r.svarsdata[code], code).toBeDefined();
      const fkAnswer = r.svarsdata.FK;
      expect(fkAnswer).toBeDefined();
      const kind =
        fkAnswer?.data !== undefined
          ? 'data'
          : `${fkAnswer?.error?.kalla ?? '?'}/${fkAnswer?.error?.felkod ?? '?'}`;
      fkOutcomes.set(kind, (fkOutcomes.get(kind) ?? 0) + 1);
    }
    const summary = Object.fromEntries(fkOutcomes);
    expect(settled).toHaveLength(ticks);
    // Each FK outcome is data or an error the composite owns (no connection, or no answer in time).
    for (const kind of fkOutcomes.keys())
      expect(
        ['data', 'SSBT/SSBT-102', 'SSBT/SSBT-101'],
        JSON.stringify({ summary, killedAt, restartedAt }),
      ).toContain(kind);
    // Queries before the kill and after the restart got data; calls in flight at the kill did not.
    expect(summary.data ?? 0, JSON.stringify(summary)).toBeGreaterThan(0);
    expect(
      (summary['SSBT/SSBT-102'] ?? 0) + (summary['SSBT/SSBT-101'] ?? 0),
      JSON.stringify(summary),
    ).toBeGreaterThan(0);
    // And after the burst, FK is fully back.
    expectFkData((await askJson()).svarsdata);
  });
});
