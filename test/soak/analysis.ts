/** What the soak concludes from its records: recovery around each injected fault, and whether memory stayed flat. */
import type { SourceCode } from '../../simulator/domain/sources.ts';
import type { HeapResult, HeapSample, MemoryResult, MemorySample } from './report.ts';
import type { RequestRecord } from './stats.ts';

/** When each injected fault was in force (ms after load started); undefined when it did not happen. */
export interface FaultWindows {
  killed?: { source: SourceCode; killAt: number; readyAt?: number };
  stopped?: { source: SourceCode; stopAt: number; contAt?: number };
  live?: { source: SourceCode; felkod: string; onAt: number; offAt?: number };
  degraded?: { onAt: number; offAt?: number; injected: string };
}

const bump = (m: Record<string, number>, k: string): void => {
  m[k] = (m[k] ?? 0) + 1;
};

/** Query answers (data or partial) sent in [from, to), with `code` asked. */
function answersWith(records: RequestRecord[], code: SourceCode, from: number, to: number): RequestRecord[] {
  return records.filter(
    (r) =>
      r.t >= from &&
      r.t < to &&
      (r.answer === 'data' || r.answer === 'partial') &&
      r.sources?.[code] !== undefined,
  );
}

function outcomesOf(records: RequestRecord[], code: SourceCode): Record<string, number> {
  const m: Record<string, number> = {};
  for (const r of records) bump(m, r.sources?.[code] ?? '?');
  return m;
}

const round = (x: number): number => Math.round(x);

/** Recovery around the killed and the stopped source, and whether the live fault and the scenario switch took effect. */
export function recovery(
  records: RequestRecord[],
  w: FaultWindows,
  end: number,
  sourceTimeoutMs: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (w.killed !== undefined) {
    const { source, killAt } = w.killed;
    const readyAt = w.killed.readyAt ?? end;
    const firstData = answersWith(records, source, readyAt, end)
      .filter((r) => r.sources?.[source] === 'data')
      .map((r) => r.t + r.ms);
    const after = answersWith(records, source, readyAt + 1000, end);
    out.killed = {
      source,
      killedAt: round(killAt),
      backAt: w.killed.readyAt === undefined ? null : round(readyAt),
      downMs: round(readyAt - killAt),
      whileDown: outcomesOf(answersWith(records, source, killAt, readyAt), source),
      dataWhileDown: answersWith(records, source, killAt, readyAt)
        .filter((r) => r.sources?.[source] === 'data')
        .slice(0, 10)
        .map((r) => ({ sentMsAfterKill: round(r.t - killAt), tookMs: round(r.ms) })),
      firstDataMsAfterBack: firstData.length === 0 ? null : round(Math.min(...firstData) - readyAt),
      fromOneSecondAfterBack: outcomesOf(after, source),
      connectionErrorsAfterBack: after.filter((r) => r.sources?.[source] === 'SSBT-102').length,
    };
  }
  if (w.stopped !== undefined) {
    const { source, stopAt } = w.stopped;
    const contAt = w.stopped.contAt ?? end;
    const settled = contAt + sourceTimeoutMs + 500;
    const firstData = answersWith(records, source, contAt, end)
      .filter((r) => r.sources?.[source] === 'data')
      .map((r) => r.t + r.ms);
    const after = answersWith(records, source, settled, end);
    out.stopped = {
      source,
      stoppedAt: round(stopAt),
      continuedAt: w.stopped.contAt === undefined ? null : round(contAt),
      whileStopped: outcomesOf(answersWith(records, source, stopAt, contAt), source),
      firstDataMsAfterContinue: firstData.length === 0 ? null : round(Math.min(...firstData) - contAt),
      afterSettling: outcomesOf(after, source),
      timeoutsOrConnectionErrorsAfterSettling: after.filter(
        (r) => r.sources?.[source] === 'SSBT-101' || r.sources?.[source] === 'SSBT-102',
      ).length,
    };
  }
  if (w.live !== undefined) {
    const { source, felkod, onAt } = w.live;
    const offAt = w.live.offAt ?? end;
    const during = answersWith(records, source, onAt + 200, offAt);
    const hits = during.filter((r) => r.sources?.[source] === felkod).length;
    out.liveFault = {
      source,
      felkod,
      onAt: round(onAt),
      offAt: w.live.offAt === undefined ? null : round(offAt),
      resultsWhileOn: during.length,
      withTheLiveFelkod: hits,
      tookEffect: hits > 0,
      withTheLiveFelkodAfterOff: answersWith(records, source, offAt + 500, end).filter(
        (r) => r.sources?.[source] === felkod,
      ).length,
    };
  }
  if (w.degraded !== undefined) {
    const { onAt, injected } = w.degraded;
    const offAt = w.degraded.offAt ?? end;
    const count = (from: number, to: number): Record<string, number> => {
      const m: Record<string, number> = {};
      for (const r of records) {
        if (r.t < from || r.t >= to) continue;
        if (
          (r.answer === 'soap-fault' || r.answer === 'problem+json') &&
          (r.felkod === 'SSBT-030' || r.felkod === injected)
        )
          bump(m, r.felkod);
        for (const code of ['CSN', 'MIV'] as const)
          if (r.answer !== 'ping' && r.sources?.[code] === 'SSBT-101') bump(m, `${code} SSBT-101`);
      }
      return m;
    };
    out.degradedScenario = {
      onAt: round(onAt),
      offAt: w.degraded.offAt === undefined ? null : round(offAt),
      whileActive: count(onAt + 200, offAt),
      beforeAndAfter: {
        ...count(0, onAt),
        ...Object.fromEntries(Object.entries(count(offAt + 500, end)).map(([k, v]) => [`after: ${k}`, v])),
      },
    };
  }
  return out;
}

