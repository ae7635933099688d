import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createServer as createHttpsServer } from 'node:https';
import { performance } from 'node:perf_hooks';
import express, { type Express } from 'express';
import { createBaseServiceApp } from './base-services/app.ts';
import { SOURCES } from './base-services/registry.ts';
import { createCompositeApp, leanSoapEntryOf } from './composite/app.ts';
import { createSourceAgent, type Connector } from './composite/fan-out.ts';
import type { SourceDispatcher } from './composite/source-http.ts';
import type { CompositeDeps } from './composite/service.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import type { SimContext } from './domain/context.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAdminRouter } from './admin/router.ts';
import { createUiRouter } from './ui/router.ts';
import { driftinformation } from './drift/driftinformation.ts';
import type { HistoryEntry } from './history/history-entry.ts';
import { toCsv } from './history/to-csv.ts';
import { toJsonLines } from './history/to-json-lines.ts';
import { createScenarioStore, type LiveScenarioStore } from './scenarios/store.ts';
import { SOURCE_CODES, type SourceCode } from './domain/sources.ts';
import type { Scenario } from './scenarios/types.ts';
import { createRuntimeState } from './runtime/state.ts';
import { scenarioClock } from './domain/scenario-clock.ts';
import { createHistoryStore } from './history/history-store.ts';
import { createBaseServicesApp } from './base-services/mount.ts';
import { takeFirst } from './http/express-lean.ts';
import { pipePair } from './http/memory-pipe.ts';
import { PipeClient, type AcceptConnection, type PipeCallOptions } from './http/pipe-client.ts';
import { createJournal } from './journal/journal.ts';

export interface SimulatorOptions {
  scenario: Scenario;
  clock?: Clock;
  /** SOAP endpoint path (default /ssbtek/v10). */
  soapPath?: string;
  /** Overrides the scenario's composite timeout towards each source. */
  timeoutMs?: number;
  /** Base services elsewhere, by source; the others are served in-process under /base-services/<code>. */
  baseUrls?: Partial<Record<SourceCode, string>>;
  /** Serve only the composite (every base service must then be in baseUrls). */
  compositeOnly?: boolean;
  log?: (line: string) => void;
  /** More scenarios to load beside `scenario` (which is active), switchable through the admin API. */
  scenarios?: Scenario[];
  /** When set, the admin API requires `Authorization: Bearer <token>` (from any address). */
  adminToken?: string;
  /** Where POST /admin/scenarios {path} may load files from. */
  scenariosDir?: string;
  /** The processing history's append-only file (JSON Lines); in memory only when not set. */
  historyFile?: string;
  /** Warnings while loading the history file (skipped lines). */
  warn?: (message: string) => void;
}

/** HTTPS, and with `requireClientCertificate` mutual TLS: the server's certificate and key (PEM), and the CA clients' certificates must come from. */
export interface TlsServerOptions {
  cert: string | Buffer;
  key: string | Buffer;
  ca?: string | Buffer;
  passphrase?: string;
  /** Mutual TLS: a connection without a certificate issued by `ca` is refused during the handshake. */
  requireClientCertificate?: boolean;
}

/** How long a client may take to send its request (slow senders are cut off with 408), and idle keep-alive. */
export interface ConnectionLimits {
  /** The whole header block must arrive within this (default 10 000 ms). */
  headersTimeoutMs?: number;
  /** The whole request, headers and body, must arrive within this (default 30 000 ms). */
  requestTimeoutMs?: number;
  /** How often those two are checked (default 1 000 ms). */
  checkIntervalMs?: number;
  /** An idle keep-alive connection is closed after this (default 5 000 ms). */
  keepAliveTimeoutMs?: number;
}

/** How a listener is set up: TLS, timeouts towards slow clients, and the shutdown deadline. */
export interface ListenOptions {
  tls?: TlsServerOptions;
  limits?: ConnectionLimits;
  /** On close, requests in flight get this long to finish before their connections are cut (default 10 000 ms). */
  shutdownDeadlineMs?: number;
}

/** The release notes served at /admin/release-notes. */
export const RELEASE_NOTES = fileURLToPath(new URL('../docs/release-notes.md', import.meta.url));

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** The path prefix under which the in-process base service of a source is mounted. */
export function baseServicePrefix(code: SourceCode): string {
  return `/base-services/${code.toLowerCase()}`;
}

