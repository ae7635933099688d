import type { Duplex } from 'node:stream';
import { Agent, Pool } from 'undici';
import type { BaseServiceRequest, FkQueryPart, SourceModule } from '../base-services/types.ts';
import { contracts } from '../contracts/registry.ts';
import { deepFreeze, LruCache } from '../domain/lru.ts';
import type { SourceCode } from '../domain/sources.ts';
import { sourceFailure, type SourceFailure } from '../faults/soap-fault.ts';
import { CALL_STARTED_HEADER, callStartedValue } from '../base-services/call-start.ts';
import { sourceHttp, type SourceDispatcher } from './source-http.ts';

/** What one source ended with: its payload (canonical JSON, validated) or its error. */
export type SourceResult = { data: unknown } | { error: SourceFailure };

/** A source's call as it happened: for the answer, the processing history and the timeline. */
export interface SourceOutcome {
  code: SourceCode;
  result: SourceResult;
  /** Milliseconds from the start of the query to the call and to its end. */
  startedMs: number;
  endedMs: number;
  /** The base service's HTTP status, when it answered. */
  httpStatus?: number;
  /**
   * The answer document as the base service sent it, when it was read as data: a source whose
   * `<ssbt:data>` carries the document itself (FK, CSN, SKV) embeds this text instead of writing it again.
   */
  document?: string;
}

export interface CallOptions {
  source: SourceModule;
  baseUrl: string;
  request: BaseServiceRequest;
  fk?: FkQueryPart;
  timeoutMs: number;
  /** Extra headers for the base service (the per-request scenario). */
  headers?: Record<string, string>;
  dispatcher: SourceDispatcher;
  /** Monotonic milliseconds (injected; performance.now by default). */
  monotonic: () => number;
  /** The query's start on the monotonic clock. */
  t0: number;
  /**
   * Stamp the call with its start (x-ssbtek-call-started) so that the base service counts its latency
   * from it: only for base services in this process, which share `monotonic` (see call-start.ts).
   */
  stampCallStart?: boolean;
}

/** undici's `connect` option: opens a connection (a socket, or anything Duplex) and hands it over. */
export type Connector = (options: unknown, callback: (err: Error | null, socket: Duplex | null) => void) => void;

/**
 * The keep-alive connection pool the composite uses towards its base services. `connectFor(origin)` gives
 * the way to open a connection to an origin instead of TCP (the in-process base services' pipes, see
 * serveInProcess in server.ts); it is asked when the pool for an origin is made.
 */
