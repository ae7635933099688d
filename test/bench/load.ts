/** One load run with autocannon: a warm-up, then a measured run at a fixed number of connections. */
import autocannon from 'autocannon';
import { round, summarize } from './stats.ts';

export interface LoadOptions {
  url: string;
  /** Request bodies, sent in rotation (a global counter over all connections). */
  bodies: readonly string[];
  connections: number;
  durationS: number;
  warmupS: number;
  /** Every answer's body is checked with this; a false is a mismatch. */
  verifyBody?: (body: string) => boolean;
  /** Called when the measured part starts (after the warm-up) and when it ends. */
  onMeasureStart?: () => void;
  onMeasureEnd?: () => void;
  /** Per-request timeout, seconds (autocannon's; default 10). */
  timeoutS?: number;
}

export interface LoadResult {
  connections: number;
  durationS: number;
  /** Answers received in the measured part (any status). */
  answers: number;
  /** Answers per second. */
  throughput: number;
  /** Latency of each answer (ms; from the request written to the answer's end), from autocannon's per-response times. */
  latencyMs: { p50: number; p90: number; p99: number; mean: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  /** Mean answer size in bytes. */
  answerBytes: number;
  /** Answers of the warm-up, and its faults (non-2xx, errors, timeouts, mismatches). */
  warmup: { answers: number; faults: number };
}

function cannon(
  o: LoadOptions,
  durationS: number,
  onLatency?: (ms: number, bytes: number) => void,
): Promise<autocannon.Result> {
  let i = 0;
  const bodies = o.bodies;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: o.url,
        method: 'POST',
        connections: o.connections,
        duration: durationS,
        timeout: o.timeoutS ?? 10,
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        requests: [
          {
            setupRequest: (req) => {
              const body = bodies[i % bodies.length] ?? '';
              i += 1;
              return { ...req, body };
            },
          },
        ],
        ...(o.verifyBody === undefined
          ? {}
          : { verifyBody: (b: unknown) => o.verifyBody?.(String(b)) ?? true }),
      },
      (err, result) =>
        err === null || err === undefined
          ? resolve(result)
          : reject(err instanceof Error ? err : new Error(String(err))),
    );
    if (onLatency !== undefined) {
      instance.on('response', (_client: unknown, _status: number, bytes: number, ms: number) =>
        onLatency(ms, bytes),
      );
    }
  });
}

/** Warm-up (`warmupS`), then the measured run (`durationS`); latencies are exact (not autocannon's 1 ms buckets). */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const warm = o.warmupS > 0 ? await cannon(o, o.warmupS) : undefined;
  const latencies: number[] = [];
  let bytes = 0;
  o.onMeasureStart?.();
  const r = await cannon(o, o.durationS, (ms, b) => {
    latencies.push(ms);
    bytes += b;
  });
  o.onMeasureEnd?.();
  const s = summarize(latencies);
  const answers = latencies.length;
  return {
    connections: o.connections,
    durationS: r.duration,
    answers,
    throughput: round(answers / r.duration, 1),
    latencyMs: {
      p50: round(s.p50, 2),
      p90: round(s.p90, 2),
      p99: round(s.p99, 2),
      mean: round(s.mean, 2),
      max: round(s.max, 2),
    },
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    mismatches: r.mismatches,
    answerBytes: answers === 0 ? 0 : Math.round(bytes / answers),
    warmup: {
      answers: warm === undefined ? 0 : warm.requests.total,
      // errors include timeouts
      faults: warm === undefined ? 0 : warm.non2xx + warm.errors + warm.mismatches,
    },
  };
}
