import { findPersona } from '../base-services/answer.ts';
import { createRandom } from '../domain/random.ts';
import type { SourceCode } from '../domain/sources.ts';
import type { Failure, Scenario, SourceBehaviour } from '../scenarios/types.ts';
import { drawLatency } from './latency.ts';
import { triggerHolds } from './trigger.ts';

/** What a base service does with one call: wait `latencyMs`, then answer, or fail as `failure` says. */
export interface Decision {
  latencyMs: number;
  failure?: Failure;
}

/** The outcome of call N of a sequence: a failure, or undefined for ok (after the end ok, or from the start when repeat). */
export function sequenceStep(behaviour: SourceBehaviour, callNumber: number): Failure | undefined {
  const steps = behaviour.sequence ?? [];
  if (steps.length === 0) return undefined;
  const index = behaviour.repeat === true ? (callNumber - 1) % steps.length : callNumber - 1;
  const step = steps[index];
  return step === undefined || step === 'ok' ? undefined : { ...step, when: {} };
}

/**
 * Decides call `callNumber` to a source for a person (pure; randomness is seeded per call, so it does
 * not depend on how requests interleave):
 * - latency: drawn from the behaviour's model with createRandom(seed, code, 'latency', callNumber);
 * - a live fault (admin API) replaces the scenario's failures and sequence for the source: it applies
 *   when its own trigger holds;
 * - else a sequence gives the outcome of call N;
 * - else the first failure whose trigger holds (probability drawn with
 *   createRandom(seed, code, 'failure', callNumber, ruleIndex)).
 * The persona's own behaviour for the source, when it has one, replaces the source's.
 */
export function decide(scenario: Scenario, code: SourceCode, personidentitet: string, callNumber: number, now: Date, liveFault?: Failure): Decision {
  const persona = findPersona(scenario, personidentitet);
  const behaviour = persona?.behaviour?.[code] ?? scenario.sources[code];
  const latencyMs = behaviour?.latency === undefined ? 0 : Math.round(drawLatency(behaviour.latency, createRandom(scenario.seed, code, 'latency', callNumber)));
  const input = (rule: number | string) => ({
    callNumber,
    random: createRandom(scenario.seed, code, 'failure', callNumber, rule),
    now,
    timezone: scenario.timezone,
    personaId: persona?.id,
  });
  let failure: Failure | undefined;
  if (liveFault !== undefined) {
    if (triggerHolds(liveFault.when, input('live'))) failure = liveFault;
  } else if (behaviour?.sequence !== undefined) {
    failure = sequenceStep(behaviour, callNumber);
  } else {
    failure = behaviour?.failures.find((f, i) => triggerHolds(f.when, input(i)));
  }
  return failure === undefined ? { latencyMs } : { latencyMs, failure };
}