/** An assembled simulator: one express app with the composite and (unless elsewhere) the base services. */
export interface Simulator {
  app: Express;
  ctx: SimContext;
  deps: CompositeDeps;
  /** The scenarios loaded, one active: switched through the admin API, reloaded by the file watcher. */
  store: LiveScenarioStore;
  /**
   * The in-process base services alone (none when every source is elsewhere): startSimulator serves them on an
   * HTTP server of their own that the composite reaches through in-process pipes (serveInProcess), so the
   * composite's calls neither need the client certificate of --mtls nor are cut when the public listener stops
   * accepting during a graceful shutdown.
   */
  baseApp: Express | undefined;
  /** Tells the composite where the in-process base services are reachable (under /base-services/<code>). */
  setSelfUrl(url: string): void;
  /**
   * Tells the composite to reach the in-process base services through `connect` (undici's pool: their
   * health checks) and, for the queries' calls, through its pipe client handing connections to `accept`
   * (see serveInProcess).
   */
  setSelfConnector(connect: Connector, accept?: AcceptConnection): void;
  close(): Promise<void>;
}

/** The origin the composite's calls to its in-process base services name: reached through pipes, never resolved. */
const INTERNAL_ORIGIN = 'http://base-services.localhost';

/** Builds the simulator's app without listening (tests use it with a real listener for the fan-out). */
export function createSimulator(options: SimulatorOptions): Simulator {
  const clock = options.clock ?? systemClock;
  const others = (options.scenarios ?? []).filter((x) => x.name !== options.scenario.name);
  const store = createScenarioStore({ clock, initial: [options.scenario, ...others], active: options.scenario.name });
  const ctx: SimContext = { clock, scenarios: store, runtime: createRuntimeState() };
  let selfUrl = 'http://127.0.0.1:0';
  let selfConnector: Connector | undefined;
  const agent = createSourceAgent((origin) => (origin === INTERNAL_ORIGIN ? selfConnector : undefined));
  // The queries' calls to the in-process base services go through the pipe client; every other call through undici.
  let pipes: PipeClient | undefined;
  const sources: SourceDispatcher = {
    dispatch: (options, handler) =>
      pipes !== undefined && options.origin === INTERNAL_ORIGIN ? pipes.dispatch(options as PipeCallOptions, handler) : agent.dispatch(options, handler),
  };
  const inProcess = options.compositeOnly ? [] : SOURCE_CODES.filter((code) => options.baseUrls?.[code] === undefined);
  const monotonic = (): number => performance.now();
  // History and journal time follow the active scenario's clock, so a demonstration on a fixed clock reads consistently.
  const activeClock: Clock = { now: () => scenarioClock(ctx.scenarios.current(), ctx.clock, ctx.scenarios.loadedAt(ctx.scenarios.current().name)).now() };
  const deps: CompositeDeps = {
    ctx,
    modules: SOURCES,
    baseUrl: (code) => options.baseUrls?.[code] ?? `${selfUrl}${baseServicePrefix(code)}`,
    agent,
    sources,
    monotonic,
    // The composite's calls through the pipes to the in-process base services (baseApp below) carry their start.
    inProcess: (code) => selfConnector !== undefined && inProcess.includes(code),
    history: createHistoryStore({ clock: activeClock, ...(options.historyFile === undefined ? {} : { file: options.historyFile }), ...(options.warn === undefined ? {} : { warn: options.warn }) }),
    journal: createJournal({ clock: activeClock }),
  };
  if (options.timeoutMs !== undefined) deps.timeoutMs = options.timeoutMs;
  const app = express();
  app.disable('x-powered-by');
  for (const code of inProcess) app.use(baseServicePrefix(code), createBaseServiceApp(SOURCES[code], ctx));
  // The composite's own calls take each service's lean path straight away (createBaseServicesApp).
  const baseApp: Express | undefined =
    inProcess.length === 0 ? undefined : createBaseServicesApp(
          inProcess.map((code) => ({ prefix: baseServicePrefix(code), app: createBaseServiceApp(SOURCES[code], ctx, { monotonic, countFromCallStart: true }) })),
        );
  app.use(
    '/admin',
    createAdminRouter({
      ctx,
      store,
      ...(deps.history === undefined ? {} : { history: deps.history }),
      ...(deps.journal === undefined ? {} : { journal: deps.journal }),
      toCsv: (entries) => toCsv(entries as HistoryEntry[]),
      toJsonLines: (entries) => toJsonLines(entries as HistoryEntry[]),
      driftinformation,
      version: packageVersion(),
      releaseNotes: () => readFileSync(RELEASE_NOTES, 'utf8'),
      ...(options.adminToken === undefined ? {} : { token: options.adminToken }),
      ...(options.scenariosDir === undefined ? {} : { scenariosDir: options.scenariosDir }),
      remoteSources: Object.fromEntries(SOURCE_CODES.filter((c) => !inProcess.includes(c)).map((c) => [c, options.baseUrls?.[c] ?? 'elsewhere'])),
    }),
  );
  const compositeOptions: Parameters<typeof createCompositeApp>[1] = {};
  if (options.soapPath !== undefined) compositeOptions.soapPath = options.soapPath;
  if (options.log !== undefined) compositeOptions.log = options.log;
  const compositeApp = createCompositeApp(deps, compositeOptions);
  app.use(compositeApp);
  // SOAP queries in the endpoint's exact spelling go straight to the composite's lean path: nothing
  // mounted before it answers a POST there, so the answer is the one express's routers would reach.
  const leanSoap = leanSoapEntryOf(compositeApp);
  if (leanSoap !== undefined) takeFirst(app, leanSoap);
  app.use(createUiRouter({ deps, store, soapPath: options.soapPath ?? '/ssbtek/v10' }));
  // Last resort: never express's HTML error page with a stack trace.
  app.use((err: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const e = err as { status?: number; type?: string };
    const status = typeof e.status === 'number' && e.status >= 400 && e.status < 600 ? e.status : 500;
    if (status >= 500) console.error('internal error:', err);
    if (res.headersSent) return;
    res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title: status >= 500 ? 'Internal error' : 'Bad request', status }));
  });
  return {
    app,
    ctx,
    deps,
    store,
    baseApp,
    setSelfUrl: (url) => {
      selfUrl = url.replace(/\/$/, '');
      selfConnector = undefined;
      void pipes?.close();
      pipes = undefined;
    },
    setSelfConnector: (connect, accept) => {
      selfUrl = INTERNAL_ORIGIN;
      selfConnector = connect;
      void pipes?.close();
      pipes = accept === undefined ? undefined : new PipeClient(accept);
    },
    close: async () => {
      await pipes?.close();
      await agent.close();
      deps.history?.close();
    },
  };
}

