/**
 * The simulator in split mode, as `npm run dev:split` runs it: seven `ssbtek-sim base-service <code>`
 * processes and one `ssbtek-sim start --composite-only --base-urls ...`, each started as
 * `node --import tsx simulator/cli/main.ts ...` on a free port. A process can be killed (SIGKILL),
 * started again on its port, stopped and continued (SIGSTOP/SIGCONT), and at the end every process
 * gets SIGTERM and must exit 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SOURCE_CODES, type SourceCode } from '../../simulator/domain/sources.ts';
import { freePort, rssMb } from '../bench/procs.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../simulator/cli/main.ts', import.meta.url));

/** How a process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One simulator process. */
export interface SimProcess {
  name: string;
  port: number;
  url: string;
  pid: number;
  child: ChildProcess;
  exited: Promise<Exit>;
  /** The last lines it wrote (stdout and stderr), for a report when something goes wrong. */
  tail: string[];
}

export { freePort };

function keepTail(tail: string[], chunk: Buffer): void {
  for (const line of chunk.toString('utf8').split('\n')) {
    if (line.trim() === '') continue;
    tail.push(line);
    if (tail.length > 40) tail.shift();
  }
}

/** Starts `ssbtek-sim <args>` and resolves once `readyPath` answers 200. */
export async function startProcess(
  name: string,
  port: number,
  args: string[],
  readyPath: string,
  nodeArgs: string[] = [],
  timeoutMs = 120_000,
): Promise<SimProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  child.stdout?.on('data', (c: Buffer) => keepTail(tail, c));
  child.stderr?.on('data', (c: Buffer) => keepTail(tail, c));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const proc: SimProcess = { name, port, url, pid: child.pid ?? -1, child, exited, tail };
  const started = performance.now();
  let gone: Exit | undefined;
  void exited.then((e) => (gone = e));
  for (;;) {
    if (gone !== undefined)
      throw new Error(
        `${name} exited while starting (code ${gone.code}, signal ${gone.signal}):\n${tail.join('\n')}`,
      );
    try {
      const res = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return proc;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(
        `${name} did not become ready on ${url}${readyPath} within ${timeoutMs} ms:\n${tail.join('\n')}`,
      );
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Sends SIGTERM and waits for the exit (SIGKILL after `graceMs`). */
export async function terminate(
  p: SimProcess,
  graceMs = 15_000,
): Promise<Exit & { ms: number; forced: boolean }> {
  const started = performance.now();
  if (p.child.exitCode !== null || p.child.signalCode !== null)
    return { code: p.child.exitCode, signal: p.child.signalCode, ms: 0, forced: false };
  p.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>(
    (resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs)),
  );
  const first = await Promise.race([p.exited, timedOut]);
  clearTimeout(timer);
  if (first === 'timeout') {
    p.child.kill('SIGKILL');
    const e = await p.exited;
    return { ...e, ms: performance.now() - started, forced: true };
  }
  return { ...first, ms: performance.now() - started, forced: false };
}

/** The resident set size of a process in bytes (VmRSS from /proc/<pid>/status), or undefined when gone. */
export function rssBytes(pid: number): number | undefined {
  const mb = rssMb(pid);
  return mb === undefined ? undefined : mb * 1024 * 1024;
}

/** The eight processes of split mode. */
export interface Cluster {
  composite: SimProcess;
  bases: Record<SourceCode, SimProcess>;
  /** The args each base service was started with, to start it again. */
  baseArgs: Record<SourceCode, string[]>;
}

export function baseServiceArgs(code: SourceCode, port: number, scenarioFile: string): string[] {
  return ['base-service', code.toLowerCase(), '--port', String(port), '--scenario', scenarioFile];
}

/**
 * Starts the seven base services, then the composite pointed at them; with `inspectPort`, the
 * composite's inspector listens there (127.0.0.1 only), for reading its heap.
 */
export async function startCluster(scenarioFile: string, inspectPort?: number): Promise<Cluster> {
  const ports = await Promise.all(SOURCE_CODES.map(() => freePort()));
  const baseArgs = Object.fromEntries(
    SOURCE_CODES.map((code, i) => [code, baseServiceArgs(code, ports[i] ?? 0, scenarioFile)]),
  ) as Record<SourceCode, string[]>;
  const settled = await Promise.allSettled(
    SOURCE_CODES.map((code, i) => startProcess(code, ports[i] ?? 0, baseArgs[code], '/health')),
  );
  const started = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed !== undefined) {
    for (const p of started) p.child.kill('SIGKILL');
    throw failed.reason;
  }
  const bases = Object.fromEntries(SOURCE_CODES.map((code, i) => [code, started[i]])) as Record<
    SourceCode,
    SimProcess
  >;
  const baseUrls = SOURCE_CODES.map((code) => `${code.toLowerCase()}=${bases[code].url}`).join(',');
  const port = await freePort();
  try {
    const composite = await startProcess(
      'composite',
      port,
      [
        'start',
        '--composite-only',
        '--base-urls',
        baseUrls,
        '--port',
        String(port),
        '--scenario',
        scenarioFile,
        '--no-watch',
        '--quiet',
      ],
      '/admin/ready',
      inspectPort === undefined ? [] : [`--inspect=127.0.0.1:${inspectPort}`],
    );
    return { composite, bases, baseArgs };
  } catch (e) {
    for (const p of started) p.child.kill('SIGKILL');
    throw e;
  }
}

/** Every process still running, SIGKILLed: for an interrupted run. */
export function killAll(cluster: Cluster | undefined): void {
  if (cluster === undefined) return;
  for (const p of [cluster.composite, ...Object.values(cluster.bases)]) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  }
}
