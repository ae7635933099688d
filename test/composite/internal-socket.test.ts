import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createSourceAgent } from '../../simulator/composite/fan-out.ts';
import { listen } from '../../simulator/server.ts';

// The composite reaches its in-process base services through a Unix domain socket (startSimulator's
// loopback listener): listen() serves one, and the composite's agent sends one origin through it.

const hello = (_req: unknown, res: { end(text: string): void }): void => res.end('hello over the socket');

describe('the loopback listener of the in-process base services', () => {
  it('serves HTTP on a socket file, and the agent routes only the named origin through it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ssbtek-test-'));
    const socketPath = join(dir, 'base.sock');
    const running = await listen(hello as never, '', 0, { socketPath });
    try {
      expect(running.socketPath).toBe(socketPath);
      expect(running.url).toBe('http://localhost');
      expect(statSync(socketPath).isSocket()).toBe(true);
      const agent = createSourceAgent((origin) => (origin === 'http://base-services.localhost' ? socketPath : undefined));
      const res = await request('http://base-services.localhost/x', { dispatcher: agent });
      expect(await res.body.text()).toBe('hello over the socket');
      // Any other origin still goes over TCP (nothing listens on this port, so the connection is refused).
      await expect(request('http://127.0.0.1:9/x', { dispatcher: agent })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      await agent.close();
    } finally {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.platform === 'linux')('serves on an abstract socket on Linux (no file to clean up)', async () => {
    const socketPath = `\0ssbtek-test-${process.pid}`;
    const running = await listen(hello as never, '', 0, { socketPath });
    try {
      const agent = createSourceAgent(() => socketPath);
      const res = await request('http://base-services.localhost/', { dispatcher: agent });
      expect(await res.body.text()).toBe('hello over the socket');
      await agent.close();
    } finally {
      await running.close();
    }
  });
});
