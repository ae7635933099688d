/**
 * The composite's pipe client to its in-process base services (http/pipe-client.ts, issue 7). It
 * replaces undici only for those calls, so every way a node:http server can answer or fail must come
 * out of sourceHttp the same through it as through undici over the same server's pipes: the text and
 * status, a timeout, or an error with the same code (which the composite turns into felkod and message).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createSourceAgent } from '../../simulator/composite/fan-out.ts';
import { sourceHttp, type SourceDispatcher, type SourceHttpResult } from '../../simulator/composite/source-http.ts';
import { PipeClient } from '../../simulator/http/pipe-client.ts';
import { serveInProcess } from '../../simulator/server.ts';

const ORIGIN = 'http://base-services.localhost';

/** A base service that answers in every way the tests need, by path. */
function behave(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    switch (req.url) {
      case '/echo':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`${req.method ?? ''} ${req.headers['content-type'] ?? ''} ${String(req.headers['x-extra'] ?? '')} ${body}`);
        return;
      case '/chunked':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('första ');
        setTimeout(() => {
          res.write('andra ');
          res.end('sista');
        }, 5);
        return;
      case '/until-close':
        res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
        res.write('läses ');
        setTimeout(() => res.end('till slutet'), 5);
        return;
      case '/early-hints':
        res.writeEarlyHints({ link: '</x>; rel=preload' });
        res.writeHead(201, { 'content-length': '4' });
        res.end('klar');
        return;
      case '/problem':
        res.writeHead(503, { 'content-type': 'application/problem+json' });
        res.end('{"title":"nere"}');
        return;
      case '/empty':
        res.writeHead(204);
        res.end();
        return;
      case '/reset':
        req.socket.destroy();
        return;
      case '/truncated':
        res.writeHead(200, { 'content-length': '100' });
        res.write('bara en bit');
        setTimeout(() => req.socket.destroy(), 5);
        return;
      case '/garbage':
        req.socket.write('inte HTTP alls\r\n\r\n');
        return;
      case '/hold':
        return; // never answers
      case '/slow':
        setTimeout(() => res.end('sent'), 30);
        return;
      default:
        res.statusCode = 404;
        res.end('no such path');
    }
  });
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function setUp(maxConnections = 128): { pipes: PipeClient; undici: SourceDispatcher; served: ReturnType<typeof serveInProcess> } {
  const served = serveInProcess(behave);
  const pipes = new PipeClient(served.accept, maxConnections);
  const agent = createSourceAgent((origin) => (origin === ORIGIN ? served.connect : undefined));
  cleanup.push(async () => {
    await pipes.close();
    await agent.close();
    await served.close();
  });
  return { pipes, undici: agent, served };
}

type Outcome = SourceHttpResult | { error: { name: string; code: unknown } };

async function call(dispatcher: SourceDispatcher, path: string, timeoutMs = 2000, body = '{"a":"ö"}', extra = 'med'): Promise<Outcome> {
  try {
    return await sourceHttp(dispatcher, { origin: ORIGIN, path, method: 'POST', headers: { 'content-type': 'application/json', 'x-extra': extra }, body }, timeoutMs, () => performance.now());
  } catch (e) {
    const err = e as { name: string; code?: unknown };
    return { error: { name: err.name, code: err.code } };
  }
}

