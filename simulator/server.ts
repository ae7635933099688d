import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import express, { type Express } from 'express';
import { createBaseServiceApp } from './base-services/app.ts';
import { SOURCES } from './base-services/registry.ts';
import { createCompositeApp } from './composite/app.ts';
import { createSourceAgent } from './composite/fan-out.ts';
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
  /** Tells the composite where this app itself is reachable, once it listens. */
  setSelfUrl(url: string): void;
  close(): Promise<void>;
}

/** Builds the simulator's app without listening (tests use it with a real listener for the fan-out). */
export function createSimulator(options: SimulatorOptions): Simulator {
  const clock = options.clock ?? systemClock;
  const others = (options.scenarios ?? []).filter((x) => x.name !== options.scenario.name);
  const store = createScenarioStore({ clock, initial: [options.scenario, ...others], active: options.scenario.name });
  const ctx: SimContext = { clock, scenarios: store, runtime: createRuntimeState() };
  let selfUrl = 'http://127.0.0.1:0';
  const agent = createSourceAgent();
  // History and journal time follow the active scenario's clock, so a demonstration on a fixed clock reads consistently.
  const activeClock: Clock = { now: () => scenarioClock(ctx.scenarios.current(), ctx.clock, ctx.scenarios.loadedAt(ctx.scenarios.current().name)).now() };
  const deps: CompositeDeps = {
    ctx,
    modules: SOURCES,
    baseUrl: (code) => options.baseUrls?.[code] ?? `${selfUrl}${baseServicePrefix(code)}`,
    agent,
    monotonic: () => performance.now(),
    history: createHistoryStore({ clock: activeClock }),
    journal: createJournal({ clock: activeClock }),
  };
  if (options.timeoutMs !== undefined) deps.timeoutMs = options.timeoutMs;
  const app = express();
  app.disable('x-powered-by');
  if (!options.compositeOnly) {
    for (const code of SOURCE_CODES) {
      if (options.baseUrls?.[code] === undefined) app.use(baseServicePrefix(code), createBaseServiceApp(SOURCES[code], ctx));
    }
  }
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
    }),
  );
  const compositeOptions: Parameters<typeof createCompositeApp>[1] = {};
  if (options.soapPath !== undefined) compositeOptions.soapPath = options.soapPath;
  if (options.log !== undefined) compositeOptions.log = options.log;
  app.use(createCompositeApp(deps, compositeOptions));
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
    setSelfUrl: (url) => {
      selfUrl = url.replace(/\/$/, '');
    },
    close: () => agent.close(),
  };
}

/** A listening HTTP server and how to stop it. */
export interface Running {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Listens on host:port (0 for any free port) and returns the URL actually served. */
export function listen(app: Express, host: string, port: number): Promise<Running> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('error', reject);
    server.once('listening', () => {
      const addr = server.address() as AddressInfo;
      const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
      resolve({
        url: `http://${shownHost}:${addr.port}`,
        server,
        close: () =>
          new Promise((res) => {
            server.closeAllConnections();
            server.close(() => res());
          }),
      });
    });
  });
}

/** Builds and starts the simulator; the composite calls its in-process base services over HTTP. */
export async function startSimulator(options: SimulatorOptions & { host?: string; port?: number }): Promise<Simulator & Running> {
  const sim = createSimulator(options);
  const running = await listen(sim.app, options.host ?? '127.0.0.1', options.port ?? 8080);
  sim.setSelfUrl(running.url);
  return {
    ...sim,
    ...running,
    close: async () => {
      await running.close();
      await sim.close();
    },
  };
}
