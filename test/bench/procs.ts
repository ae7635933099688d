/**
 * Child processes for the benchmark: the simulator and the baseline server each run as their own
 * process, so their memory is measured alone; the load generator runs in the bench process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Linux USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on every mainstream architecture). */
const CLOCK_TICKS_PER_S = 100;

export interface Child {
  child: ChildProcess;
  pid: number;
  /** Standard output and error so far (the last 256 KiB of each). */
  stdout(): string;
  stderr(): string;
  /** SIGINT (graceful), then SIGKILL after `graceMs`; resolves with the exit code or signal. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<string>;
  exited: Promise<string>;
}

const KEEP = 256 * 1024;

/** Spawns `node <args>` in `cwd`, capturing its output. */
export function spawnNode(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Child {
  return spawnCommand(process.execPath, args, cwd, env);
}

/**
 * Spawns `command <args>` in `cwd`, capturing its output. With `group`, the child leads its own
 * process group and stop() signals that group (for wrappers such as npx that start a child of their own).
 */
export function spawnCommand(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
  group = false,
): Child {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: group });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    out = (out + s).slice(-KEEP);
  });
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    err = (err + s).slice(-KEEP);
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code === null ? String(signal) : String(code)));
  });
  if (child.pid === undefined) throw new Error(`could not spawn ${command} ${args.join(' ')}`);
  const pid = child.pid;
  const signal = (sig: NodeJS.Signals): void => {
    try {
      if (group) process.kill(-pid, sig);
      else child.kill(sig);
    } catch {
      // already gone
    }
  };
  return {
    child,
    pid,
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop(sig = 'SIGINT', graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      signal(sig);
      const timer = setTimeout(() => signal('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Waits until the child's standard output matches `pattern`; rejects on exit or after `timeoutMs`. */
export function waitForOutput(c: Child, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const m = c.stdout().match(pattern);
      if (m === null) return false;
      cleanup();
      resolve(m);
      return true;
    };
    const onExit = (code: number | null, signal: string | null): void => {
      cleanup();
      reject(
        new Error(
          `process exited (${code ?? signal}) before printing ${pattern}:\n${c.stdout()}\n${c.stderr()}`,
        ),
      );
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${c.stdout()}\n${c.stderr()}`));
    }, timeoutMs);
    const onData = (): void => void check();
    const cleanup = (): void => {
      clearTimeout(timer);
      c.child.stdout?.off('data', onData);
      c.child.off('exit', onExit);
    };
    c.child.stdout?.on('data', onData);
    c.child.once('exit', onExit);
    check();
  });
}

export interface SimulatorProcess extends Child {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** The SOAP endpoint, as printed. */
  soapUrl: string;
  /** Milliseconds from spawn to the printed endpoint. */
  startedMs: number;
}

export interface SimulatorStart {
  /** The tree whose simulator is started (its simulator/cli/bin.js). */
  root: string;
  /** Extra arguments after `start --port 0 --quiet --no-watch`. */
  args?: string[];
  /** Node options before the entry, e.g. --cpu-prof. */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Starts the simulator as users do, `node simulator/cli/bin.js start --port 0 --quiet --no-watch ...` (the
 * start-up bundle, built first when the tree has none; SSBTEK_SIM_FROM_SOURCE=1 in `env` runs the sources
 * through tsx), and waits for its URL.
 */
export async function startSimulator(o: SimulatorStart): Promise<SimulatorProcess> {
  const t0 = performance.now();
  const c = spawnNode(
    [
      ...(o.nodeArgs ?? []),
      'simulator/cli/bin.js',
      'start',
      '--port',
      '0',
      '--quiet',
      '--no-watch',
      ...(o.args ?? []),
    ],
    o.root,
    o.env,
  );
  try {
    const m = await waitForOutput(c, /SOAP endpoint\s+(http:\/\/\S+)/, o.timeoutMs ?? 120_000);
    const soapUrl = m[1] ?? '';
    return { ...c, soapUrl, baseUrl: new URL(soapUrl).origin, startedMs: performance.now() - t0 };
  } catch (e) {
    await c.stop('SIGKILL');
    throw e;
  }
}

/** A free TCP port on 127.0.0.1 (listen on 0, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function statusField(pid: number, field: string): number | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = text.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return m === null ? undefined : Number(m[1]);
  } catch {
    return undefined;
  }
}

/** The process's resident set size now, in MiB (undefined when it is gone or /proc is absent). */
export function rssMb(pid: number): number | undefined {
  const kb = statusField(pid, 'VmRSS');
  return kb === undefined ? undefined : kb / 1024;
}

/** The process's peak resident set size since it started (VmHWM), in MiB. */
export function hwmMb(pid: number): number | undefined {
  const kb = statusField(pid, 'VmHWM');
  return kb === undefined ? undefined : kb / 1024;
}

/** CPU time (user + system) the process has used, in ms. */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

export interface RssSampling {
  peakMb: number;
  meanMb: number;
  samples: number;
}

/** Samples VmRSS of `pid` every `intervalMs` until stop() (which returns the peak and mean). */
export function sampleRss(pid: number, intervalMs = 200): { stop(): RssSampling } {
  let peak = 0;
  let sum = 0;
  let n = 0;
  const take = (): void => {
    const mb = rssMb(pid);
    if (mb === undefined) return;
    peak = Math.max(peak, mb);
    sum += mb;
    n += 1;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peakMb: peak, meanMb: n === 0 ? 0 : sum / n, samples: n };
    },
  };
}

export interface Calibration {
  /** `node -e 0`: wall time and CPU time (user + system), median of the runs, ms. */
  nodeStartMs: number;
  nodeStartCpuMs: number;
  runs: number;
}

/**
 * How fast this machine is right now: `node -e 0` a few times. Recorded with each result so runs on a
 * shared machine can be compared (other work slows it down, in wall time and in CPU time).
 */
export async function calibrate(runs = 5): Promise<Calibration> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    // This process's reaped children's CPU (cutime + cstime) before and after: the child's own CPU.
    const before = childrenCpuMs();
    const t0 = performance.now();
    const c = spawnNode(['-e', '0'], process.cwd());
    await c.exited;
    walls.push(performance.now() - t0);
    const after = childrenCpuMs();
    if (before !== undefined && after !== undefined) cpus.push(after - before);
  }
  const med = (xs: number[]): number =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  return { nodeStartMs: Math.round(med(walls)), nodeStartCpuMs: Math.round(med(cpus)), runs };
}

/** CPU time (user + system) of this process's reaped children (cutime + cstime), ms. */
function childrenCpuMs(): number | undefined {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/** Where a file of this folder is, for spawning it. */
export function benchFile(name: string): string {
  return join(import.meta.dirname, name);
}
