import type { SourceCode } from '../../../simulator/domain/sources.ts';
import type { ExpectationContext } from './types.ts';

type Json = Record<string, unknown>;

/** What came back, in a few words (for failures that expected something else). */
export function describeAnswer(ctx: ExpectationContext): string {
  const p = ctx.parsed;
  switch (p.kind) {
    case 'answer':
      return `the answer of hamtaBastjanstInformation (HTTP ${ctx.response.status})`;
    case 'ping':
      return `the answer of testaBastjanstInformation (HTTP ${ctx.response.status})`;
    case 'fault': {
      const felkod = (p.fault?.detail as Json | undefined)?.felkod;
      return `a SOAP Fault${typeof felkod === 'string' ? ` with felkod ${felkod}` : ''} (HTTP ${ctx.response.status}): ${p.fault?.faultstring ?? ''}`.trim();
    }
    default:
      return `HTTP ${ctx.response.status}, ${p.problems[0] ?? 'not a SOAP answer'}`;
  }
}

/** The compiled answer, or a failure saying what came instead. */
export function answerOf(
  ctx: ExpectationContext,
): { answer: Json; failure?: undefined } | { answer?: undefined; failure: string } {
  if (ctx.parsed.kind !== 'answer' || ctx.parsed.canonical === undefined) {
    return { failure: `expected the answer of hamtaBastjanstInformation, got ${describeAnswer(ctx)}` };
  }
  return { answer: ctx.parsed.canonical };
}

/** One source's result in the canonical answer: its data, its error, or nothing. */
export function sourceResult(answer: Json, code: SourceCode): { data?: unknown; error?: Json } | undefined {
  return (
    ((answer.svarsdata as Json | undefined)?.[code] as { data?: unknown; error?: Json } | undefined) ??
    undefined
  );
}

/** A source's error in words: `kalla felkod: felmeddelande`. */
export function describeError(error: Json | undefined): string {
  if (error === undefined) return 'an error';
  const messages = Array.isArray(error.felmeddelande)
    ? (error.felmeddelande as unknown[]).map(String).join(' ')
    : '';
  return `error kalla=${String(error.kalla)} felkod=${String(error.felkod)}${messages === '' ? '' : `: ${messages}`}`;
}

/** What a source answered, in words (data, its error, undecodable data, nothing). */
export function describeSource(ctx: ExpectationContext, answer: Json, code: SourceCode): string {
  const kind = ctx.parsed.results[code];
  if (kind === undefined) return 'nothing (not in svarsdata)';
  if (kind === 'neither') return 'an element with neither data nor error';
  if (kind === 'error') return describeError(sourceResult(answer, code)?.error);
  const problem = ctx.parsed.decodeProblems[code];
  return problem === undefined ? 'data' : `data that cannot be decoded (${problem})`;
}

/** A list argument given as one item or a list. */
export function asList<T>(arg: T | T[] | undefined, fallback: T[]): T[] {
  if (arg === undefined) return fallback;
  return Array.isArray(arg) ? arg : [arg];
}
