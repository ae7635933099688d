/**
 * The base services' lean path (issue 7): a query call in the route's exact spelling with a plain
 * JSON body is served without express's router and body parser. Every other request still goes
 * through express, so the same request sent once in the exact spelling and once with a trailing
 * slash (which express's router accepts too) must get the same answer: status, headers (Date aside)
 * and body, failures included. Also: the body limit, the ways a client goes away, and the
 * dispatcher that serves several base services under their prefixes.
 */
import { request as httpRequest, createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBaseServiceApp, leanEntryOf, MAX_HOLD_MS, SCENARIO_HEADER } from '../../simulator/base-services/app.ts';
import { BODY_LIMIT_BYTES, compileRoute, leanBodyLength, parseJsonBody } from '../../simulator/base-services/lean-http.ts';
import { createBaseServicesApp } from '../../simulator/base-services/mount.ts';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import type { SourceModule } from '../../simulator/base-services/types.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import type { SimContext } from '../../simulator/domain/context.ts';
import { SOURCE_CODES, type SourceCode } from '../../simulator/domain/sources.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';
import type { Scenario } from '../../simulator/scenarios/types.ts';
import { makeBaseRequest, makeScenario } from '../support/factories.ts';
import { lefiJson } from '../support/lefi.ts';

const NOW = '2026-11-27T10:00:00Z';
const defaultScenario = loadScenarioFile(fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url)));
/** Default personas: one known to every source with data, a student, a pensioner, one no source knows of. */
const PEOPLE = ['198803159824', '200109239848', '195206089954', '194107086995'];

function context(scenario: Scenario, ...more: Scenario[]): SimContext {
  const all = [scenario, ...more];
  return {
    clock: fixedClock(NOW),
    scenarios: { current: () => scenario, get: (name) => all.find((s) => s.name === name), loadedAt: () => new Date(0) },
    runtime: createRuntimeState(),
  };
}

interface Served {
  port: number;
  close(): Promise<void>;
}

async function serve(listener: RequestListener): Promise<Served> {
  const server = createServer(listener);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** An answer as a client sees it: status, headers (Date aside), body; or 'reset' when the connection was dropped. */
type Seen = { status: number; headers: Record<string, string | string[] | undefined>; body: string } | 'reset';

function send(port: number, call: Call): Promise<Seen> {
  const body = call.body === undefined ? undefined : Buffer.isBuffer(call.body) ? call.body : Buffer.from(call.body);
  const headers: Record<string, string> = { ...(call.headers ?? {}) };
  if (body !== undefined && headers['transfer-encoding'] === undefined) headers['content-length'] = String(body.length);
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: call.method ?? 'POST', path: call.path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const seen = { ...res.headers };
        delete seen.date;
        resolve({ status: res.statusCode ?? 0, headers: seen, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', () => resolve('reset'));
    });
    req.on('error', () => resolve('reset'));
    req.end(body);
  });
}

