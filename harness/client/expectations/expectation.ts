import type { ExpectationName } from '../case-body.ts';
import type { ClientObservation } from '../observation.ts';

/** One expectation of client mode: a pure function of the observation and the case's arguments. */
export interface Expectation {
  name: ExpectationName;
  /** In words a reader recognises; becomes Failure.expectation. */
  title: string;
  /** Why this run gives nothing to judge (the expectation is then left out), or undefined. */
  notApplicable?(obs: ClientObservation): string | undefined;
  /** What does not hold, one message each; empty when it holds. */
  check(obs: ClientObservation, params: Readonly<Record<string, number>>): string[];
}
