import type { SourceCode } from '../domain/sources.ts';
import type { FailureSpec, Scenario, SourceBehaviour } from '../scenarios/types.ts';
import { findPersona } from './answer.ts';

/** What a base service does with one request, decided from the scenario before it answers. */
export interface PlannedBehaviour {
  latencyMs: number;
  failure?: FailureSpec;
}

/** The behaviour the scenario sets for this source and person (failure only for listed personas when listed). */
export function planBehaviour(scenario: Scenario, code: SourceCode, personidentitet: string): PlannedBehaviour {
  const behaviour: SourceBehaviour = scenario.sources[code] ?? {};
  const plan: PlannedBehaviour = { latencyMs: behaviour.latencyMs ?? 0 };
  const failure = behaviour.failure;
  if (failure !== undefined) {
    const personaId = findPersona(scenario, personidentitet)?.id;
    const applies = failure.personas === undefined || (personaId !== undefined && failure.personas.includes(personaId));
    if (applies) plan.failure = failure;
  }
  return plan;
}

/** Default felkod and message of a technical error a scenario asks for without naming them. */
export function technicalErrorOf(code: SourceCode, failure: Extract<FailureSpec, { mode: 'technical-error' }>): { felkod: string; felmeddelande: string } {
  return {
    felkod: failure.felkod ?? `${code}-TEKNISKT-FEL`,
    felmeddelande: failure.felmeddelande ?? `Tekniskt fel i bastjänsten hos ${code}. Försök igen senare.`,
  };
}
