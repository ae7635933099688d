import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makeScenario } from '../support/factories.ts';
import { soapPing } from '../support/queries.ts';

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator({
    scenario: makeScenario({}),
    port: 0,
    clock: fixedClock('2026-11-27T10:00:00Z'),
    limits: { headersTimeoutMs: 300, requestTimeoutMs: 600, checkIntervalMs: 50 },
  });
});
afterAll(async () => {
  await sim.close();
});

/** Opens a raw connection, runs `send`, and resolves with what the server wrote before it closed, and when. */
function exchange(send: (socket: Socket) => void): Promise<{ text: string; closedAfterMs: number }> {
  const { port } = new URL(sim.url);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(Number(port), '127.0.0.1');
    let text = '';
    socket.on('data', (d: Buffer) => void (text += d.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve({ text, closedAfterMs: performance.now() - started }));
    socket.on('connect', () => send(socket));
  });
}

describe('a slow sender is cut off, the server stays up', () => {
  it('Given headers that never finish, Then 408 and the connection closed after the header timeout', async () => {
    const res = await exchange((s) => s.write('POST /ssbtek/v10 HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\n'));
    expect(res.text).toMatch(/^HTTP\/1\.1 408/);
    expect(res.closedAfterMs).toBeGreaterThanOrEqual(250);
    expect(res.closedAfterMs).toBeLessThan(5_000);
  });

  it('Given a body trickling in slower than the request timeout allows, Then 408 and closed', async () => {
    const body = soapPing();
    const res = await exchange((s) => {
      s.write(`POST /ssbtek/v10 HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
      let i = 0;
      const timer = setInterval(() => {
        if (s.destroyed || i >= body.length) return clearInterval(timer);
        s.write(body.slice(i, i + 5));
        i += 5;
      }, 100);
      s.on('close', () => clearInterval(timer));
    });
    expect(res.text).toMatch(/^HTTP\/1\.1 408/);
    expect(res.closedAfterMs).toBeLessThan(5_000);
  });

  it('Given a garbled request line, Then 400 and the next client is served', async () => {
    const res = await exchange((s) => s.write('\u0000\u0001 garbage\r\n\r\n'));
    expect(res.text).toMatch(/^HTTP\/1\.1 400/);
    const ok = await fetch(`${sim.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: soapPing() });
    expect(ok.status).toBe(200);
  });
});
