/** The benchmark's result: its shape, the targets of issue 7, and the Markdown table. */
import type { HistoryCheck } from './admin.ts';
import type { ColdStartVariant } from './cold-start.ts';
import type { FidelityResult } from './fidelity.ts';
import type { HarnessTime } from './harness-time.ts';
import type { LoadResult } from './load.ts';
import type { Calibration, RssSampling } from './procs.ts';
import { round } from './stats.ts';

export interface MeasuredLoad extends LoadResult {
  rss: RssSampling;
  /** CPU time of the server process per answer in the measured part, ms (less sensitive to a shared machine than wall time). */
  cpuMsPerAnswer: number | undefined;
  /** The simulator's processing history over warm-up and measured part (simulator only). */
  history?: HistoryCheck;
}

export interface LoadPair {
  workload: string;
  connections: number;
  simulator: MeasuredLoad;
  baseline: MeasuredLoad;
  /** simulator / baseline throughput. */
  ratio: number;
}

export interface Target {
  id: string;
  what: string;
  value: string;
  threshold: string;
  pass: boolean;
  /** Shown but not counted (e.g. a quick run too small for it). */
  informational?: boolean;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  node: string;
  machine: {
    cpus: number;
    model: string;
    memoryMb: number;
    loadavgStart: number[];
    loadavgEnd: number[];
    /** `node -e 0` at the start and the end: how busy the (shared) machine was. */
    calibrationStart: Calibration;
    calibrationEnd: Calibration;
  };
  tree: { root: string; label: string; nodeArgs?: string[] };
  options: Record<string, unknown>;
  workloads: Record<string, { requests: number; answersCaptured: number; meanAnswerBytes: number }>;
  load: LoadPair[];
  simulatorPeakRssLifetimeMb?: number;
  coldStart: ColdStartVariant[];
  fidelity?: FidelityResult;
  harness?: HarnessTime;
  problems: string[];
  targets: Target[];
  pass: boolean;
}

const pct = (x: number): string =>
  Number.isFinite(x) ? `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %` : 'n/a';
const num = (x: number | undefined, d = 1): string =>
  x === undefined || !Number.isFinite(x) ? 'n/a' : String(round(x, d));

/** The targets of issue 7 (and the fidelity checks), evaluated on a result. */
export function evaluateTargets(
  r: Omit<BenchResult, 'targets' | 'pass'>,
  opts: { quick: boolean; tolerance: number },
): Target[] {
  const t: Target[] = [];
  const at50 = r.load.find((p) => p.workload === 'all7' && p.connections === 50);
  if (at50 !== undefined) {
    t.push({
      id: 'throughput-ratio',
      what: 'composite throughput / bare baseline, all seven sources over HTTP, 50 connections',
      value: num(at50.ratio, 3),
      threshold: '>= 0.10',
      pass: at50.ratio >= 0.1,
    });
  }
  const f = r.fidelity;
  if (f !== undefined) {
    t.push({
      id: 'overhead-p50',
      what: `added overhead per query at ${f.connections} connections, p50 (answer time - slowest injected delay)`,
      value: `${num(f.overheadMs.p50, 2)} ms`,
      threshold: '< 3 ms',
      pass: f.overheadMs.p50 < 3,
    });
    t.push({
      id: 'overhead-p99',
      what: `added overhead per query at ${f.connections} connections, p99`,
      value: `${num(f.overheadMs.p99, 2)} ms`,
      threshold: '< 15 ms',
      pass: f.overheadMs.p99 < 15,
    });
    const worst = (key: 'vsConfigured' | 'vsDrawn'): number =>
      Math.max(...f.sources.flatMap((s) => [Math.abs(s[key].median), Math.abs(s[key].p99)]));
    t.push({
      id: 'fidelity-configured',
      what: 'observed per-source delay (history) vs configured median and p99, worst source',
      value: pct(worst('vsConfigured')),
      threshold: `within ${opts.tolerance * 100} %`,
      pass: f.sources.every((s) => s.passConfigured),
      informational: opts.quick,
    });
    t.push({
      id: 'fidelity-drawn',
      what: 'observed per-source delay vs the delays drawn for the same calls (no sampling error), worst source',
      value: pct(worst('vsDrawn')),
      threshold: `within ${opts.tolerance * 100} %`,
      pass: f.sources.every((s) => s.passDrawn),
      informational: opts.quick,
    });
  }
  const bin = r.coldStart.find((c) => c.name.startsWith('bin (start-up bundle'));
  if (bin !== undefined) {
    t.push({
      id: 'cold-start',
      what: 'cold start, spawn to first answer, median (node simulator/cli/bin.js start)',
      value: `${num(bin.medianMs, 0)} ms`,
      threshold: '< 500 ms',
      pass: bin.medianMs < 500,
    });
  }
  const rss50 = r.load.filter((p) => p.connections === 50).map((p) => p.simulator.rss.peakMb);
  if (rss50.length > 0) {
    const peak = Math.max(...rss50);
    t.push({
      id: 'peak-rss',
      what: 'simulator peak RSS during the 50-connection runs',
      value: `${num(peak, 1)} MB`,
      threshold: '< 150 MB',
      pass: peak < 150,
    });
  }
  t.push({
    id: 'no-errors',
    what: 'no error or timeout in any benchmark run',
    value: r.problems.length === 0 ? 'none' : `${r.problems.length} problem(s)`,
    threshold: 'none',
    pass: r.problems.length === 0,
  });
  return t;
}

