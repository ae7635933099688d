import type { Dispatcher } from 'undici';
import { TextMemo } from '../http/text-memo.ts';

/** One call to a base service as it goes on the wire. */
export interface SourceHttpCall {
  origin: string;
  path: string;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  body?: string;
}

/**
 * What sends a call: undici's dispatcher (an Agent, over TCP) or the composite's pipe client to its
 * in-process base services (http/pipe-client.ts, through the router createSimulator makes).
 */
export interface SourceDispatcher {
  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean;
}

/** What came back: the final status and the body as text, or that the time ran out first. */
export type SourceHttpResult = { statusCode: number; text: string } | { timedOut: true };

const BOM_0 = 0xef;
const BOM_1 = 0xbb;
const BOM_2 = 0xbf;

/** UTF-8, a leading BOM dropped, as undici's `body.text()` reads bytes. */
function decodeBody(bytes: Buffer): string {
  const start = bytes.length >= 3 && bytes[0] === BOM_0 && bytes[1] === BOM_1 && bytes[2] === BOM_2 ? 3 : 0;
  return bytes.toString('utf8', start, bytes.length);
}

/**
 * The answers' texts, remembered by their bytes (http/text-memo.ts): a base service that sends the same
 * document again gives the same string, which the composite's memos keyed by the document (its reading,
 * its `<ssbt:data>`) then find without hashing or comparing its characters. Up to 128 answers of up to
 * 64 KB (a source's document is a few KB).
 */
const answerTexts = new TextMemo(decodeBody, 128, 64 * 1024);

/** The body's bytes as text, exactly as undici's `body.text()` reads them: UTF-8, a leading BOM dropped. */
export function bodyText(chunks: readonly Buffer[], length: number): string {
  if (length === 0) return '';
  return answerTexts.text(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, length));
}

/**
 * Sends one call through `dispatcher` (the composite's keep-alive pool) and reads the whole answer as
 * text, never waiting past `timeoutMs` (headers and body included): then it settles with `timedOut` at
 * once and aborts the exchange. An answer complete only after `timeoutMs` on `monotonic` is `timedOut`
 * too, whichever the event loop ran first (the timer, or the answer's last bytes: they can be due in
 * the same turn after the loop was busy). Errors (no connection, a reset, bytes that are not HTTP)
 * reject with undici's own error, as `request()` would.
 *
 * This is undici's `request()` + `body.text()` without what the composite does not use (issue 7): no
 * response stream, no parsed header object, no AbortSignal per call; a handler collects the body's
 * chunks and the timer aborts through the abort function undici hands the handler.
 */
export function sourceHttp(dispatcher: SourceDispatcher, call: SourceHttpCall, timeoutMs: number, monotonic: () => number): Promise<SourceHttpResult> {
  const started = monotonic();
  return new Promise<SourceHttpResult>((resolve, reject) => {
    let settled = false;
    let abort: ((err?: Error) => void) | undefined;
    let statusCode = 0;
    let chunks: Buffer[] = [];
    let length = 0;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      return true;
    };
    const timer = setTimeout(() => {
      if (!settle()) return;
      resolve({ timedOut: true });
      abort?.(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const handler: Dispatcher.DispatchHandler = {
      onConnect(abortExchange) {
        abort = abortExchange;
        if (settled) abortExchange(new Error(`no answer within ${timeoutMs} ms`));
      },
      onHeaders(status) {
        if (status < 200) return true; // 1xx: the final answer follows
        statusCode = status;
        return true;
      },
      onData(chunk) {
        chunks.push(chunk);
        length += chunk.length;
        return true;
      },
      onComplete() {
        if (!settle()) return;
        if (monotonic() - started >= timeoutMs) {
          resolve({ timedOut: true });
          return;
        }
        const text = bodyText(chunks, length);
        chunks = [];
        resolve({ statusCode, text });
      },
      onError(err) {
        if (settle()) reject(err);
      },
    };
    dispatcher.dispatch({ origin: call.origin, path: call.path, method: call.method, headers: call.headers, body: call.body ?? null }, handler);
  });
}
