/** The soak's result: its JSON shape and the Markdown summary printed at the end. */
import type { Bucket, CountSummary, LatencySummary } from './stats.ts';

export interface MemorySample {
  t: number;
  /** Bytes; undefined when the process was not running (killed, restarting). */
  composite?: number;
  bases: Record<string, number | undefined>;
}

export interface MemoryResult {
  /** The composite's RSS after warm-up, the largest and the last while load ran, in bytes. */
  start: number;
  startAt: number;
  max: number;
  end: number;
  endAt: number;
  /** After load stopped and in-flight requests drained. */
  afterDrain?: number;
  /** What the check compares: RSS right after a forced full GC (the heap was read), or the lowest RSS in a window. */
  method: 'after-full-gc' | 'floors';
  compared: { start: number; end: number; startLabel: string; endLabel: string };
  /** compared.end must be at most this (compared.start * factor + slack). */
  threshold: number;
  rule: string;
  flat: boolean;
  /** Least-squares slope of the composite's RSS over the second half of the run, MB per minute (for information: it follows the saw-tooth). */
  slopeMbPerMinute: number;
  samples: MemorySample[];
  /** The composite's used V8 heap after a full collection (through its inspector), when read. */
  heap?: HeapResult;
}

export interface HeapSample {
  t: number;
  label: string;
  /** Used V8 heap right after a full collection, bytes. */
  used: number;
  /** The process's RSS right after that collection, bytes. */
  rss?: number;
}

export interface HeapResult {
  start: number;
  end: number;
  threshold: number;
  rule: string;
  flat: boolean;
  samples: HeapSample[];
}

export interface EventRecord {
  t: number;
  what: string;
  ok: boolean;
  detail?: string;
}

export interface ProcessExit {
  name: string;
  code: number | null;
  signal: string | null;
  ms: number;
  forced: boolean;
}

export interface Check {
  name: string;
  ok: boolean;
  /** A failing check with `fails: true` makes the exit code 1; the others are reported only. */
  fails: boolean;
  detail: string;
}

export interface SoakResult {
  startedAt: string;
  options: { durationMs: number; connections: number; seed: number; strict: boolean; heap: boolean };
  machine: { node: string; platform: string; cpus: number; loadAverage: number[] };
  processes: { name: string; port: number; pid: number }[];
  counts: CountSummary;
  latency: { all: LatencySummary; byRequest: Record<string, LatencySummary> };
  throughput: number;
  events: EventRecord[];
  recovery: Record<string, unknown>;
  memory: MemoryResult;
  exits: ProcessExit[];
  timeline: Bucket[];
  checks: Check[];
  passed: boolean;
}

const mb = (bytes: number | undefined): string =>
  bytes === undefined ? '-' : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function table(rows: Record<string, number>, head: [string, string], limit = 30): string {
  const entries = Object.entries(rows).slice(0, limit);
  if (entries.length === 0) return '_none_\n';
  return `| ${head[0]} | ${head[1]} |\n| --- | ---: |\n${entries.map(([k, v]) => `| ${k.replace(/\|/g, '\\|')} | ${v} |`).join('\n')}\n`;
}