export function createSourceAgent(connectFor: (origin: string) => Connector | undefined = () => undefined): Agent {
  return new Agent({
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 120_000,
    connections: 128,
    pipelining: 1,
    factory: (origin, options) => {
      const connect = connectFor(String(origin));
      return new Pool(origin, connect === undefined ? options : { ...options, connect: connect as Pool.Options['connect'] });
    },
  });
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur !== null && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The longest answer document whose reading is remembered, and how many are remembered per source. */
const READ_MEMO_MAX_CHARS = 64 * 1024;
const READ_MEMO_SIZE = 24;
const reads = new WeakMap<SourceModule, LruCache<string, SourceResult>>();

/**
 * Reads a 2xx answer document: well-formed and valid by the source's schema, else kalla=BT. Reading is
 * a pure function of the text, so the result for the same text is remembered, deep-frozen and shared:
 * an identical document the base service sends again is compared, not parsed and validated again. A
 * document seen once costs one map lookup more. Bounded (the last 24 per source, each up to 64 K
 * characters) so that a run over many distinct people holds little memory.
 */
export function readSourceDocument(source: SourceModule, text: string): SourceResult {
  if (text.length > READ_MEMO_MAX_CHARS) return deepFreeze(readUncached(source, text));
  let memo = reads.get(source);
  if (memo === undefined) reads.set(source, (memo = new LruCache(READ_MEMO_SIZE)));
  return memo.getOrCreate(text, () => deepFreeze(readUncached(source, text)));
}

function readUncached(source: SourceModule, text: string): SourceResult {
  let payload: unknown;
  try {
    payload = source.fromDocument(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { error: sourceFailure('BT', 'BT-201', `${source.code} svarade med ett dokument som inte kunde läsas (${reason}).`) };
  }
  const problems = contracts().check(source.schemaPath, payload);
  if (problems.length > 0) {
    const first = problems.slice(0, 3).map((p) => `${p.path} ${p.message}`).join('; ');
    return { error: sourceFailure('BT', 'BT-201', `${source.code} svarade med data som inte följer källans schema: ${first}.`) };
  }
  return { data: payload };
}

/** Where a call goes: origin and path, as undici's request() makes them from a URL. */
interface Target {
  origin: string;
  path: string;
}

const targets = new LruCache<string, LruCache<string, Target>>(64);

/**
 * The origin and path of a call's path below a base URL (`new URL(path without its leading slash,
 * base URL + '/')`), remembered per base URL (the last 256 paths; FK's path names the municipality),
 * so that a call costs no URL parsing (issue 7).
 */
function targetOf(baseUrl: string, path: string): Target {
  let byPath = targets.get(baseUrl);
  if (byPath === undefined) targets.set(baseUrl, (byPath = new LruCache(256)));
  return byPath.getOrCreate(path, () => {
    const url = new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    return { origin: url.origin, path: url.search ? `${url.pathname}${url.search}` : url.pathname };
  });
}

/**
 * Calls one base service over HTTP and turns whatever happens into a SourceResult, never waiting past
 * `timeoutMs` (headers and body included): timeout or no connection is kalla=SSBT, an error the base
 * service reports or an unusable payload is kalla=BT.
 */
export async function callSource(o: CallOptions): Promise<SourceOutcome> {
  const startedMs = o.monotonic() - o.t0;
  const done = (result: SourceResult, httpStatus?: number, document?: string): SourceOutcome => {
    const outcome: SourceOutcome = { code: o.source.code, result, startedMs, endedMs: o.monotonic() - o.t0 };
    if (httpStatus !== undefined) outcome.httpStatus = httpStatus;
    if (document !== undefined && 'data' in result) outcome.document = document;
    return outcome;
  };
  const call = o.source.buildCall(o.request, o.fk);
  try {
    const target = targetOf(o.baseUrl, call.path);
    const res = await sourceHttp(
      o.dispatcher,
      {
        origin: target.origin,
        path: target.path,
        method: call.method,
        headers: o.stampCallStart === true ? { ...call.headers, ...o.headers, [CALL_STARTED_HEADER]: callStartedValue(o.t0 + startedMs) } : { ...call.headers, ...o.headers },
        body: call.body,
      },
      o.timeoutMs,
      o.monotonic,
    );
    if ('timedOut' in res) return done({ error: sourceFailure('SSBT', 'SSBT-101', `${o.source.code} svarade inte inom ${o.timeoutMs} ms. Försök igen senare.`) });
    const text = res.text;
    if (res.statusCode >= 200 && res.statusCode < 300) return done(readSourceDocument(o.source, text), res.statusCode, text);
    const reported = o.source.readError?.(res.statusCode, text);
    if (reported !== undefined) return done({ error: { kalla: 'BT', ...reported } }, res.statusCode);
    return done({ error: sourceFailure('BT', 'BT-202', `${o.source.code} svarade med ett tekniskt fel (HTTP ${res.statusCode}) utan egen felkod.`) }, res.statusCode);
  } catch (e) {
    const code = errorCode(e);
    if (code !== undefined && (CONNECTION_CODES.has(code) || code.startsWith('UND_ERR'))) {
      return done({ error: sourceFailure('SSBT', 'SSBT-102', `Ingen förbindelse med ${o.source.code} (${code}). Försök igen senare.`) });
    }
    // Bytes that are not an HTTP response (undici's HTTPParserError carries no code, only the llhttp reason).
    if (e instanceof Error && (e.name === 'HTTPParserError' || code?.startsWith('HPE_') === true)) {
      return done({ error: sourceFailure('SSBT', 'SSBT-102', `${o.source.code} svarade med något som inte är ett HTTP-svar. Försök igen senare.`) });
    }
    throw e;
  }
}
