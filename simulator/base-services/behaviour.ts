import type { SourceCode } from '../domain/sources.ts';
import type { Failure, Scenario } from '../scenarios/types.ts';
import { findPersona } from './answer.ts';

/** What a base service does with one request, decided from the scenario before it answers. */
export interface PlannedBehaviour {
  latencyMs: number;
  failure?: Failure;
}

/** The behaviour the scenario sets for this source and person (first failure whose personas match). */
export function planBehaviour(scenario: Scenario, code: SourceCode, personidentitet: string): PlannedBehaviour {
  const persona = findPersona(scenario, personidentitet);
  const behaviour = persona?.behaviour?.[code] ?? scenario.sources[code] ?? { failures: [] };
  const latency = behaviour.latency;
  const plan: PlannedBehaviour = { latencyMs: latency?.model === 'fixed' ? latency.ms : 0 };
  const failure = behaviour.failures.find((f) => f.when.personas === undefined || (persona !== undefined && f.when.personas.includes(persona.id)));
  if (failure !== undefined) plan.failure = failure;
  return plan;
}

/** Default felkod and message of a technical error a scenario asks for without naming them. */
export function technicalErrorOf(code: SourceCode, failure: Failure): { felkod: string; felmeddelande: string } {
  return {
    felkod: failure.felkod ?? `${code}-TEKNISKT-FEL`,
    felmeddelande: failure.felmeddelande ?? `Tekniskt fel i bastjänsten hos ${code}. Försök igen senare.`,
  };
}
