import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';

/** How a defective provider differs from the simulator behind it: its requests and answers rewritten. */
export interface Mutation {
  /** Rewrites the request body before it reaches the simulator. */
  request?(body: string): string;
  /** Rewrites the SOAP answer before it reaches the harness. */
  response?(body: string): string;
}

export interface Proxy {
  url: string;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const HOP = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'keep-alive']);

/**
 * A provider that is the simulator with a defect: an HTTP server forwarding every request to
 * `upstream` (same path, headers, the per-request scenario header included) and rewriting bodies.
 */
export async function startMutatingProxy(upstream: string, mutation: Mutation): Promise<Proxy> {
  const agent = new Agent({ keepAliveTimeout: 5_000 });
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers))
          if (!HOP.has(k) && typeof v === 'string') headers[k] = v;
        const method = req.method ?? 'GET';
        const sent = method === 'GET' || method === 'HEAD' ? undefined : (mutation.request?.(body) ?? body);
        const up = await request(`${upstream}${req.url ?? '/'}`, {
          dispatcher: agent,
          method: method as 'GET',
          headers,
          ...(sent === undefined ? {} : { body: sent }),
        });
        const text = await up.body.text();
        const out = mutation.response?.(text) ?? text;
        const outHeaders: Record<string, string> = {};
        for (const [k, v] of Object.entries(up.headers))
          if (!HOP.has(k) && typeof v === 'string') outHeaders[k] = v;
        res.writeHead(up.statusCode, outHeaders);
        res.end(out);
      } catch (e) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${(e as Error).message}`);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await agent.close();
    },
  };
}