/** A listening HTTP(S) server and how to stop it. */
export interface Running {
  url: string;
  server: Server;
  /** Stops accepting, lets requests in flight finish (up to the shutdown deadline), then cuts what is left. */
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** An HTTP(S) server set up as every server of the simulator is, not yet listening, and its graceful close. */
interface Served {
  server: Server;
  /** Stops accepting, lets requests in flight finish (up to the shutdown deadline), then cuts what is left. */
  close: () => Promise<void>;
}

/** How a server's connections are closed: node's own tracking for a listening server, or the caller's. */
interface ConnectionCloser {
  closeIdleConnections(): void;
  closeAllConnections(): void;
}

/**
 * Makes the server of `app`: plain HTTP, or HTTPS (mutual TLS when the options ask for client certificates).
 * Slow senders are cut off by the header and request timeouts; a garbled request gets 400, never a crash.
 * `connections` closes its connections when node does not track them (serveInProcess).
 */
function serve(app: Express | Handler, options: ListenOptions = {}, connections?: ConnectionCloser): Served {
  const limits = options.limits ?? {};
  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs ?? 10_000,
    requestTimeout: limits.requestTimeoutMs ?? 30_000,
    connectionsCheckingInterval: limits.checkIntervalMs ?? 1_000,
  };
  const tls = options.tls;
  const server: Server =
    tls === undefined
      ? createHttpServer(serverOptions, app as Handler)
      : (createHttpsServer(
          {
            ...serverOptions,
            cert: tls.cert,
            key: tls.key,
            ...(tls.ca === undefined ? {} : { ca: tls.ca }),
            ...(tls.passphrase === undefined ? {} : { passphrase: tls.passphrase }),
            requestCert: tls.requireClientCertificate === true,
            rejectUnauthorized: tls.requireClientCertificate === true,
            minVersion: 'TLSv1.2',
          },
          app as Handler,
        ));
  server.keepAliveTimeout = limits.keepAliveTimeoutMs ?? 5_000;
  // Requests not yet answered, so a shutdown can wait for them.
  let inFlight = 0;
  let drained: (() => void) | undefined;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) drained?.();
    });
  });
  // A broken TLS handshake or a garbled request line is the client's problem, never the process's.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || socket.destroyed) {
      socket.destroy();
      return;
    }
    const status =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  const deadline = options.shutdownDeadlineMs ?? 10_000;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((res) => {
      const closed = new Promise<void>((done) => server.close(() => done()));
      const closer = connections ?? server;
      closer.closeIdleConnections();
      const finished = inFlight === 0 ? Promise.resolve() : new Promise<void>((done) => (drained = done));
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<void>((done) => (timer = setTimeout(done, deadline)));
      void Promise.race([finished, timedOut]).then(async () => {
        clearTimeout(timer);
        closer.closeAllConnections();
        await closed;
        res();
      });
    });
    return closing;
  };
  return { server, close };
}

