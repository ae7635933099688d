import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/** How one adapter run went. */
export interface AdapterRun {
  stdout: string;
  stderr: string;
  /** The exit code; null when it was ended by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** True when the harness killed it at `killAfterMs`. */
  killed: boolean;
  /** Start and end on the harness's monotonic clock (performance.now, ms). */
  startedMs: number;
  endedMs: number;
  /** When the last stdout output came (the client had concluded), on the same clock; absent when it printed nothing. */
  lastOutputMs?: number;
  /** The command could not be started at all (spawn failed). */
  spawnError?: string;
}

export interface RunAdapterOptions {
  /** The shell command (run with /bin/sh -c, or cmd.exe on Windows). */
  command: string;
  /** Added to the harness's own environment. */
  env: Record<string, string>;
  /** Written to stdin, which is then closed. */
  stdin: string;
  /** Kills the command (its whole process group) after this many ms. */
  killAfterMs: number;
  cwd?: string;
  now?: () => number;
}

/** Process groups of adapters still running: killed should the harness itself exit first (Ctrl-C, a crash). */
const running = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function track(pid: number | undefined): void {
  if (pid === undefined || process.platform === 'win32') return;
  running.add(pid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const p of running) killGroup(p);
    });
  }
}

/** The most of stdout and of stderr kept (the rest is cut, with a note). */
export const MAX_CAPTURE_BYTES = 1024 * 1024;

function collector(): { push(chunk: Buffer): void; text(): string } {
  const chunks: Buffer[] = [];
  let bytes = 0;
  let cut = false;
  return {
    push(chunk) {
      if (bytes >= MAX_CAPTURE_BYTES) {
        cut = true;
        return;
      }
      chunks.push(chunk);
      bytes += chunk.length;
    },
    text: () =>
      Buffer.concat(chunks).toString('utf8').slice(0, MAX_CAPTURE_BYTES) +
      (cut ? `\n[cut at ${MAX_CAPTURE_BYTES} bytes]` : ''),
  };
}

/**
 * Runs the adapter command in a shell with the protocol's environment and stdin, captures stdout and
 * stderr, and kills it (SIGKILL to its whole process group, so the shell's children go too) when it
 * runs past `killAfterMs`: a client that retries forever cannot hang the harness.
 */
export function runAdapter(options: RunAdapterOptions): Promise<AdapterRun> {
  const now = options.now ?? (() => performance.now());
  const windows = process.platform === 'win32';
  return new Promise((resolve) => {
    const startedMs = now();
    const out = collector();
    const err = collector();
    let killed = false;
    let settled = false;
    let lastOutputMs: number | undefined;
    const child = spawn(options.command, {
      shell: true,
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so a kill reaches whatever the shell started.
      detached: !windows,
      windowsHide: true,
    });
    track(child.pid);
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null, spawnError?: string): void => {
      if (settled) return;
      settled = true;
      if (child.pid !== undefined) running.delete(child.pid);
      clearTimeout(timer);
      clearTimeout(grace);
      const run: AdapterRun = {
        stdout: out.text(),
        stderr: err.text(),
        exitCode,
        signal,
        killed,
        startedMs,
        endedMs: now(),
      };
      if (spawnError !== undefined) run.spawnError = spawnError;
      if (lastOutputMs !== undefined) run.lastOutputMs = lastOutputMs;
      resolve(run);
    };
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      killed = true;
      if (!windows && child.pid !== undefined) killGroup(child.pid);
      else child.kill('SIGKILL');
      // Should a grandchild keep the pipes open, do not wait for it.
      grace = setTimeout(() => finish(null, 'SIGKILL'), 2000);
    }, options.killAfterMs);
    child.stdout.on('data', (c: Buffer) => {
      lastOutputMs = now();
      out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => finish(null, null, e.message));
    child.on('close', (code, signal) => {
      // Whatever the adapter left running in the background goes with it.
      if (!windows && child.pid !== undefined && !killed) killGroup(child.pid);
      finish(code, signal);
    });
    // An adapter that does not read its stdin must not make the harness fail (EPIPE).
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin);
  });
}
