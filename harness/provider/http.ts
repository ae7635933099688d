import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import type { Exchange } from '../core/types.ts';
import type { ProviderOptions } from '../core/options.ts';
import { tlsConnectOptions } from './tls.ts';

/** An HTTP answer, body as text. */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HttpCall {
  label?: string;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Why no answer came: the target cannot be reached at all, it did not answer in time, or the exchange broke. */
export type NoAnswer = { kind: 'unreachable' | 'timeout' | 'broken'; message: string };

export interface Sent {
  exchange: Exchange;
  answer?: HttpAnswer;
  noAnswer?: NoAnswer;
}

/** Connection errors that mean nothing can reach the target (refused, no such host, no route, TLS refused). */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(e: unknown): string | undefined {
  for (let err: unknown = e, depth = 0; err !== undefined && err !== null && depth < 5; depth++) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    err = (err as { cause?: unknown }).cause;
  }
  return undefined;
}

function describe(e: unknown): string {
  const code = errorCode(e);
  const text = e instanceof Error ? e.message : String(e);
  return code === undefined || text.includes(code) ? text : `${code}: ${text}`;
}

/** True for a TLS failure: the handshake or the certificate (ours or theirs) was refused. */
function isTlsFailure(code: string | undefined, message: string): boolean {
  if (code === undefined) return /certificate|handshake|SSL|TLS/i.test(message);
  return (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.includes('CERT') ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
  );
}

function classify(e: unknown, timedOut: boolean): NoAnswer {
  const code = errorCode(e);
  const message = describe(e);
  if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT')
    return { kind: 'timeout', message };
  if ((code !== undefined && UNREACHABLE.has(code)) || isTlsFailure(code, message))
    return { kind: 'unreachable', message };
  return { kind: 'broken', message };
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The keep-alive connection pool towards the target, with the options' TLS (CA, client certificate and key). */
export function createAgent(tls: ProviderOptions['tls']): Agent {
  return new Agent({ keepAliveTimeout: 10_000, connect: { ...tlsConnectOptions(tls) } });
}

/** Sends one request and records the exchange; never throws for the target's behaviour. */
export async function send(agent: Agent, call: HttpCall, timeoutMs: number): Promise<Sent> {
  const started = performance.now();
  const exchange: Exchange = {
    request: { method: call.method, url: call.url, headers: call.headers, body: call.body },
    durationMs: 0,
  };
  if (call.label !== undefined) exchange.label = call.label;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`no answer within ${timeoutMs} ms`));
  }, timeoutMs);
  try {
    const res = await request(call.url, {
      dispatcher: agent,
      method: call.method,
      headers: call.headers,
      ...(call.method === 'GET' ? {} : { body: call.body }),
      signal: controller.signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const body = await res.body.text();
    const answer: HttpAnswer = { status: res.statusCode, headers: flatHeaders(res.headers), body };
    exchange.response = answer;
    exchange.durationMs = performance.now() - started;
    return { exchange, answer };
  } catch (e) {
    const noAnswer = classify(e, timedOut);
    exchange.durationMs = performance.now() - started;
    exchange.error = noAnswer.kind === 'timeout' ? `no answer within ${timeoutMs} ms` : noAnswer.message;
    return {
      exchange,
      noAnswer: noAnswer.kind === 'timeout' ? { ...noAnswer, message: exchange.error } : noAnswer,
    };
  } finally {
    clearTimeout(timer);
  }
}
