/** Counting and summarising the soak's requests: totals, kinds, felkoder, latency, a timeline. */
import type { SourceCode } from '../../simulator/domain/sources.ts';
import type { AnswerKind, SourceOutcomes } from './classify.ts';
import type { RequestKind } from './traffic.ts';
import { quantileSorted } from '../bench/stats.ts';

/** One request as it went: when it was sent (ms after load started), how long it took, what came back. */
export interface RequestRecord {
  t: number;
  ms: number;
  kind: RequestKind;
  answer: AnswerKind | 'unanswered';
  status?: number;
  felkod?: string;
  sources?: SourceOutcomes;
  /** Unanswered: the client-side error's code; unexpected: why. */
  why?: string;
}

/** The q-quantile (0..1) of sorted numbers, nearest rank; NaN when empty (the benchmark's). */
export const quantile = quantileSorted;

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function latency(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    count: sorted.length,
    p50: round(quantile(sorted, 0.5)),
    p90: round(quantile(sorted, 0.9)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

function bump(map: Record<string, number>, key: string, by = 1): void {
  map[key] = (map[key] ?? 0) + by;
}

/** Sorts a count map by count, largest first. */
export function sortedCounts(map: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(map).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
}

export interface CountSummary {
  sent: number;
  answered: number;
  unanswered: number;
  unansweredByReason: Record<string, number>;
  /** Every answer by kind: data, partial (data with per-source errors), ping, soap-fault, problem+json, unexpected. */
  byKind: Record<string, number>;
  /** By request kind, then answer kind. */
  byRequest: Record<string, Record<string, number>>;
  /** Per-source errors in query answers, by felkod: how many source results carried it. */
  sourceErrorsByFelkod: Record<string, number>;
  /** The same by source and felkod ("FK SSBT-102"). */
  sourceErrorsBySource: Record<string, number>;
  /** Per-source errors in ping answers, by source and felkod. */
  pingErrors: Record<string, number>;
  soapFaultsByFelkod: Record<string, number>;
  problemsByFelkod: Record<string, number>;
  /** Unexpected answers, by reason (first 200 characters). */
  unexpected: Record<string, number>;
}

export function countRecords(records: RequestRecord[]): CountSummary {
  const out: CountSummary = {
    sent: records.length,
    answered: 0,
    unanswered: 0,
    unansweredByReason: {},
    byKind: {},
    byRequest: {},
    sourceErrorsByFelkod: {},
    sourceErrorsBySource: {},
    pingErrors: {},
    soapFaultsByFelkod: {},
    problemsByFelkod: {},
    unexpected: {},
  };
  for (const r of records) {
    const perRequest = (out.byRequest[r.kind] ??= {});
    bump(perRequest, r.answer);
    if (r.answer === 'unanswered') {
      out.unanswered++;
      bump(out.unansweredByReason, r.why ?? '?');
      continue;
    }
    out.answered++;
    bump(out.byKind, r.answer);
    if (r.answer === 'soap-fault' && r.felkod !== undefined) bump(out.soapFaultsByFelkod, r.felkod);
    if (r.answer === 'problem+json' && r.felkod !== undefined) bump(out.problemsByFelkod, r.felkod);
    if (r.answer === 'unexpected') bump(out.unexpected, (r.why ?? '?').slice(0, 200));
    for (const [code, outcome] of Object.entries(r.sources ?? {})) {
      if (outcome === 'data') continue;
      if (r.answer === 'ping') bump(out.pingErrors, `${code} ${outcome}`);
      else {
        bump(out.sourceErrorsByFelkod, outcome);
        bump(out.sourceErrorsBySource, `${code} ${outcome}`);
      }
    }
  }
  for (const key of [
    'unansweredByReason',
    'byKind',
    'sourceErrorsByFelkod',
    'sourceErrorsBySource',
    'pingErrors',
    'soapFaultsByFelkod',
    'problemsByFelkod',
    'unexpected',
  ] as const)
    out[key] = sortedCounts(out[key]);
  return out;
}

/** One slice of the run: requests sent in it and how they went. */
export interface Bucket {
  from: number;
  to: number;
  sent: number;
  unanswered: number;
  p50: number;
  p99: number;
  /** Query answers with at least one per-source error, of all query answers. */
  partial: number;
  refused: number;
  /** Per-source errors of the watched sources (the killed one, the stopped one), by felkod. */
  watched: Record<string, number>;
}

export function timeline(
  records: RequestRecord[],
  durationMs: number,
  bucketMs: number,
  watch: SourceCode[],
): Bucket[] {
  const buckets: Bucket[] = [];
  for (let from = 0; from < durationMs; from += bucketMs) {
    const to = Math.min(durationMs, from + bucketMs);
    const inside = records.filter((r) => r.t >= from && r.t < to);
    const lat = latency(inside.filter((r) => r.answer !== 'unanswered').map((r) => r.ms));
    const watched: Record<string, number> = {};
    for (const r of inside) {
      if (r.answer !== 'data' && r.answer !== 'partial') continue;
      for (const code of watch) {
        const o = r.sources?.[code];
        if (o !== undefined && o !== 'data') bump(watched, `${code} ${o}`);
      }
    }
    buckets.push({
      from,
      to,
      sent: inside.length,
      unanswered: inside.filter((r) => r.answer === 'unanswered').length,
      p50: lat.p50,
      p99: lat.p99,
      partial: inside.filter((r) => r.answer === 'partial').length,
      refused: inside.filter((r) => r.answer === 'soap-fault' || r.answer === 'problem+json').length,
      watched,
    });
  }
  return buckets;
}
