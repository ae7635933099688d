/**
 * sourceHttp: the composite's call to a base service without undici's response stream (issue 7). It
 * must read what undici's request() + body.text() read (the same text for the same bytes, however
 * they are split), report the same errors, and never wait past its timeout.
 */
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, sourceHttp, type SourceHttpCall } from '../../simulator/composite/source-http.ts';

/** A raw TCP server: each connection gets `answer(socket, requestHead)` once a request head has arrived. */
async function rawServer(answer: (socket: Socket, head: string) => void): Promise<{ origin: string; server: TcpServer; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let seen = '';
    socket.on('data', (d: Buffer) => {
      seen += d.toString('latin1');
      const end = seen.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = seen.slice(0, end);
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
      if (seen.length < end + 4 + length) return;
      seen = seen.slice(end + 4 + length);
      answer(socket, head);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, sockets };
}

const clock = (): number => performance.now();

function call(origin: string): SourceHttpCall {
  return { origin, path: '/q', method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' };
}

/** Writes a 200 answer whose body is `parts` (chunked encoding, each part its own chunk and write). */
function chunked(socket: Socket, parts: readonly Buffer[]): void {
  socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/xml\r\ntransfer-encoding: chunked\r\n\r\n');
  for (const p of parts) if (p.length > 0) socket.write(Buffer.concat([Buffer.from(`${p.length.toString(16)}\r\n`), p, Buffer.from('\r\n')]));
  socket.write('0\r\n\r\n');
}

describe('bodyText', () => {
  it('reads bytes as undici body.text() does: UTF-8, one leading BOM dropped, bad sequences as U+FFFD', () => {
    expect(bodyText([], 0)).toBe('');
    expect(bodyText([Buffer.from([0xef, 0xbb, 0xbf, 0x61])], 4)).toBe('a');
    expect(bodyText([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf, 0x61])], 4)).toBe('a');
    expect(bodyText([Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf])], 6)).toBe('\ufeff');
    expect(bodyText([Buffer.from([0xc3]), Buffer.from([0xa5])], 2)).toBe('å');
    expect(bodyText([Buffer.from([0x61, 0xff, 0x62])], 3)).toBe('a\ufffdb');
  });
});

describe('sourceHttp against undici request() + body.text()', () => {
  let parts: Buffer[] = [];
  let served: Awaited<ReturnType<typeof rawServer>>;
  const agent = new Agent({ keepAliveTimeout: 10_000 });

  beforeAll(async () => {
    served = await rawServer((socket) => chunked(socket, parts));
  });
  afterAll(async () => {
    await agent.close();
    for (const s of served.sockets) s.destroy();
    await new Promise<void>((done) => served.server.close(() => done()));
  });

  it('reads the same text for the same bytes, however they are split into chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 64 }),
        fc.boolean(),
        fc.array(fc.nat({ max: 64 }), { maxLength: 4 }),
        async (raw, bom, cuts) => {
          const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(raw)]);
          const at = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
          parts = [...at, bytes.length].map((end, i) => bytes.subarray(i === 0 ? 0 : (at[i - 1] as number), end));
          const theirs = await request(`${served.origin}/q`, { method: 'POST', body: '{"a":1}', dispatcher: agent });
          const expected = await theirs.body.text();
          const ours = await sourceHttp(agent, call(served.origin), 5000, clock);
          expect(ours).toEqual({ statusCode: 200, text: expected });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('sourceHttp: answers, failures and its timeout', () => {
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const servers: TcpServer[] = [];
  afterAll(async () => {
    await agent.close();
    for (const s of servers) s.close();
  });
  async function serving(answer: (socket: Socket, head: string) => void): Promise<string> {
    const s = await rawServer(answer);
    servers.push(s.server);
    return s.origin;
  }

  it('skips informational answers (1xx) and reads the final one', async () => {
    const origin = await serving((socket) => socket.write('HTTP/1.1 103 Early Hints\r\nlink: </x>\r\n\r\nHTTP/1.1 404 Not Found\r\ncontent-length: 4\r\n\r\nnone'));
    expect(await sourceHttp(agent, call(origin), 5000, clock)).toEqual({ statusCode: 404, text: 'none' });
  });

  it('sends method, path, headers and body as given', async () => {
    let head = '';
    const origin = await serving((socket, h) => {
      head = h;
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
    });
    await sourceHttp(agent, { ...call(origin), path: '/base-services/af/x?y=1', headers: { 'x-ssbtek-scenario': 'demo' } }, 5000, clock);
    expect(head.split('\r\n')[0]).toBe('POST /base-services/af/x?y=1 HTTP/1.1');
    expect(head).toMatch(/\r\nx-ssbtek-scenario: demo\r\n/);
    expect(head).toMatch(/\r\ncontent-length: 7(\r\n|$)/);
  });

  it('settles with timedOut when no answer comes in time, and closes the exchange', async () => {
    let closed: Promise<void> | undefined;
    const origin = await serving((socket) => {
      closed = new Promise((done) => socket.once('close', () => done()));
    });
    expect(await sourceHttp(agent, call(origin), 150, clock)).toEqual({ timedOut: true });
    await closed;
  });

  it('counts an answer complete only after the timeout as timedOut, even when it is read before the timer runs', async () => {
    const origin = await serving((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'));
    let now = 0;
    const late = sourceHttp(agent, call(origin), 5000, () => now);
    now = 5000; // the loop was busy for the whole timeout before the answer's bytes were read
    expect(await late).toEqual({ timedOut: true });
    now = 0;
    expect(await sourceHttp(agent, call(origin), 5000, () => now)).toEqual({ statusCode: 200, text: 'ok' });
  });

  it('settles with timedOut when the body stops half-way', async () => {
    const origin = await serving((socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\nhalf'));
    expect(await sourceHttp(agent, call(origin), 150, clock)).toEqual({ timedOut: true });
  });

  it('rejects with undici errors: refused connection, a reset, bytes that are not HTTP', async () => {
    const closedPort = await new Promise<number>((done) => {
      const s = createTcpServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => done(port));
      });
    });
    await expect(sourceHttp(agent, call(`http://127.0.0.1:${closedPort}`), 5000, clock)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    const reset = await serving((socket) => socket.destroy());
    await expect(sourceHttp(agent, call(reset), 5000, clock)).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    const garbage = await serving((socket) => socket.end('this is not HTTP\r\n\r\n'));
    await expect(sourceHttp(agent, call(garbage), 5000, clock)).rejects.toMatchObject({ name: 'HTTPParserError' });
  });
});
