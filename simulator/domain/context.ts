import type { Scenario } from '../scenarios/types.ts';
import type { Clock } from './clock.ts';

/** Holds the scenario in force; the admin API (later) swaps it at run time. */
export interface ScenarioStore {
  current(): Scenario;
}

/** What every app and domain function gets injected: the clock and the scenario in force. */
export interface SimContext {
  clock: Clock;
  scenarios: ScenarioStore;
}

export function staticScenario(scenario: Scenario): ScenarioStore {
  return { current: () => scenario };
}
