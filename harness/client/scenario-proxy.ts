import {
  createServer,
  request as httpRequest,
  type ClientRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** One request the client sent through the proxy, and what it got back. */
export interface ProxiedExchange {
  /** 1, 2, 3... in order of arrival. */
  seq: number;
  method: string;
  /** The path and query the client asked for, e.g. /ssbtek/v10. */
  path: string;
  requestHeaders: Record<string, string>;
  requestBody: string;
  /** When the request arrived, on the harness's monotonic clock (performance.now, ms). */
  receivedMs: number;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  /** When the whole answer was handed to the client, on the same clock. */
  answeredMs?: number;
  /** What went wrong on the way: the simulator failed, or the client went away before its answer. */
  error?: string;
}

/** A proxy in front of the simulator for one case. */
export interface ScenarioProxy {
  /** Where the client is sent, e.g. http://127.0.0.1:41234 (append the SOAP path). */
  url: string;
  /** Every request so far, in order of arrival. */
  exchanges(): readonly ProxiedExchange[];
  /** Stops listening and drops every connection and unfinished request. */
  close(): Promise<void>;
}

export interface ScenarioProxyOptions {
  /** The simulator's base URL (http://127.0.0.1:PORT). */
  target: string;
  /** Sent as x-ssbtek-scenario with every request: the scenario the simulator answers under. */
  scenario: string;
  /** Monotonic milliseconds; default performance.now. */
  now?: () => number;
}

/** Headers that belong to one connection and are not passed on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
  'content-length',
]);

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function passOn(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())));
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * A small HTTP proxy that the client under test is pointed at for one case. It passes every request
 * on to the simulator unchanged, adding `x-ssbtek-scenario`, so the client needs to know nothing of
 * scenarios; and it records what the simulator's journal does not keep: when each request arrived,
 * when its answer went back, and the answer itself.
 */
export function startScenarioProxy(options: ScenarioProxyOptions): Promise<ScenarioProxy> {
  const now = options.now ?? (() => performance.now());
  const target = new URL(options.target);
  const exchanges: ProxiedExchange[] = [];
  const upstream = new Set<ClientRequest>();

  /** Passes one request on and its answer back, recording both in `exchange`. */
  const forward = async (
    req: IncomingMessage,
    res: ServerResponse,
    exchange: ProxiedExchange,
  ): Promise<void> => {
    const body = await readAll(req);
    exchange.requestBody = body.toString('utf8');
    const out = httpRequest({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: exchange.method,
      path: exchange.path,
      headers: {
        ...passOn(req.headers),
        'content-length': String(body.length),
        'x-ssbtek-scenario': options.scenario,
      },
    });
    upstream.add(out);
    // The client gave up: the request to the simulator is no longer needed.
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
    });
    try {
      const answer = await new Promise<IncomingMessage>((resolve, reject) => {
        out.once('response', resolve);
        out.once('error', reject);
        out.end(body);
      });
      const answerBody = await readAll(answer);
      exchange.status = answer.statusCode ?? 502;
      exchange.responseHeaders = flatHeaders(answer.headers);
      exchange.responseBody = answerBody.toString('utf8');
      if (res.destroyed) return;
      res.once('finish', () => {
        exchange.answeredMs = now();
      });
      res.writeHead(exchange.status, passOn(answer.headers));
      res.end(answerBody);
    } finally {
      upstream.delete(out);
    }
  };

  const server = createServer((req, res) => {
    const exchange: ProxiedExchange = {
      seq: exchanges.length + 1,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      requestHeaders: flatHeaders(req.headers),
      requestBody: '',
      receivedMs: now(),
    };
    exchanges.push(exchange);
    res.on('close', () => {
      if (!res.writableFinished) exchange.error ??= 'the client went away before its answer';
    });
    forward(req, res, exchange).catch((e: unknown) => {
      exchange.error ??= `the simulator could not be reached or broke off: ${(e as Error).message}`;
      if (!res.headersSent && !res.destroyed)
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`ssbtek-harness proxy: ${exchange.error}\n`);
      else res.destroy();
    });
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        exchanges: () => exchanges,
        close: () =>
          new Promise((done) => {
            for (const out of upstream) out.destroy();
            upstream.clear();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
