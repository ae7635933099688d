/**
 * The base services' CPU per exchange, alone (issue 7, second round): serves one or all seven base
 * services of the default scenario on a loopback port in a child process, drives them from this
 * process with undici (keep-alive Agent) at the given concurrencies, and reports the server
 * process's CPU time (user + system, `process.cpuUsage()` in the child) per call, with the client's
 * beside it. The calls are the ones the composite makes (each source's `buildCall`) for the default
 * scenario's personas that no failure rule names, so every answer is HTTP 200 from the payload cache
 * after the warm-up: what is left is the per-request HTTP and validation work.
 *
 * - `--sources all` serves the seven as the simulator does: `createSimulator(...).baseApp`, one
 *   express app mounting each under /base-services/<code>. `--sources FK` (or any code) serves one
 *   app from `createBaseServiceApp` as the listener itself.
 * - `--sources all-mount` serves the seven through simulator/base-services/mount.ts
 *   (`createBaseServicesApp`) instead of server.ts's plain express mounts (a tree that has it).
 * - `--sources bare` is the floor: a bare node:http listener that reads the body and answers a canned
 *   document of 2.9 KB, the mean size of the real answers (the calls are those of all seven).
 * - `--root DIR` measures another tree (e.g. a snapshot of HEAD with node_modules linked), so before
 *   and after can be run alternately on a noisy machine. Compare CPU, not wall time.
 *
 * Usage: npx tsx test/bench/base-service-micro.ts [--root DIR] [--sources all|all-mount|bare|CODE] [--calls 20000]
 *          [--connections 10,50] [--repeat 3] [--cpu-prof-dir DIR]   (profiles the server process)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Agent, request } from 'undici';
import { healthyPersonas } from './workload.ts';

const HERE = fileURLToPath(import.meta.url);
const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const ALL = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'] as const;
const NOW = '2026-11-27T10:00:00Z';

interface Call {
  path: string;
  headers: Record<string, string>;
  body: string;
}

type Cpu = { user: number; system: number };
type ToChild = { kind: 'mark' };
type FromChild = { kind: 'ready'; port: number; calls: Call[] } | { kind: 'cpu'; cpu: Cpu };

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

async function load<T>(root: string, path: string): Promise<T> {
  return (await import(pathToFileURL(resolve(root, path)).href)) as T;
}

/** The child: builds the app(s) from `root`, listens on loopback, reports its CPU when asked. */
async function serve(root: string, sources: string): Promise<void> {
  const { loadScenarioFile } = await load<typeof import('../../simulator/scenarios/load.ts')>(root, 'simulator/scenarios/load.ts');
  const { fixedClock } = await load<typeof import('../../simulator/domain/clock.ts')>(root, 'simulator/domain/clock.ts');
  const { SOURCES } = await load<typeof import('../../simulator/base-services/registry.ts')>(root, 'simulator/base-services/registry.ts');
  const scenario = loadScenarioFile(resolve(root, 'scenarios/default.yaml'));
  const clock = fixedClock(NOW);
  let listener: RequestListener;
  let prefix: (code: string) => string;
  let codes: string[];
  if (sources === 'bare') {
    // The floor: a bare node:http listener that reads the body and answers one canned document.
    const body = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<svar>'.padEnd(2900, ' ') + '</svar>\n');
    const headers = ['Content-Type', 'application/xml; charset=utf-8', 'Content-Length', String(body.length)];
    listener = (req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, headers);
        res.end(body);
      });
    };
    prefix = () => '';
    codes = [...ALL];
  } else if (sources === 'all') {
    const server = await load<typeof import('../../simulator/server.ts')>(root, 'simulator/server.ts');
    const sim = server.createSimulator({ scenario, clock });
    if (sim.baseApp === undefined) throw new Error('no in-process base services');
    listener = sim.baseApp;
    prefix = (code) => server.baseServicePrefix(code as (typeof ALL)[number]);
    codes = [...ALL];
  } else if (sources === 'all-mount') {
    const server = await load<typeof import('../../simulator/server.ts')>(root, 'simulator/server.ts');
    const { createBaseServiceApp } = await load<typeof import('../../simulator/base-services/app.ts')>(root, 'simulator/base-services/app.ts');
    const { createBaseServicesApp } = await load<typeof import('../../simulator/base-services/mount.ts')>(root, 'simulator/base-services/mount.ts');
    const { staticScenario } = await load<typeof import('../../simulator/domain/context.ts')>(root, 'simulator/domain/context.ts');
    const { createRuntimeState } = await load<typeof import('../../simulator/runtime/state.ts')>(root, 'simulator/runtime/state.ts');
    const ctx = { clock, scenarios: staticScenario(scenario), runtime: createRuntimeState() };
    prefix = (code) => server.baseServicePrefix(code as (typeof ALL)[number]);
    codes = [...ALL];
    listener = createBaseServicesApp(ALL.map((code) => ({ prefix: prefix(code), app: createBaseServiceApp(SOURCES[code], ctx) })));
  } else {
    const { createBaseServiceApp } = await load<typeof import('../../simulator/base-services/app.ts')>(root, 'simulator/base-services/app.ts');
    const { staticScenario } = await load<typeof import('../../simulator/domain/context.ts')>(root, 'simulator/domain/context.ts');
    const { createRuntimeState } = await load<typeof import('../../simulator/runtime/state.ts')>(root, 'simulator/runtime/state.ts');
    const code = sources as (typeof ALL)[number];
    listener = createBaseServiceApp(SOURCES[code], { clock, scenarios: staticScenario(scenario), runtime: createRuntimeState() });
    prefix = () => '';
    codes = [code];
  }
  const { makeBaseRequest } = await load<typeof import('../support/factories.ts')>(root, 'test/support/factories.ts');
  const { lefiJson } = await load<typeof import('../support/lefi.ts')>(root, 'test/support/lefi.ts');
  const calls: Call[] = [];
  for (const persona of healthyPersonas(root)) {
    const request = makeBaseRequest({ personidentitet: persona.personidentitet, korrelationsid: `micro-${persona.id}` });
    for (const code of codes) {
      const source = SOURCES[code as (typeof ALL)[number]];
      const fk = code === 'FK' ? { version: 'v9', aktorsid: '1000001', lefiJsonFraga: lefiJson(persona.personidentitet) } : undefined;
      const call = source.buildCall(request, fk);
      calls.push({ path: `${prefix(code)}${call.path}`, headers: call.headers, body: call.body });
    }
  }
  const server = createServer({ keepAliveTimeout: 60_000 }, listener);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  let mark = process.cpuUsage();
  process.on('message', (m: ToChild) => {
    if (m.kind !== 'mark') return;
    const cpu = process.cpuUsage(mark);
    mark = process.cpuUsage();
    process.send?.({ kind: 'cpu', cpu } satisfies FromChild);
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ kind: 'ready', port: (server.address() as AddressInfo).port, calls } satisfies FromChild);
}