function loadRow(workload: string, c: number, who: string, m: MeasuredLoad, ratio: string): string {
  // autocannon's errors include its timeouts.
  const faults =
    m.errors +
    m.non2xx +
    m.mismatches +
    m.warmup.faults +
    (m.history === undefined ? 0 : m.history.refused + m.history.sourceErrors);
  return `| ${workload} | ${c} | ${who} | ${num(m.throughput, 1)} | ${num(m.latencyMs.p50, 2)} | ${num(m.latencyMs.p90, 2)} | ${num(m.latencyMs.p99, 2)} | ${faults} | ${num(m.rss.peakMb, 1)} | ${num(m.cpuMsPerAnswer, 3)} | ${ratio} |`;
}

export function markdown(r: BenchResult): string {
  const lines: string[] = [];
  lines.push(`# ssbtek-sim benchmark, ${r.startedAt}`);
  lines.push('');
  lines.push(
    `Tree: ${r.tree.label} (${r.tree.root})${r.tree.nodeArgs === undefined ? '' : `, simulator run with node ${r.tree.nodeArgs.join(' ')}`}. Node ${r.node}, ${r.machine.cpus} x ${r.machine.model}, ${r.machine.memoryMb} MB. Load average at start ${r.machine.loadavgStart.map((x) => x.toFixed(2)).join(' ')}, at end ${r.machine.loadavgEnd.map((x) => x.toFixed(2)).join(' ')}.`,
  );
  const cal = (c: Calibration): string => `${c.nodeStartMs} ms wall / ${c.nodeStartCpuMs} ms CPU`;
  lines.push(
    `Machine speed check, \`node -e 0\` (median of ${r.machine.calibrationStart.runs} runs; the lower, the quieter the machine: compare runs by it): at start ${cal(r.machine.calibrationStart)}, at end ${cal(r.machine.calibrationEnd)}.`,
  );
  lines.push(
    `Options: ${Object.entries(r.options)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ')}.`,
  );
  lines.push('');
  lines.push('## Targets');
  lines.push('');
  lines.push('| target | value | threshold | result |');
  lines.push('| --- | --- | --- | --- |');
  for (const t of r.targets)
    lines.push(
      `| ${t.what} | ${t.value} | ${t.threshold} | ${t.pass ? 'pass' : 'FAIL'}${t.informational === true ? ' (informational)' : ''} |`,
    );
  lines.push('');
  lines.push(`Overall: **${r.pass ? 'pass' : 'FAIL'}**`);
  if (r.problems.length > 0) {
    lines.push('');
    for (const p of r.problems) lines.push(`- problem: ${p}`);
  }
  lines.push('');
  lines.push('## Load');
  lines.push('');
  lines.push(
    Object.entries(r.workloads)
      .map(
        ([k, w]) =>
          `\`${k}\`: ${w.requests} distinct requests in rotation, mean answer ${w.meanAnswerBytes} bytes${w.answersCaptured < w.requests ? ` (the baseline rotates the first ${w.answersCaptured})` : ''}`,
      )
      .join('; ') +
      '. `all7`: the 13 default personas no failure rule names, every source (FK with every LEFI group); `mix`: those personas x 7 `inkludera` combinations; `unique`: every source for 2000 distinct people who are no persona.',
  );
  lines.push(
    "Latency is per answer, from the request written to the answer read (ms). Faults = non-2xx + connection errors (timeouts included) + body mismatches (warm-up included) + refused queries and source errors in the processing history. CPU = the server process's user+system CPU per answer.",
  );
  lines.push('');
  lines.push(
    '| workload | conns | server | answers/s | p50 | p90 | p99 | faults | peak RSS MB | CPU ms/answer | sim/baseline |',
  );
  lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const p of r.load) {
    lines.push(loadRow(p.workload, p.connections, 'simulator', p.simulator, num(p.ratio, 3)));
    lines.push(loadRow(p.workload, p.connections, 'baseline', p.baseline, ''));
  }
  if (r.simulatorPeakRssLifetimeMb !== undefined)
    lines.push(
      `\nSimulator peak RSS over its whole life (VmHWM): ${num(r.simulatorPeakRssLifetimeMb, 1)} MB.`,
    );
  lines.push('');
  lines.push('## Cold start (spawn to first successful SOAP answer)');
  lines.push('');
  lines.push(
    "CPU = the process's user+system CPU until the first answer; for `npx` that is npx's own process (the simulator runs in a child of it), so compare its wall time only.",
  );
  lines.push('');
  lines.push('| variant | median ms | runs (ms) | median CPU ms | RSS at first answer MB |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const c of r.coldStart) {
    lines.push(
      `| ${c.name} | ${c.error === undefined ? num(c.medianMs, 0) : `error: ${c.error.split('\n')[0] ?? ''}`} | ${c.runs.map((x) => num(x.firstAnswerMs, 0)).join(', ')} | ${num(c.medianCpuMs, 0)} | ${c.runs.map((x) => num(x.rssMb, 0)).join(', ')} |`,
    );
  }
  const f = r.fidelity;
  if (f !== undefined) {
    lines.push('');
    lines.push(
      `## Latency-injection fidelity (${f.queries} queries at ${f.connections} connections, ${f.durationS} s; ${f.failedQueries} failed; ${f.matched} matched in the history)`,
    );
    lines.push('');
    lines.push(
      "Observed = the composite's per-source time in the processing history (endedMs - startedMs, whole ms). Drawn = the delays the simulator injected for exactly these calls (recomputed from the seed); drawn vs configured is the sampling error of this many draws. Extra = observed - injected per call.",
    );
    lines.push('');
    lines.push(
      '| source | calls | configured median / p99 | drawn median / p99 | observed median / p99 | observed vs configured | observed vs drawn | drawn vs configured | extra per call p50 / p99 ms |',
    );
    lines.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const s of f.sources) {
      lines.push(
        `| ${s.code} | ${s.calls} | ${s.configured.median} / ${s.configured.p99} | ${s.drawn.median} / ${s.drawn.p99} | ${s.observed.median} / ${s.observed.p99} | ${pct(s.vsConfigured.median)} / ${pct(s.vsConfigured.p99)} | ${pct(s.vsDrawn.median)} / ${pct(s.vsDrawn.p99)} | ${pct(s.drawnVsConfigured.median)} / ${pct(s.drawnVsConfigured.p99)} | ${num(s.perCallExtraMs.p50, 0)} / ${num(s.perCallExtraMs.p99, 0)} |`,
      );
    }
    lines.push('');
    lines.push(
      `Added overhead per query (client answer time - slowest injected delay): p50 ${num(f.overheadMs.p50, 2)} ms, p90 ${num(f.overheadMs.p90, 2)} ms, p99 ${num(f.overheadMs.p99, 2)} ms, max ${num(f.overheadMs.max, 2)} ms.`,
    );
    lines.push(
      `Inside the composite (history durationMs - slowest injected delay): p50 ${num(f.compositeOverheadMs.p50, 2)} ms, p99 ${num(f.compositeOverheadMs.p99, 2)} ms. Answer time p50 ${num(f.answerMs.p50, 1)} ms, p99 ${num(f.answerMs.p99, 1)} ms.`,
    );
    lines.push(
      `Request journal: ${f.journal.perSourceTimings ? 'has' : 'has no'} per-source timings (entry fields: ${f.journal.fields.join(', ')}); the processing history's startedMs/endedMs were used.`,
    );
  }
  const h = r.harness;
  if (h !== undefined) {
    lines.push('');
    lines.push('## Conformance harness, provider suite against the simulator');
    lines.push('');
    const s = h.summary;
    lines.push(
      `Wall time ${num(h.wallS, 2)} s (process start to exit; the harness's own run ${num(h.harnessDurationS, 2)} s), exit code ${h.exitCode}` +
        (s === undefined
          ? `; ${h.error ?? ''}`
          : `; ${s.total} cases: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped, ${s.errors} errors (${s.mustFailed} MUST failed).`),
    );
  }
  lines.push('');
  return lines.join('\n');
}