/** The call the composite makes to a source for a person (FK: aktorsid 1000001, every LEFI group). */
function compositeCall(source: SourceModule, personidentitet: string): Call {
  const fk = source.code === 'FK' ? { version: 'v9', aktorsid: '1000001', lefiJsonFraga: lefiJson(personidentitet) } : undefined;
  const call = source.buildCall(makeBaseRequest({ personidentitet, korrelationsid: `lean-${personidentitet}` }), fk);
  return { path: call.path, headers: call.headers, body: call.body };
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** Bodies that are not a query: body-parser's refusals and the query check's. */
const BAD_BODIES: [string, string | Buffer][] = [
  ['malformed JSON', '{"personidentitet":'],
  ['a trailing comma', '{"a":1,}'],
  ['a JSON string (strict)', '"just a string"'],
  ['a JSON number after blanks (strict)', '  \n 12'],
  ['true (strict)', 'true'],
  ['blanks only (strict)', '   '],
  ['an unknown word', 'nul'],
  ['an empty body ({} by body-parser)', ''],
  ['an empty array', '[]'],
  ['an object that is no query', '{"personidentitet":"1"}'],
  ['a byte order mark before the JSON', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"personidentitet":"x"}')])],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])],
  ['a lone surrogate escape', '{"personidentitet":"\\ud800"}'],
];

/** Sends `calls` to two fresh apps, one in the route's exact spelling (lean) and one with a trailing slash (express); returns both. */
async function bothWays(source: SourceModule, scenario: Scenario, calls: Call[], more: Scenario[] = []): Promise<{ lean: Seen[]; viaExpress: Seen[] }> {
  const lean = await serve(createBaseServiceApp(source, context(scenario, ...more)));
  const viaExpress = await serve(createBaseServiceApp(source, context(scenario, ...more)));
  try {
    const a: Seen[] = [];
    const b: Seen[] = [];
    for (const call of calls) {
      a.push(await send(lean.port, call));
      b.push(await send(viaExpress.port, { ...call, path: call.path.replace(/(\?|$)/, '/$1') }));
    }
    return { lean: a, viaExpress: b };
  } finally {
    await lean.close();
    await viaExpress.close();
  }
}

describe('which requests take the lean path', () => {
  it('Given the route in its exact spelling, Then it matches (with its parameters); any other spelling is left to express', () => {
    const tns = compileRoute('/tns/ssbtek/hamtauppgifter/v1');
    expect(tns('/tns/ssbtek/hamtauppgifter/v1')).toEqual({});
    for (const other of ['/tns/ssbtek/hamtauppgifter/v1/', '/TNS/ssbtek/hamtauppgifter/v1', '/tns/ssbtek/hamtauppgifter/v1?x=1', '/tns/ssbtek/hamtauppgifter']) expect(tns(other)).toBeUndefined();
    const fk = compileRoute(SOURCES.FK.routePath);
    expect(fk('/lefi-extern-formansinformation/v9/aktorer/1000001/formansinformation/fraga')).toEqual({ version: 'v9', aktorsId: '1000001' });
    for (const other of [
      '/lefi-extern-formansinformation/v9/aktorer/1000001/formansinformation/fraga/',
      '/lefi-extern-formansinformation//aktorer/1000001/formansinformation/fraga',
      '/lefi-extern-formansinformation/v%39/aktorer/1000001/formansinformation/fraga',
      '/lefi-extern-formansinformation/v9/aktorer/1000001/formansinformation/fraga?a=b',
      '/lefi-extern-formansinformation/v9/AKTORER/1000001/formansinformation/fraga',
    ])
      expect(fk(other)).toBeUndefined();
  });

  it('Given a JSON body in UTF-8 of declared length within 1 MB, Then the lean path reads it; otherwise express does', () => {
    const req = (headers: Record<string, string>): IncomingMessage => ({ headers }) as unknown as IncomingMessage;
    expect(leanBodyLength(req({ 'content-type': 'application/json', 'content-length': '12' }))).toBe(12);
    expect(leanBodyLength(req({ 'content-type': 'Application/JSON; charset=UTF-8', 'content-length': '0' }))).toBe(0);
    expect(leanBodyLength(req({ 'content-type': 'application/json', 'content-length': String(BODY_LIMIT_BYTES) }))).toBe(BODY_LIMIT_BYTES);
    const refused: Record<string, string>[] = [
      { 'content-type': 'application/json', 'content-length': String(BODY_LIMIT_BYTES + 1) },
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      { 'content-type': 'application/json', 'content-length': '10', 'content-encoding': 'gzip' },
      { 'content-type': 'application/json; charset=latin1', 'content-length': '10' },
      { 'content-type': 'application/problem+json', 'content-length': '10' },
      { 'content-type': 'text/plain', 'content-length': '10' },
      { 'content-length': '10' },
    ];
    for (const headers of refused) expect(leanBodyLength(req(headers))).toBeUndefined();
  });

  it('parses as body-parser does: {} for an empty body, only objects and arrays, JSON.parse\'s message otherwise', () => {
    expect(parseJsonBody('')).toEqual({ ok: true, value: {} });
    expect(parseJsonBody(' [1]')).toEqual({ ok: true, value: [1] });
    expect(parseJsonBody('"x"')).toEqual({ ok: false, message: 'Unexpected token \'"\', ""x"" is not valid JSON' });
    expect(parseJsonBody('{"a":')).toEqual({ ok: false, message: 'Unexpected end of JSON input' });
  });

  it('an app made by createBaseServiceApp has a lean entry; other apps do not', () => {
    expect(leanEntryOf(createBaseServiceApp(SOURCES.AF, context(defaultScenario)))).toBeTypeOf('function');
    expect(leanEntryOf(express())).toBeUndefined();
  });
});

describe('the lean path answers exactly as express does', () => {
  it.each(SOURCE_CODES)('%s: the composite\'s calls for several people, both content types, and a scenario named in the header', async (code: SourceCode) => {
    const source = SOURCES[code];
    const calls: Call[] = [];
    for (const person of PEOPLE) {
      const call = compositeCall(source, person);
      calls.push(call, { ...call, headers: { ...call.headers, 'content-type': 'application/json; charset=utf-8' } });
      calls.push({ ...call, headers: { ...call.headers, [SCENARIO_HEADER]: defaultScenario.name } });
    }
    const { lean, viaExpress } = await bothWays(source, defaultScenario, calls);
    expect(lean).toEqual(viaExpress);
    for (const seen of lean) {
      if (seen === 'reset') throw new Error('reset');
      expect(seen.status).toBe(200);
      expect(seen.headers['content-type']).toBe(`${source.mediaType}; charset=utf-8`);
      expect(Number(seen.headers['content-length'])).toBe(Buffer.byteLength(seen.body));
    }
  });

  it.each(SOURCE_CODES)('%s: bodies that are no query, and a scenario header naming no loaded scenario', async (code: SourceCode) => {
    const source = SOURCES[code];
    const path = compositeCall(source, PEOPLE[0] as string).path;
    const calls: Call[] = BAD_BODIES.map(([, body]) => ({ path, headers: JSON_TYPE, body }));
    calls.push({ ...compositeCall(source, PEOPLE[0] as string), headers: { ...JSON_TYPE, [SCENARIO_HEADER]: 'not-loaded' } });
    const { lean, viaExpress } = await bothWays(source, defaultScenario, calls);
    expect(lean).toEqual(viaExpress);
    const statuses = lean.map((s) => (s === 'reset' ? 0 : s.status));
    expect(statuses.slice(0, BAD_BODIES.length).every((s) => s === 400 || (code === 'FK' && s === 403))).toBe(true);
    expect(statuses.at(-1)).toBe(404);
    const malformed = lean[0] as Exclude<Seen, 'reset'>;
    expect(JSON.parse(malformed.body)).toMatchObject({ title: 'Malformed JSON body', status: 400 });
  });

  it('FK: LEFI\'s own refusals (a version not served, an actor not listed, nothing asked) and CSN\'s (a long arendeidentitet)', async () => {
    const fk = compositeCall(SOURCES.FK, PEOPLE[0] as string);
    const body = JSON.parse(fk.body as string) as Record<string, unknown>;
    const fkCalls: Call[] = [
      { ...fk, path: fk.path.replace('/v9/', '/v8/') },
      { ...fk, path: fk.path.replace('/1000001/', '/9999999/') },
      { ...fk, body: JSON.stringify({ personnummer: body.personnummer, period: body.period }) },
      { ...fk, body: JSON.stringify({ ...body, period: { from: '2026-06-30', tom: '2026-01-01' } }) },
    ];
    const fkSeen = await bothWays(SOURCES.FK, defaultScenario, fkCalls);
    expect(fkSeen.lean).toEqual(fkSeen.viaExpress);
    expect(fkSeen.lean.map((s) => (s === 'reset' ? 0 : s.status))).toEqual([404, 403, 400, 400]);
    const csn = compositeCall(SOURCES.CSN, PEOPLE[0] as string);
    const csnSeen = await bothWays(SOURCES.CSN, defaultScenario, [{ ...csn, body: JSON.stringify(makeBaseRequest({ arendeidentitet: 'A'.repeat(40) })) }]);
    expect(csnSeen.lean).toEqual(csnSeen.viaExpress);
    expect(csnSeen.lean[0]).toMatchObject({ status: 400 });
  });

  it.each(['TNS', 'FK'] as const)('%s: every failure mode in a sequence, then data again', async (code) => {
    const sequence = [
      'ok',
      { mode: 'technical-error', felkod: 'X-1', felmeddelande: 'Tekniskt fel' },
      { mode: 'http-error', status: 502 },
      'empty',
      'truncated',
      'invalid-payload',
      'reset',
      'ok',
    ];
    const scenario = makeScenario({ name: 'failing', municipalities: defaultScenario.municipalities, personas: defaultScenario.personas, sources: { [code]: { sequence } } });
    const call = compositeCall(SOURCES[code], PEOPLE[0] as string);
    const { lean, viaExpress } = await bothWays(SOURCES[code], scenario, sequence.map(() => call));
    expect(lean).toEqual(viaExpress);
    expect(lean.map((s) => (s === 'reset' ? 'reset' : s.status))).toEqual([200, 500, 502, 200, 200, 200, 'reset', 200]);
  });
});

describe('the body limit (1 MB, as express.json\'s)', () => {
  it('Given a body of exactly 1 MB, Then it is read and checked; one byte more, Then 500 problem+json as before (and the error in the log)', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const served = await serve(createBaseServiceApp(SOURCES.TNS, context(defaultScenario)));
      try {
        const fill = (n: number): string => `{"x":"${'a'.repeat(n - 8)}"}`;
        expect(Buffer.byteLength(fill(BODY_LIMIT_BYTES))).toBe(BODY_LIMIT_BYTES);
        const path = SOURCES.TNS.routePath;
        const atLimit = await send(served.port, { path, headers: JSON_TYPE, body: fill(BODY_LIMIT_BYTES) });
        expect(atLimit).toMatchObject({ status: 400 });
        expect(JSON.parse((atLimit as Exclude<Seen, 'reset'>).body)).toMatchObject({ title: 'Invalid base-service query' });
        expect(errors).not.toHaveBeenCalled();
        const over = await send(served.port, { path, headers: JSON_TYPE, body: fill(BODY_LIMIT_BYTES + 1) });
        expect(over).toMatchObject({ status: 500, headers: { 'content-type': 'application/problem+json; charset=utf-8' } });
        expect(JSON.parse((over as Exclude<Seen, 'reset'>).body)).toEqual({ type: 'about:blank', title: 'Internal error', status: 500, detail: 'the base service failed; see its log' });
        expect(String(errors.mock.calls[0]?.[0])).toBe('[TNS] internal error:');
      } finally {
        await served.close();
      }
    } finally {
      errors.mockRestore();
    }
  });
});

