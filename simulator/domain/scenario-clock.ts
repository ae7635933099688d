import type { Scenario } from '../scenarios/types.ts';
import type { Clock } from './clock.ts';

/**
 * The scenario clock: real (the base clock), fixed (always `at`), or offset (starts at `at` when the
 * scenario was loaded and runs at the base clock's speed). Windows, "today" in the data and history
 * timestamps all read this clock, so tests and demonstrations are reproducible.
 */
export function scenarioClock(scenario: Scenario, base: Clock, loadedAt: Date): Clock {
  const spec = scenario.clock;
  if (spec.mode === 'real') return base;
  const at = new Date(spec.at).getTime();
  if (spec.mode === 'fixed') return { now: () => new Date(at) };
  return { now: () => new Date(at + (base.now().getTime() - loadedAt.getTime())) };
}