/** Asks the child for its CPU since the last mark. */
function mark(child: ChildProcess): Promise<Cpu> {
  return new Promise((done) => {
    const on = (m: FromChild): void => {
      if (m.kind !== 'cpu') return;
      child.off('message', on);
      done(m.cpu);
    };
    child.on('message', on);
    child.send({ kind: 'mark' } satisfies ToChild);
  });
}

let lastMeanBytes = 0;

/** `total` calls over `connections` keep-alive connections, round-robin over `calls`; the statuses seen. */
async function drive(port: number, calls: Call[], connections: number, total: number): Promise<Map<number, number>> {
  const agent = new Agent({ connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const statuses = new Map<number, number>();
  let next = 0;
  let bytes = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const call = calls[next++ % calls.length] as Call;
      const res = await request(`http://127.0.0.1:${port}${call.path}`, { method: 'POST', headers: call.headers, body: call.body, dispatcher: agent });
      bytes += (await res.body.arrayBuffer()).byteLength;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  await agent.close();
  lastMeanBytes = bytes / total;
  return statuses;
}

async function main(): Promise<void> {
  const root = resolve(arg('root', REPO));
  const sources = arg('sources', 'all');
  const total = Number(arg('calls', '20000'));
  const connections = arg('connections', '10,50').split(',').map(Number);
  const repeat = Number(arg('repeat', '3'));
  const prof = arg('cpu-prof-dir', '');
  const execArgv = ['--import', 'tsx', ...(prof === '' ? [] : ['--cpu-prof', '--cpu-prof-dir', resolve(prof)])];
  const child = fork(HERE, ['--serve', '--root', root, '--sources', sources], { execArgv, cwd: root });
  const ready = await new Promise<Extract<FromChild, { kind: 'ready' }>>((done, fail) => {
    child.once('error', fail);
    child.on('message', (m: FromChild) => {
      if (m.kind === 'ready') done(m);
    });
  });
  console.log(`root ${root}, sources ${sources}: ${ready.calls.length} distinct calls, ${total} per run`);
  // Warm-up: compiles the validators and fills the payload and document caches.
  await drive(ready.port, ready.calls, 10, Math.max(ready.calls.length * 3, 2000));
  for (let r = 1; r <= repeat; r++) {
    for (const c of connections) {
      await mark(child);
      const client0 = process.cpuUsage();
      const t0 = performance.now();
      const statuses = await drive(ready.port, ready.calls, c, total);
      const ms = performance.now() - t0;
      const server = await mark(child);
      const client = process.cpuUsage(client0);
      const per = (cpu: Cpu): string => ((cpu.user + cpu.system) / total).toFixed(1);
      const seen = [...statuses].map(([s, n]) => `${s}×${n}`).join(' ');
      console.log(
        `run ${r} c=${String(c).padStart(2)}: server ${per(server)} µs CPU/call (user ${(server.user / total).toFixed(1)}), client ${per(client)} µs/call, ${(total / (ms / 1000)).toFixed(0)} calls/s wall, statuses ${seen}, ${lastMeanBytes.toFixed(0)} B/answer`,
      );
    }
  }
  const exited = new Promise((done) => child.once('exit', done));
  child.disconnect();
  await exited;
}

if (process.argv.includes('--serve')) await serve(resolve(arg('root', REPO)), arg('sources', 'all'));
else await main();