describe('a client that goes away while the base service waits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Polls (on the real event loop, not a clock) until `check` holds. */
  async function until(check: () => boolean): Promise<void> {
    while (!check()) await new Promise<void>((done) => setImmediate(done));
  }

  it.each([
    { label: 'injected latency', behaviour: { latencyMs: 60_000 }, wait: 60_000, viaExpress: false },
    { label: 'injected latency', behaviour: { latencyMs: 60_000 }, wait: 60_000, viaExpress: true },
    { label: 'a held request (mode timeout)', behaviour: { failure: { mode: 'timeout' } }, wait: MAX_HOLD_MS, viaExpress: false },
    { label: 'a held request (mode timeout)', behaviour: { failure: { mode: 'timeout' } }, wait: MAX_HOLD_MS, viaExpress: true },
  ])('Given $label, when the client goes away (through express: $viaExpress), Then the wait ends at once and nothing is written', async ({ behaviour, wait, viaExpress }) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const scenario = makeScenario({ name: 'waiting', personas: defaultScenario.personas, sources: { TNS: behaviour } } as never);
    const app = createBaseServiceApp(SOURCES.TNS, context(scenario));
    let response: ServerResponse | undefined;
    const served = await serve((req, res) => {
      response = res;
      (app as unknown as RequestListener)(req, res);
    });
    try {
      const call = compositeCall(SOURCES.TNS, PEOPLE[0] as string);
      const body = Buffer.from(call.body as string);
      const req = httpRequest({
        host: '127.0.0.1',
        port: served.port,
        method: 'POST',
        path: viaExpress ? `${call.path}/` : call.path,
        headers: { ...call.headers, 'content-length': String(body.length) },
        agent: false,
      });
      req.on('error', () => undefined);
      req.end(body);
      await until(() => vi.getTimerCount() === 1);
      const closed = new Promise<void>((done) => response?.once('close', () => done()));
      req.destroy();
      await closed;
      await until(() => vi.getTimerCount() === 0);
      vi.advanceTimersByTime(wait + 1);
      expect(response?.headersSent).toBe(false);
      expect(response?.writableEnded).toBe(false);
    } finally {
      vi.useRealTimers();
      await served.close();
    }
  });
});