/**
 * Listens on host:port (0 for any free port) and returns the URL actually served: plain HTTP, or HTTPS (mutual TLS
 * when the options ask for client certificates). Slow senders are cut off by the header and request timeouts.
 */
export function listen(app: Express | Handler, host: string, port: number, options: ListenOptions = {}): Promise<Running> {
  const { server, close } = serve(app, options);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      const scheme = options.tls === undefined ? 'http' : 'https';
      const url = typeof addr === 'object' && addr !== null ? `${scheme}://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}` : `${scheme}://localhost`;
      resolve({ url, server, close });
    });
  });
}

/**
 * Serves `app` to callers in this process through in-process pipes instead of a listening socket.
 * Two ways in: each connection the returned `connect` opens (for undici's pools: the composite's health
 * checks) is one end of a pipe (http/memory-pipe.ts) whose other end the server takes as a connection;
 * `accept` takes the server end of a connection the composite's pipe client opened (http/pipe-client.ts:
 * the queries' calls). The exchanges are HTTP/1.1 as on a socket (the client writes and parses them,
 * node's HTTP server parses and writes them, keep-alive, timeouts and all); only the kernel is left out,
 * which cost about a fifth of the simulator's CPU under load as 14 socket writes per query (issue 7,
 * docs/performance.md). The server never listens, so nothing outside the process reaches it.
 */
export function serveInProcess(app: Express | Handler, options: ListenOptions = {}): Served & { connect: Connector; accept: AcceptConnection } {
  // Node tracks a server's connections (for closeIdleConnections, closeAllConnections and the slow-sender
  // timeouts) only once it listens, so the server ends of the pipes are tracked here, with the requests
  // in flight on each. (Slow senders: only the composite of this process connects.)
  const ends = new Map<Duplex, number>();
  const closer: ConnectionCloser = {
    closeIdleConnections: () => {
      for (const [end, requests] of ends) if (requests === 0) end.destroy();
    },
    closeAllConnections: () => {
      for (const end of ends.keys()) end.destroy();
    },
  };
  const served = serve(app, options, closer);
  served.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const end = req.socket;
    const requests = ends.get(end);
    if (requests === undefined) return;
    ends.set(end, requests + 1);
    res.once('close', () => {
      const now = ends.get(end);
      if (now !== undefined) ends.set(end, now - 1);
    });
  });
  const accept: AcceptConnection = (server) => {
    ends.set(server, 0);
    server.once('close', () => ends.delete(server));
    served.server.emit('connection', server);
  };
  const connect: Connector = (_options, callback) => {
    const [client, server] = pipePair();
    accept(server);
    // Asynchronously, as a socket connects: undici's pool must not see the connection inside its own call.
    process.nextTick(callback, null, client);
  };
  return { ...served, connect, accept };
}

/** Builds and starts the simulator; the composite calls its in-process base services over HTTP through in-process pipes (serveInProcess). */
export async function startSimulator(options: SimulatorOptions & ListenOptions & { host?: string; port?: number }): Promise<Simulator & Running> {
  const sim = createSimulator(options);
  const internal = sim.baseApp === undefined ? undefined : serveInProcess(sim.baseApp, { shutdownDeadlineMs: options.shutdownDeadlineMs ?? 10_000 });
  let running: Running;
  try {
    running = await listen(sim.app, options.host ?? '127.0.0.1', options.port ?? 8080, options);
  } catch (e) {
    await internal?.close();
    await sim.close();
    throw e;
  }
  if (internal !== undefined) sim.setSelfConnector(internal.connect, internal.accept);
  else sim.setSelfUrl(running.url);
  return {
    ...sim,
    ...running,
    close: async () => {
      await running.close();
      await internal?.close();
      await sim.close();
    },
  };
}
