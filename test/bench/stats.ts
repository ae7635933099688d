/** Small statistics helpers for the benchmark (nearest-rank quantiles, summaries). */

/** The nearest-rank quantile of an ascending list (p in [0, 1]); NaN for an empty list. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(p * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

/** The quantile of any list (copied and sorted). */
export function quantile(values: readonly number[], p: number): number {
  return quantileSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export interface Summary {
  n: number;
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** n, min, mean, p50, p90, p99 and max of a list of numbers. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = n === 0 ? Number.NaN : sorted.reduce((s, x) => s + x, 0) / n;
  return {
    n,
    min: sorted[0] ?? Number.NaN,
    mean,
    p50: quantileSorted(sorted, 0.5),
    p90: quantileSorted(sorted, 0.9),
    p99: quantileSorted(sorted, 0.99),
    max: sorted[n - 1] ?? Number.NaN,
  };
}

/** Rounds for reports: `digits` decimals, NaN kept. */
export function round(x: number, digits = 1): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Relative deviation of `observed` from `expected` (0.03 = 3 % above). */
export function relative(observed: number, expected: number): number {
  return expected === 0 ? Number.NaN : observed / expected - 1;
}
