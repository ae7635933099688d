import { scenarioClock } from '../domain/scenario-clock.ts';
import type { AdminDeps } from './deps.ts';

/** The active scenario's clock reading now (real, fixed, or offset from when it was loaded). */
export function scenarioNow(deps: Pick<AdminDeps, 'ctx' | 'store'>): Date {
  const scenario = deps.store.current();
  return scenarioClock(scenario, deps.ctx.clock, deps.store.loadedAt(scenario.name)).now();
}
