/**
 * The composite's V8 heap, read from outside through the inspector (the composite is started with
 * `--inspect=127.0.0.1:<port>`): a full garbage collection, then the heap's used size. Unlike RSS,
 * this is the memory the program still holds, so it shows a leak directly.
 */
import { WebSocket } from 'undici';

export interface HeapProbe {
  /** Collects garbage, then reads the used heap in bytes. */
  usedAfterGc(): Promise<number>;
  close(): void;
}

interface CdpReply {
  id?: number;
  result?: Record<string, unknown>;
  error?: { message?: string };
}

/** Connects to the inspector listening on 127.0.0.1:port. */
export async function connectHeapProbe(port: number, timeoutMs = 10_000): Promise<HeapProbe> {
  const list = (await (
    await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(timeoutMs) })
  ).json()) as { webSocketDebuggerUrl?: string }[];
  const url = list[0]?.webSocketDebuggerUrl;
  if (url === undefined) throw new Error(`no inspector target on port ${port}`);
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error(`cannot connect to the inspector at ${url}`)), {
      once: true,
    });
  });
  let nextId = 0;
  const pending = new Map<
    number,
    { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();
  ws.addEventListener('message', (ev: { data: unknown }) => {
    const msg = JSON.parse(String(ev.data)) as CdpReply;
    if (msg.id === undefined) return;
    const p = pending.get(msg.id);
    if (p === undefined) return;
    pending.delete(msg.id);
    if (msg.error !== undefined) p.reject(new Error(msg.error.message ?? 'inspector error'));
    else p.resolve(msg.result ?? {});
  });
  ws.addEventListener('close', () => {
    for (const p of pending.values()) p.reject(new Error('the inspector connection closed'));
    pending.clear();
  });
  const send = (method: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      ws.send(JSON.stringify({ id, method }));
    });
  return {
    async usedAfterGc() {
      await send('HeapProfiler.collectGarbage');
      const usage = await send('Runtime.getHeapUsage');
      const used = usage.usedSize;
      if (typeof used !== 'number') throw new Error('Runtime.getHeapUsage gave no usedSize');
      return used;
    },
    close: () => ws.close(),
  };
}
