import type { SourceCode } from '../../../simulator/domain/sources.ts';
import type { ClientObservation } from '../observation.ts';
import type { AnsweredSource } from '../read-answer.ts';
import { readQueryFields, type QueryFields } from '../read-query.ts';
import { valueAt } from '../source-documents.ts';

/** The message when the adapter gave no conclusions to judge. */
export function noOutput(obs: ClientObservation): string {
  return `the adapter printed no conclusions (${obs.outputProblem ?? 'no output'})`;
}

/** The message when there is no query to judge. */
export const NO_QUERY = 'SSBTEK received no hamtaBastjanstInformation query from it to judge';

/** The general parameters of every query the simulator received (read leniently), in journal order. */
export function receivedQueryFields(obs: ClientObservation): QueryFields[] {
  return obs.received
    .map((r) => readQueryFields(r.body))
    .filter((f): f is QueryFields => f?.operation === 'hamtaBastjanstInformation');
}

/** An answered source in words: data, nodata, or error BT SKV-9071500. */
export function describeAnswered(a: AnsweredSource): string {
  return a.status === 'error' ? `error ${a.kalla ?? '?'} ${a.felkod ?? '?'}` : a.status;
}

/** Quotes a value for a message. */
export function quoted(v: string | undefined): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

/**
 * The wanted values (case wantValues) of the given sources that the adapter did not report as
 * SSBTEK answered them. Sources answered with an error have no document and are left out.
 */
export function valueProblems(obs: ClientObservation, codes: readonly SourceCode[]): string[] {
  const out: string[] = [];
  for (const path of obs.input.wantValues ?? []) {
    const [source, ...rest] = path.split('/');
    const code = source as SourceCode;
    if (!codes.includes(code)) continue;
    const answered = obs.answer?.[code];
    if (answered?.document === undefined) continue;
    const expected = valueAt(answered.document, rest);
    if (expected === undefined) {
      out.push(`the case wants ${path}, which SSBTEK's answer does not hold (a mistake in the case)`);
      continue;
    }
    const reported = obs.output?.sources[code]?.values?.[path];
    if (reported === undefined) out.push(`does not report ${path} (SSBTEK answered ${quoted(expected)})`);
    else if (String(reported) !== expected)
      out.push(`${path}: reports ${quoted(String(reported))}, SSBTEK answered ${quoted(expected)}`);
  }
  return out;
}

/** Seconds to wait by a Retry-After header: delta-seconds, or an HTTP date against the answer's Date. */
export function retryAfterMs(header: string | undefined, date: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  const sent = date === undefined ? Number.NaN : Date.parse(date);
  if (Number.isNaN(at) || Number.isNaN(sent)) return undefined;
  return Math.max(0, at - sent);
}