describe('PipeClient against undici, through sourceHttp', () => {
  const PATHS = ['/echo', '/chunked', '/until-close', '/early-hints', '/problem', '/empty', '/reset', '/truncated', '/garbage', '/no-such'];
  it.each(PATHS)('Given a server that answers %s, Then both give the same outcome', async (path) => {
    const { pipes, undici } = setUp();
    const viaPipes = await call(pipes, path);
    const viaUndici = await call(undici, path);
    expect(viaPipes).toEqual(viaUndici);
  });

  it('Given a server that never answers, Then both time out and the server sees the connection close', async () => {
    const { pipes, undici, served } = setUp();
    let closes = 0;
    served.server.on('request', (_req: IncomingMessage, res: ServerResponse) => res.once('close', () => (closes += 1)));
    expect(await call(pipes, '/hold', 50)).toEqual({ timedOut: true });
    expect(await call(undici, '/hold', 50)).toEqual({ timedOut: true });
    for (let i = 0; i < 50 && closes < 2; i++) await new Promise((r) => setTimeout(r, 5));
    expect(closes).toBe(2);
  });

  it('Given a header value with a line break, Then both refuse the call before sending it, and the connection serves the next', async () => {
    const { pipes, undici } = setUp();
    const viaPipes = await call(pipes, '/echo', 2000, '{}', 'a\r\nx-injected: 1');
    expect(viaPipes).toEqual(await call(undici, '/echo', 2000, '{}', 'a\r\nx-injected: 1'));
    expect(viaPipes).toEqual({ error: { name: 'InvalidArgumentError', code: 'UND_ERR_INVALID_ARG' } });
    expect(await call(pipes, '/echo')).toMatchObject({ statusCode: 200 });
  });

  it('gives the expected outcomes (not merely equal ones)', async () => {
    const { pipes } = setUp();
    expect(await call(pipes, '/echo')).toEqual({ statusCode: 200, text: 'POST application/json med {"a":"ö"}' });
    expect(await call(pipes, '/chunked')).toEqual({ statusCode: 200, text: 'första andra sista' });
    expect(await call(pipes, '/until-close')).toEqual({ statusCode: 200, text: 'läses till slutet' });
    expect(await call(pipes, '/early-hints')).toEqual({ statusCode: 201, text: 'klar' });
    expect(await call(pipes, '/empty')).toEqual({ statusCode: 204, text: '' });
    expect(await call(pipes, '/reset')).toEqual({ error: { name: 'SocketError', code: 'UND_ERR_SOCKET' } });
    expect(await call(pipes, '/truncated')).toEqual({ error: { name: 'SocketError', code: 'UND_ERR_SOCKET' } });
    expect(await call(pipes, '/garbage')).toMatchObject({ error: { name: 'HTTPParserError' } });
  });
});

describe('PipeClient connections', () => {
  it('keeps a connection alive across calls, and opens a new one after the server closed it', async () => {
    const { pipes, served } = setUp();
    let accepted = 0;
    served.server.on('connection', () => (accepted += 1));
    for (let i = 0; i < 3; i++) expect(await call(pipes, '/echo')).toMatchObject({ statusCode: 200 });
    expect(accepted).toBe(1);
    expect(await call(pipes, '/until-close')).toMatchObject({ statusCode: 200 });
    expect(await call(pipes, '/echo')).toMatchObject({ statusCode: 200 });
    expect(accepted).toBe(2);
  });

  it('opens at most maxConnections; the calls beyond wait their turn and are all answered', async () => {
    const { pipes, served } = setUp(2);
    let accepted = 0;
    served.server.on('connection', () => (accepted += 1));
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => call(pipes, '/slow')));
    expect(outcomes).toEqual(Array.from({ length: 6 }, () => ({ statusCode: 200, text: 'sent' })));
    expect(accepted).toBe(2);
    expect(pipes.connections).toBeLessThanOrEqual(2);
  });

  it('on close fails the calls in flight and refuses new ones, with UND_ERR_SOCKET', async () => {
    const { pipes } = setUp();
    const held = call(pipes, '/hold', 5000);
    await new Promise((r) => setTimeout(r, 10));
    await pipes.close();
    expect(await held).toEqual({ error: { name: 'SocketError', code: 'UND_ERR_SOCKET' } });
    expect(await call(pipes, '/echo')).toEqual({ error: { name: 'SocketError', code: 'UND_ERR_SOCKET' } });
    expect(pipes.connections).toBe(0);
  });

  it('carries a body of any size whole, however the server splits its answer', async () => {
    const { pipes } = setUp();
    const big = `"${'å'.repeat(200_000)}"`;
    const outcome = await call(pipes, '/echo', 5000, big);
    expect(outcome).toEqual({ statusCode: 200, text: `POST application/json med ${big}` });
  });
});
