/**
 * Cold start: from spawning the process to the first successful SOAP answer (polled every 10 ms),
 * several runs, median. Variants: the package's bin with its start-up bundle and code cache in place
 * (the target's), the bin's first start after an install or an edit (it builds the bundle), the bin
 * from source through tsx, with `all` also `npx ssbtek-sim start`, and the baseline server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { cpuMs, freePort, rssMb, spawnCommand, spawnNode, type Child } from './procs.ts';
import { median, round } from './stats.ts';

export interface ColdStartRun {
  /** Spawn to the first 200 answer that is a real answer, ms. */
  firstAnswerMs: number;
  /** CPU time (user + system) of the process at that moment, ms (the node process itself; for npx, npx's). */
  cpuMs: number | undefined;
  /** Resident set size then, MiB. */
  rssMb: number | undefined;
}

export interface ColdStartVariant {
  name: string;
  command: string;
  runs: ColdStartRun[];
  medianMs: number;
  medianCpuMs: number | undefined;
  error?: string;
}

interface Variant {
  name: string;
  command: string;
  spawn: (port: number) => Child;
  path: string;
  body: string;
  verify: (body: string) => boolean;
}

async function firstAnswer(
  c: Child,
  url: string,
  body: string,
  verify: (b: string) => boolean,
  t0: number,
  timeoutMs: number,
): Promise<ColdStartRun> {
  for (;;) {
    if (c.child.exitCode !== null || c.child.signalCode !== null)
      throw new Error(`exited before answering:\n${c.stderr().slice(-2000)}`);
    if (performance.now() - t0 > timeoutMs) throw new Error(`no answer within ${timeoutMs} ms`);
    try {
      const res = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        body,
        reset: true,
      });
      const text = await res.body.text();
      if (res.statusCode === 200 && verify(text))
        return {
          firstAnswerMs: round(performance.now() - t0, 1),
          cpuMs: cpuMs(c.pid),
          rssMb: round(rssMb(c.pid) ?? Number.NaN, 1),
        };
      throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== 'ECONNREFUSED' && code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw e;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

async function measure(v: Variant, runs: number, timeoutMs: number): Promise<ColdStartVariant> {
  const out: ColdStartRun[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const port = await freePort();
      const t0 = performance.now();
      const c = v.spawn(port);
      try {
        out.push(await firstAnswer(c, `http://127.0.0.1:${port}${v.path}`, v.body, v.verify, t0, timeoutMs));
      } finally {
        await c.stop();
      }
    }
  } catch (e) {
    return {
      name: v.name,
      command: v.command,
      runs: out,
      medianMs: Number.NaN,
      medianCpuMs: undefined,
      error: (e as Error).message.slice(0, 500),
    };
  }
  const cpu = out.map((r) => r.cpuMs).filter((x): x is number => x !== undefined);
  return {
    name: v.name,
    command: v.command,
    runs: out,
    medianMs: round(median(out.map((r) => r.firstAnswerMs)), 1),
    medianCpuMs: cpu.length === 0 ? undefined : round(median(cpu), 0),
  };
}

export interface ColdStartOptions {
  root: string;
  runs: number;
  /** The SOAP query sent as the first request. */
  query: string;
  verify: (body: string) => boolean;
  /** The baseline server's answers file, and the path it answers on. */
  baseline?: { script: string; answersFile: string; path: string };
  timeoutMs?: number;
  /** Also npx and the bundle (slower to measure). */
  all?: boolean;
}

export async function measureColdStarts(o: ColdStartOptions): Promise<ColdStartVariant[]> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  const startArgs = (port: number): string[] => ['start', '--port', String(port), '--quiet', '--no-watch'];
  const sim = (name: string, command: string, spawnIt: (port: number) => Child): Variant => ({
    name,
    command,
    spawn: spawnIt,
    path: '/ssbtek/v10',
    body: o.query,
    verify: o.verify,
  });
  // Each "first start" gets an empty cache directory of its own; all are removed when the variants are done.
  const cacheDirs: string[] = [];
  const emptyCacheDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ssbtek-bench-cache-'));
    cacheDirs.push(dir);
    return dir;
  };
  const variants: Variant[] = [
    sim('bin (start-up bundle and code cache in place)', 'node simulator/cli/bin.js start', (port) =>
      spawnNode(['simulator/cli/bin.js', ...startArgs(port)], o.root),
    ),
    sim(
      'bin, first start after install or an edit (builds the bundle)',
      'SSBTEK_SIM_CACHE_DIR=<empty dir> node simulator/cli/bin.js start',
      (port) =>
        spawnNode(['simulator/cli/bin.js', ...startArgs(port)], o.root, {
          ...process.env,
          SSBTEK_SIM_CACHE_DIR: emptyCacheDir(),
        }),
    ),
    sim('bin from source (tsx; SSBTEK_SIM_FROM_SOURCE=1)', 'SSBTEK_SIM_FROM_SOURCE=1 node simulator/cli/bin.js start', (port) =>
      spawnNode(['simulator/cli/bin.js', ...startArgs(port)], o.root, { ...process.env, SSBTEK_SIM_FROM_SOURCE: '1' }),
    ),
  ];
  if (o.all === true) {
    variants.push(
      sim('npx ssbtek-sim start', 'npx --no-install ssbtek-sim start', (port) =>
        spawnCommand('npx', ['--no-install', 'ssbtek-sim', ...startArgs(port)], o.root, process.env, true),
      ),
    );
  }
  if (o.baseline !== undefined) {
    const b = o.baseline;
    variants.push({
      name: 'baseline server',
      command: 'node --import tsx test/bench/baseline-server.ts',
      spawn: (port) => spawnNode(['--import', 'tsx', b.script, b.answersFile, String(port)], o.root),
      path: b.path,
      body: o.query,
      verify: o.verify,
    });
  }
  // One unmeasured start first, so the start-up bundle and V8's code cache of the tree measured are in place.
  const prime = variants[0];
  if (prime !== undefined) await measure(prime, 1, timeoutMs);
  const out: ColdStartVariant[] = [];
  try {
    for (const v of variants)
      out.push(
        await measure(
          v,
          v.name.startsWith('bin, first start') || v.name.startsWith('bin from source') || v.name.startsWith('npx')
            ? Math.max(1, Math.min(o.runs, 3))
            : o.runs,
          timeoutMs,
        ),
      );
  } finally {
    for (const dir of cacheDirs) rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
