import type { SourceCode } from '../domain/sources.ts';
import type { Failure, Scenario } from '../scenarios/types.ts';
import { isCallIndependent } from './trigger.ts';
import { windowHolds } from './window.ts';

function holdsNow(failure: Failure, now: Date, timezone: string): boolean {
  if (!isCallIndependent(failure.when)) return false;
  return failure.when.window === undefined || windowHolds(failure.when.window, now, timezone);
}

/**
 * What the source's test service (the ping) reflects now, without counting a call: a live fault, or
 * the source's first failure whose trigger holds for every request right now (no condition, or only a
 * time window that holds). Failures that depend on the call (probability, everyNth, firstN, calls, a
 * sequence) or on the person (personas) leave the source healthy: undefined.
 */
export function healthFailure(scenario: Scenario, code: SourceCode, now: Date, liveFault?: Failure): Failure | undefined {
  if (liveFault !== undefined) return holdsNow(liveFault, now, scenario.timezone) ? liveFault : undefined;
  const behaviour = scenario.sources[code];
  if (behaviour === undefined || behaviour.sequence !== undefined) return undefined;
  return behaviour.failures.find((f) => holdsNow(f, now, scenario.timezone));
}
