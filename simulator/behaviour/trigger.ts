import type { Random } from '../domain/random.ts';
import type { Trigger } from '../scenarios/types.ts';
import { windowHolds } from './window.ts';

/** What a trigger is evaluated against for one call. */
export interface TriggerInput {
  /** The call's number at this source under this scenario (1 for the first since load or reset). */
  callNumber: number;
  /** Seeded for this call and rule (createRandom(seed, code, 'failure', callNumber, ruleIndex)). */
  random: Random;
  /** The scenario clock's now. */
  now: Date;
  /** IANA time zone of HH:MM windows. */
  timezone: string;
  /** The persona asked about, when the personidentitet is one. */
  personaId?: string | undefined;
}

/**
 * True when every condition of the trigger holds for this call (none given: always). Pure: the
 * probability is drawn from the injected random source, so the same call draws the same outcome.
 */
export function triggerHolds(trigger: Trigger, input: TriggerInput): boolean {
  const n = input.callNumber;
  if (trigger.everyNth !== undefined && n % trigger.everyNth !== 0) return false;
  if (trigger.firstN !== undefined && n > trigger.firstN) return false;
  if (trigger.calls !== undefined && !trigger.calls.includes(n)) return false;
  if (trigger.personas !== undefined && (input.personaId === undefined || !trigger.personas.includes(input.personaId))) return false;
  if (trigger.window !== undefined && !windowHolds(trigger.window, input.now, input.timezone)) return false;
  if (trigger.probability !== undefined && !(input.random.next() < trigger.probability)) return false;
  return true;
}

/** True when a trigger depends only on the time (a window, or nothing): it holds for every call alike. */
export function isCallIndependent(trigger: Trigger): boolean {
  return (
    trigger.probability === undefined &&
    trigger.everyNth === undefined &&
    trigger.firstN === undefined &&
    trigger.calls === undefined &&
    trigger.personas === undefined
  );
}
