/**
 * The composite reaches its in-process base services over HTTP through in-process pipes (issue 7):
 * serveInProcess gives an HTTP server no one outside the process can reach, and a connector for the
 * composite's pool; the pipe ends (http/memory-pipe.ts) carry bytes in order, with backpressure, and
 * close as a socket does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createSourceAgent } from '../../simulator/composite/fan-out.ts';
import { pipePair } from '../../simulator/http/memory-pipe.ts';
import { serveInProcess } from '../../simulator/server.ts';

function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

describe('a pipe pair', () => {
  it('carries bytes from each end to the other, in order, and ends when the writer ends', async () => {
    const [a, b] = pipePair();
    const atB = read(b);
    const atA = read(a);
    a.write('one ');
    a.write(Buffer.from('two '));
    a.end('three');
    b.end('back');
    expect((await atB).toString()).toBe('one two three');
    expect((await atA).toString()).toBe('back');
  });

  it('holds a writer back until the reader wants more (backpressure), losing nothing', async () => {
    const [a, b] = pipePair();
    const block = Buffer.alloc(64 * 1024, 7);
    let refused = 0;
    for (let i = 0; i < 64; i++) if (!a.write(block)) refused += 1;
    a.end();
    expect(refused).toBeGreaterThan(0);
    // Nothing read yet: the writer's buffer holds what the reader's does not.
    expect(a.writableLength).toBeGreaterThan(0);
    const got = await read(b);
    expect(got.length).toBe(64 * block.length);
    expect(got.every((x) => x === 7)).toBe(true);
  });

  it('closes the other end when one end is destroyed, as a socket whose peer went away', async () => {
    const [a, b] = pipePair();
    const closed = new Promise<void>((done) => b.once('close', () => done()));
    b.resume();
    a.destroy();
    await closed;
    expect(b.destroyed).toBe(true);
    await expect(new Promise((resolve, reject) => b.write('late', (e) => (e ? reject(e) : resolve(undefined))))).rejects.toThrow();
  });
});

describe('serveInProcess', () => {
  const INTERNAL = 'http://base-services.localhost';
  const hello = (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    req.on('end', () => res.end(`hello ${req.method ?? ''} ${req.url ?? ''}`));
  };

  it('answers HTTP through pipes, keeps the connection alive, and the agent sends only the named origin there', async () => {
    const served = serveInProcess(hello);
    let connections = 0;
    served.server.on('connection', () => (connections += 1));
    const agent = createSourceAgent((origin) => (origin === INTERNAL ? served.connect : undefined));
    try {
      for (const path of ['/a', '/b', '/c']) {
        const res = await request(`${INTERNAL}${path}`, { method: 'POST', body: 'x', dispatcher: agent });
        expect(await res.body.text()).toBe(`hello POST ${path}`);
        // undici frees a connection for the next request a moment after the answer was read, as over TCP.
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(connections).toBe(1);
      expect(served.server.listening).toBe(false);
      // Any other origin still goes over TCP (nothing listens on this port, so the connection is refused).
      const port = await new Promise<number>((done) => {
        const s = createTcpServer().listen(0, '127.0.0.1', () => {
          const p = (s.address() as AddressInfo).port;
          s.close(() => done(p));
        });
      });
      await expect(request(`http://127.0.0.1:${port}/x`, { dispatcher: agent })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await agent.close();
      await served.close();
    }
  });

  it('on close lets a request in flight finish, then cuts what is left', async () => {
    let release: (() => void) | undefined;
    const served = serveInProcess(
      (req: IncomingMessage, res: ServerResponse) => {
        req.resume();
        if (req.url === '/slow') release = () => res.end('finished');
        else res.end('quick');
      },
      { shutdownDeadlineMs: 5000 },
    );
    const agent = new Agent({ connect: served.connect as never });
    try {
      const slow = request('http://x.localhost/slow', { dispatcher: agent });
      while (release === undefined) await new Promise((r) => setImmediate(r));
      const closing = served.close();
      release();
      expect(await (await slow).body.text()).toBe('finished');
      await closing;
    } finally {
      await agent.close();
    }
  });

  it('answers a request the server cannot parse with 400, never a crash', async () => {
    const served = serveInProcess(hello);
    try {
      let answer = '';
      await new Promise<void>((done) => {
        served.connect({}, (_err, socket) => {
          socket?.on('data', (d: Buffer) => (answer += d.toString()));
          socket?.on('end', () => done());
          socket?.on('close', () => done());
          socket?.write('this is not HTTP\r\n\r\n');
        });
      });
      expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    } finally {
      await served.close();
    }
  });
});
