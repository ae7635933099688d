import type { Scenario } from '../scenarios/types.ts';
import type { Clock } from './clock.ts';
import type { SourceCode } from './sources.ts';
import type { Failure } from '../scenarios/types.ts';

/** The scenarios the simulator knows, one of them active; the admin API switches and loads them. */
export interface ScenarioStore {
  /** The active scenario. */
  current(): Scenario;
  /** A loaded scenario by name (for per-request selection), or undefined. */
  get(name: string): Scenario | undefined;
  /** When the scenario was (re)loaded, on the base clock: an offset scenario clock starts then. */
  loadedAt(name: string): Date;
}

/**
 * Run-time state that is not in the scenario: call counters per source (for everyNth, firstN,
 * calls and sequences) and faults set live through the admin API. Keyed by scenario name, so
 * per-request scenarios do not disturb each other.
 */
export interface RuntimeState {
  /** Counts one more call to a source under a scenario and returns its number (1 for the first). */
  nextCall(scenario: string, code: SourceCode | 'composite'): number;
  /** The fault set live on a source (applies to every scenario), or undefined. */
  liveFault(code: SourceCode): Failure | undefined;
  setLiveFault(code: SourceCode, failure: Failure | undefined): void;
  /** Forgets counters (and, with `faults`, live faults). */
  reset(options?: { faults?: boolean }): void;
}

/** What every app and domain function gets injected: the clock, the scenarios, the run-time state. */
export interface SimContext {
  /** The base clock (real time unless a test fixes it); a scenario's own clock is derived from it. */
  clock: Clock;
  scenarios: ScenarioStore;
  runtime: RuntimeState;
}

/** A store holding one scenario, loaded at `loadedAt`. */
export function staticScenario(scenario: Scenario, loadedAt: Date = new Date(0)): ScenarioStore {
  return { current: () => scenario, get: (name) => (name === scenario.name ? scenario : undefined), loadedAt: () => loadedAt };
}
