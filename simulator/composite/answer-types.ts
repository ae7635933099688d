import type { SourceCode } from '../domain/sources.ts';
import type { SourceFailure } from '../faults/soap-fault.ts';
import type { SourceOutcome, SourceResult } from './fan-out.ts';
import type { Query } from './query-types.ts';

/** Canonical JSON of the compiled answer (contracts/composite/answer.schema.json). */
export interface CompiledAnswer {
  fraga?: Query;
  frageTidpunkt?: string;
  korrelationsid?: string;
  svarsdata: Partial<Record<SourceCode, SourceResult>>;
}

/** Canonical JSON of the ping's answer (contracts/composite/ping-answer.schema.json). */
export type PingAnswer = Partial<Record<SourceCode, { anropad: boolean; error?: SourceFailure }>>;

/** The answer and how it came about (for history and the timeline). */
export interface QueryResult {
  answer: CompiledAnswer;
  outcomes: SourceOutcome[];
  durationMs: number;
}