describe('several base services under their prefixes (createBaseServicesApp)', () => {
  it('answers every request as plain express mounting does: query calls, other spellings, health, unknown paths', async () => {
    const prefix = (code: SourceCode): string => `/base-services/${code.toLowerCase()}`;
    const build = (lean: boolean): RequestListener => {
      const ctx = context(defaultScenario);
      const services = SOURCE_CODES.map((code) => ({ prefix: prefix(code), app: createBaseServiceApp(SOURCES[code], ctx) }));
      if (lean) return createBaseServicesApp(services);
      const app = express();
      app.disable('x-powered-by');
      for (const s of services) app.use(s.prefix, s.app);
      return app;
    };
    const calls: Call[] = [];
    for (const code of SOURCE_CODES) {
      const call = compositeCall(SOURCES[code], PEOPLE[0] as string);
      calls.push({ ...call, path: `${prefix(code)}${call.path}` });
      calls.push({ ...call, path: `${prefix(code)}${call.path}/` });
      calls.push({ ...call, path: `${prefix(code).toUpperCase()}${call.path}` });
      calls.push({ ...call, path: `${prefix(code)}${call.path}`, body: '{"a":' });
      calls.push({ method: 'GET', path: `${prefix(code)}/health` });
      calls.push({ ...call, path: `${prefix(code)}/nowhere` });
    }
    calls.push({ ...compositeCall(SOURCES.AF, PEOPLE[0] as string), path: '/base-services/xx/fraga' });
    calls.push({ ...compositeCall(SOURCES.AF, PEOPLE[0] as string), path: `${prefix('AF')}x${SOURCES.AF.routePath}` });
    const plain = await serve(build(false));
    const lean = await serve(build(true));
    try {
      for (const call of calls) {
        const [a, b] = [await send(lean.port, call), await send(plain.port, call)];
        expect({ call: call.path, seen: a }).toEqual({ call: call.path, seen: b });
      }
    } finally {
      await plain.close();
      await lean.close();
    }
  });
});