/** Least-squares slope of y over t (ms), per minute. */
function slopePerMinute(points: { t: number; y: number }[]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mt = points.reduce((a, p) => a + p.t, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.t - mt) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.t - mt) ** 2, 0);
  return den === 0 ? 0 : (num / den) * 60_000;
}

/**
 * The memory rule. The composite's RSS is a saw-tooth: V8 lets the heap grow until a major
 * collection and then gives pages back, so one sample can sit 100 MB above the next with the same
 * live heap. So the rule compares like with like: the RSS right after a full collection forced
 * through the inspector after warm-up and at the end (or, without the inspector, the lowest RSS in
 * a window after warm-up and in one at the end, a quarter of the run each, at least 10 s). The end
 * may be 30 % + 20 MB above the start: the bounded stores keep filling after warm-up (the request
 * journal holds the last 1000 requests, bodies included), the allocator and V8's code space settle,
 * and the RSS after a collection moves by some 10-15 % with the load (see docs/soak.md).
 */
export const MEMORY_FACTOR = 1.3;
export const MEMORY_SLACK_BYTES = 20 * 1024 * 1024;

export function memoryResult(
  samples: MemorySample[],
  warmupMs: number,
  endMs: number,
  afterDrain: number | undefined,
  gc: HeapSample[],
): MemoryResult {
  const withComposite = samples.filter(
    (x): x is MemorySample & { composite: number } => x.composite !== undefined,
  );
  const during = withComposite.filter((x) => x.t <= endMs + 1000);
  const afterWarmup = during.filter((x) => x.t >= warmupMs);
  const startSample = afterWarmup[0] ?? during[0];
  const endSample = during[during.length - 1] ?? startSample;
  const startAt = startSample?.t ?? 0;
  const mbText = `${MEMORY_FACTOR} + ${MEMORY_SLACK_BYTES / 1024 / 1024} MB`;
  const gcFirst = gc[0];
  const gcLast = gc[gc.length - 1];
  let compared: MemoryResult['compared'];
  let rule: string;
  let method: MemoryResult['method'];
  if (gc.length >= 2 && gcFirst?.rss !== undefined && gcLast?.rss !== undefined) {
    method = 'after-full-gc';
    compared = {
      start: gcFirst.rss,
      end: gcLast.rss,
      startLabel: `right after a full GC, ${gcFirst.label}`,
      endLabel: `right after a full GC, ${gcLast.label}`,
    };
    rule = `RSS right after a forced full GC: at the end <= after warm-up x ${mbText}`;
  } else {
    method = 'floors';
    const windowMs = Math.max(10_000, endMs / 4);
    const floor = (from: number, to: number): number =>
      Math.min(...afterWarmup.filter((x) => x.t >= from && x.t <= to).map((x) => x.composite));
    const secs = Math.round(windowMs / 1000);
    compared = {
      start: floor(startAt, startAt + windowMs),
      end: floor(endMs - windowMs, endMs + 1000),
      startLabel: `lowest in the ${secs} s after warm-up`,
      endLabel: `lowest in the last ${secs} s`,
    };
    rule = `lowest RSS of the last ${secs} s <= lowest RSS of the ${secs} s after warm-up x ${mbText}`;
  }
  const threshold = compared.start * MEMORY_FACTOR + MEMORY_SLACK_BYTES;
  const secondHalf = during
    .filter((x) => x.t >= endMs / 2)
    .map((x) => ({ t: x.t, y: x.composite / 1024 / 1024 }));
  const result: MemoryResult = {
    start: startSample?.composite ?? Number.NaN,
    startAt,
    max: Math.max(...afterWarmup.map((x) => x.composite)),
    end: endSample?.composite ?? Number.NaN,
    endAt: endSample?.t ?? 0,
    method,
    compared,
    threshold,
    rule,
    flat: compared.end <= threshold,
    slopeMbPerMinute: Math.round(slopePerMinute(secondHalf) * 100) / 100,
    samples,
  };
  if (afterDrain !== undefined) result.afterDrain = afterDrain;
  const heap = heapResult(gc);
  if (heap !== undefined) result.heap = heap;
  return result;
}

/** The heap rule: the used heap after a full collection at the end at most 20 % + 10 MB above the one after warm-up. */
export const HEAP_FACTOR = 1.2;
export const HEAP_SLACK_BYTES = 10 * 1024 * 1024;

export function heapResult(samples: HeapSample[]): HeapResult | undefined {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (first === undefined || last === undefined || samples.length < 2) return undefined;
  const threshold = first.used * HEAP_FACTOR + HEAP_SLACK_BYTES;
  return {
    start: first.used,
    end: last.used,
    threshold,
    rule: `end <= after warm-up x ${HEAP_FACTOR} + ${HEAP_SLACK_BYTES / 1024 / 1024} MB`,
    flat: last.used <= threshold,
    samples,
  };
}
