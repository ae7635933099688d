import type { SourceCode } from '../domain/sources.ts';
import type { Failure } from '../scenarios/types.ts';

/** The felkod and message of a technical error: the failure's own, else `<CODE>-TEKNISKT-FEL` and a default text. */
export function technicalErrorOf(code: SourceCode, failure: Failure | Omit<Failure, 'when'>): { felkod: string; felmeddelande: string } {
  return {
    felkod: failure.felkod ?? `${code}-TEKNISKT-FEL`,
    felmeddelande: failure.felmeddelande ?? `Tekniskt fel i bastjänsten hos ${code}. Försök igen senare.`,
  };
}
