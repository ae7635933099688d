import type { Random } from '../domain/random.ts';
import type { Latency } from '../scenarios/types.ts';

/** The longest delay a latency model draws (the scenario schema's maximum for a fixed latency). */
export const MAX_LATENCY_MS = 600_000;

/** z of the 99th percentile of the standard normal distribution. */
export const Z_P99 = 2.3263;

/** One standard normal draw by Box-Muller, from two uniform draws of `random`. */
export function standardNormal(random: Random): number {
  const u1 = 1 - random.next(); // (0, 1]: log is finite
  const u2 = random.next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/** The sigma of a lognormal latency: given, or from its median and 99th percentile (0 when p99 <= median). */
export function lognormalSigma(latency: Extract<Latency, { model: 'lognormal' }>): number {
  if ('sigma' in latency) return latency.sigma;
  return Math.max(0, Math.log(latency.p99 / latency.median) / Z_P99);
}

/** A normal draw truncated at 0: negative draws are drawn again (a few times, then 0). */
function truncatedNormal(mean: number, sd: number, random: Random): number {
  for (let i = 0; i < 32; i++) {
    const x = mean + sd * standardNormal(random);
    if (x >= 0) return x;
  }
  return 0;
}

/**
 * A delay in ms drawn from a latency model with `random` (pure: the same random source draws the
 * same delay): fixed; uniform between min and max; normal truncated at 0; lognormal by its median
 * and either p99 (sigma = ln(p99/median) / 2.3263) or sigma. Never negative, never above MAX_LATENCY_MS.
 */
export function drawLatency(latency: Latency, random: Random): number {
  let ms: number;
  switch (latency.model) {
    case 'fixed':
      ms = latency.ms;
      break;
    case 'uniform':
      ms = latency.min + random.next() * (latency.max - latency.min);
      break;
    case 'normal':
      ms = truncatedNormal(latency.mean, latency.sd, random);
      break;
    case 'lognormal':
      ms = latency.median * Math.exp(lognormalSigma(latency) * standardNormal(random));
      break;
  }
  return Math.min(MAX_LATENCY_MS, Math.max(0, ms));
}
