import type { Query } from '../../../simulator/composite/query-types.ts';
import type { Operation } from '../../../simulator/composite/soap-request.ts';
import type { ParsedAnswer } from '../answer/parsed-answer.ts';
import type { HttpAnswer } from '../http.ts';

/** Everything an expectation may look at: what was sent, what came back, how long it took. */
export interface ExpectationContext {
  operation: Operation;
  /** The canonical query sent (lefiJsonFraga as the base64 text sent); absent for the ping and raw bodies. */
  query?: Query;
  response: HttpAnswer;
  parsed: ParsedAnswer;
  durationMs: number;
  /** The deadline stated for this case: --deadline, else the case's deadlineMs. */
  deadlineMs?: number;
  /** The longest the composite waits for a source in the state the case runs in (the harness scenario's timeout with control, else the stated deadline). */
  stateTimeoutMs?: number;
  /** xmllint's complaints about the answer by the project's XSDs ([] when valid); undefined when xmllint is not available. */
  xsdProblems?: string[];
}

/** What an expectation found: what does not hold, and notes (e.g. a check that could not run here). */
export interface ExpectationResult {
  failures: string[];
  notes?: string[];
}

/** A named expectation: a pure function of its arguments (checked by the case schema) and the context. */
export interface Expectation {
  name: string;
  /** The expectation in words a reader recognises, with its arguments. */
  label(args: unknown): string;
  check(args: unknown, ctx: ExpectationContext): ExpectationResult;
  /** Set when the check needs the XSD check of the answer. */
  needsXsd?: boolean;
}

/** Defines an expectation over typed arguments (the case schema has checked their shape). */
export function defineExpectation<A>(def: {
  name: string;
  label: (args: A) => string;
  check: (args: A, ctx: ExpectationContext) => ExpectationResult;
  needsXsd?: boolean;
}): Expectation {
  return {
    name: def.name,
    label: (args) => def.label(args as A),
    check: (args, ctx) => def.check(args as A, ctx),
    ...(def.needsXsd === true ? { needsXsd: true } : {}),
  };
}

export const ok: ExpectationResult = { failures: [] };

export function fail(...failures: string[]): ExpectationResult {
  return { failures };
}