export function markdown(r: SoakResult): string {
  const c = r.counts;
  const lines: string[] = [];
  lines.push(`## Soak result: ${r.passed ? 'PASSED' : 'FAILED'}`);
  lines.push('');
  lines.push(
    `${r.startedAt}, ${s(r.options.durationMs)} of load on ${r.options.connections} connections (seed ${r.options.seed}), Node ${r.machine.node}, ${r.machine.cpus} CPUs, load average at the end ${r.machine.loadAverage.map((x) => x.toFixed(2)).join(' / ')}.`,
  );
  lines.push('');
  lines.push('| check | result | |');
  lines.push('| --- | --- | --- |');
  for (const ch of r.checks)
    lines.push(`| ${ch.name} | ${ch.ok ? 'ok' : ch.fails ? '**FAIL**' : 'warn'} | ${ch.detail} |`);
  lines.push('');
  lines.push('### Requests');
  lines.push('');
  lines.push(`| sent | answered | unanswered | per second | p50 | p90 | p99 | max |`);
  lines.push(`| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
  lines.push(
    `| ${c.sent} | ${c.answered} | ${c.unanswered} | ${r.throughput.toFixed(1)} | ${r.latency.all.p50} ms | ${r.latency.all.p90} ms | ${r.latency.all.p99} ms | ${r.latency.all.max} ms |`,
  );
  lines.push('');
  lines.push('Answers by kind (data: every source answered data; partial: data with per-source errors):');
  lines.push('');
  lines.push(table(c.byKind, ['kind', 'answers']));
  lines.push('By request:');
  lines.push('');
  lines.push('| request | count | p50 | p99 | answers |');
  lines.push('| --- | ---: | ---: | ---: | --- |');
  for (const [kind, lat] of Object.entries(r.latency.byRequest)) {
    const kinds = Object.entries(c.byRequest[kind] ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    lines.push(`| ${kind} | ${lat.count} | ${lat.p50} ms | ${lat.p99} ms | ${kinds} |`);
  }
  lines.push('');
  lines.push('Per-source errors in query answers, by source and felkod:');
  lines.push('');
  lines.push(table(c.sourceErrorsBySource, ['source felkod', 'results']));
  lines.push('SOAP faults by felkod:');
  lines.push('');
  lines.push(table(c.soapFaultsByFelkod, ['felkod', 'faults']));
  lines.push('problem+json by felkod:');
  lines.push('');
  lines.push(table(c.problemsByFelkod, ['felkod', 'answers']));
  if (Object.keys(c.pingErrors).length > 0) {
    lines.push('Ping answers with a source in error:');
    lines.push('');
    lines.push(table(c.pingErrors, ['source felkod', 'pings']));
  }
  if (c.unanswered > 0) {
    lines.push('**Unanswered**, by client-side error:');
    lines.push('');
    lines.push(table(c.unansweredByReason, ['error', 'requests']));
  }
  if (Object.keys(c.unexpected).length > 0) {
    lines.push('**Unexpected answers**:');
    lines.push('');
    lines.push(table(c.unexpected, ['why', 'answers']));
  }
  lines.push('### Faults injected during the run');
  lines.push('');
  lines.push('| at | what | |');
  lines.push('| ---: | --- | --- |');
  for (const e of r.events)
    lines.push(`| ${s(e.t)} | ${e.what} | ${e.ok ? '' : '**failed**: '}${e.detail ?? ''} |`);
  lines.push('');
  lines.push('```json');
  lines.push(JSON.stringify(r.recovery, null, 2));
  lines.push('```');
  lines.push('');
  lines.push('### Memory (composite process, VmRSS)');
  lines.push('');
  const m = r.memory;
  lines.push(
    `| after warm-up (${s(m.startAt)}) | max | end (${s(m.endAt)}) | after drain | slope, 2nd half |`,
  );
  lines.push('| ---: | ---: | ---: | ---: | ---: |');
  lines.push(
    `| ${mb(m.start)} | ${mb(m.max)} | ${mb(m.end)} | ${mb(m.afterDrain)} | ${m.slopeMbPerMinute.toFixed(2)} MB/min |`,
  );
  lines.push('');
  lines.push(
    `Compared: ${m.compared.startLabel} ${mb(m.compared.start)}, ${m.compared.endLabel} ${mb(m.compared.end)}; limit ${mb(m.threshold)}. Rule: ${m.rule}.`,
  );
  lines.push('');
  if (m.heap !== undefined) {
    lines.push(
      `Used V8 heap after a full collection (read through the inspector): ${m.heap.samples.map((h) => `${h.label} (${s(h.t)}) ${mb(h.used)}, RSS ${mb(h.rss)}`).join('; ')}. Limit ${mb(m.heap.threshold)} (${m.heap.rule}).`,
    );
    lines.push('');
  }
  lines.push(
    `RSS samples every 2 s: ${m.samples
      .filter((x) => x.composite !== undefined)
      .map((x) => Math.round((x.composite ?? 0) / 1024 / 1024))
      .join(' ')} MB.`,
  );
  lines.push('');
  lines.push('### Timeline');
  lines.push('');
  lines.push('| from | sent | unanswered | p50 | p99 | partial | refused | killed/stopped source errors |');
  lines.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const b of r.timeline) {
    lines.push(
      `| ${s(b.from)} | ${b.sent} | ${b.unanswered} | ${b.p50} | ${b.p99} | ${b.partial} | ${b.refused} | ${Object.entries(
        b.watched,
      )
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ')} |`,
    );
  }
  lines.push('');
  lines.push('### Shutdown (SIGTERM)');
  lines.push('');
  lines.push(
    r.exits
      .map(
        (e) =>
          `${e.name}: ${e.forced ? 'did not exit, SIGKILLed' : `exit ${e.code ?? e.signal ?? '?'}`} in ${Math.round(e.ms)} ms`,
      )
      .join('; '),
  );
  lines.push('');
  return lines.join('\n');
}
