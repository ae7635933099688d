import { describe, expect, it } from 'vitest';
import { drawLatency, lognormalSigma } from '../../simulator/behaviour/latency.ts';
import { createRandom } from '../../simulator/domain/random.ts';
import type { Latency } from '../../simulator/scenarios/types.ts';

const N = 4000;

/** N draws the way the engine draws them: one random source per call, seeded by seed, source and call number. */
function draws(latency: Latency, seed = 'latency-test'): number[] {
  return Array.from({ length: N }, (_, i) => drawLatency(latency, createRandom(seed, 'AF', 'latency', i + 1)));
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function sd(xs: number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1));
}

function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

describe('latency models (4000 seeded draws each)', () => {
  it('Given fixed, Then every draw is exactly that delay', () => {
    expect(new Set(draws({ model: 'fixed', ms: 120 }))).toEqual(new Set([120]));
  });

  it('Given uniform(100, 200), Then every draw is within the bounds and the mean is about 150', () => {
    const xs = draws({ model: 'uniform', min: 100, max: 200 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...xs)).toBeLessThan(200);
    expect(Math.abs(mean(xs) - 150)).toBeLessThan(2);
    expect(sd(xs)).toBeGreaterThan(27); // 100 / sqrt(12) = 28.9
    expect(sd(xs)).toBeLessThan(31);
  });

  it('Given normal(300, 50), Then the mean and sd are about 300 and 50', () => {
    const xs = draws({ model: 'normal', mean: 300, sd: 50 });
    expect(Math.abs(mean(xs) - 300)).toBeLessThan(3);
    expect(Math.abs(sd(xs) - 50)).toBeLessThan(2.5);
  });

  it('Given normal(20, 40), Then it is truncated at 0: no draw is negative', () => {
    const xs = draws({ model: 'normal', mean: 20, sd: 40 });
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(xs.filter((x) => x === 0).length).toBeLessThan(5); // drawn again, not piled up at 0
  });

  it('Given lognormal(median 100, p99 400), Then the sample median and p99 are about 100 and 400', () => {
    expect(lognormalSigma({ model: 'lognormal', median: 100, p99: 400 })).toBeCloseTo(Math.log(4) / 2.3263, 10);
    const xs = draws({ model: 'lognormal', median: 100, p99: 400 });
    expect(Math.abs(quantile(xs, 0.5) / 100 - 1)).toBeLessThan(0.05);
    expect(Math.abs(quantile(xs, 0.99) / 400 - 1)).toBeLessThan(0.12);
    expect(Math.min(...xs)).toBeGreaterThan(0);
  });

  it('Given lognormal(median 50, sigma 0.5), Then the median is about 50 and the sd of ln about 0.5', () => {
    const xs = draws({ model: 'lognormal', median: 50, sigma: 0.5 });
    expect(Math.abs(quantile(xs, 0.5) / 50 - 1)).toBeLessThan(0.05);
    expect(Math.abs(sd(xs.map(Math.log)) - 0.5)).toBeLessThan(0.025);
  });

  it('is reproducible: the same seed draws the same sequence, another seed another', () => {
    const model: Latency = { model: 'lognormal', median: 100, p99: 400 };
    expect(draws(model, 'a')).toEqual(draws(model, 'a'));
    const a = draws(model, 'a');
    const b = draws(model, 'b');
    expect(a.filter((x, i) => x === b[i]).length).toBe(0);
  });
});
