import { isDeepStrictEqual } from 'node:util';
import { answerOf } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

type Echoed = 'fraga' | 'korrelationsid' | 'frageTidpunkt';
type Json = Record<string, unknown>;

/** The query with FK's lefiJsonFraga decoded, so two encodings of the same LEFI query compare equal. */
function normalised(query: unknown): unknown {
  const copy = structuredClone(query) as Json;
  const fraga = ((copy.specifikaFrageparametrar as Json | undefined)?.FK as Json | undefined)?.fraga as
    Json | undefined;
  if (fraga !== undefined && typeof fraga.lefiJsonFraga === 'string') {
    try {
      fraga.lefiJsonFraga = JSON.parse(
        Buffer.from(fraga.lefiJsonFraga, 'base64').toString('utf8'),
      ) as unknown;
    } catch {
      // left as text: the comparison then shows the difference
    }
  }
  return copy;
}

function sameInstant(a: string, b: string): boolean {
  const x = Date.parse(a);
  const y = Date.parse(b);
  return a === b || (Number.isFinite(x) && Number.isFinite(y) && x === y);
}

/**
 * `echo: [fraga, korrelationsid, frageTidpunkt]`: the answer echoes these as the query sent them:
 * korrelationsid equal, frageTidpunkt the same instant, fraga the whole query (FK's LEFI query compared
 * decoded).
 */
export const echo = defineExpectation<Echoed[]>({
  name: 'echo',
  label: (fields) => `the answer echoes ${fields.join(', ')} as sent`,
  check: (fields, ctx) => {
    const { answer, failure } = answerOf(ctx);
    if (failure !== undefined) return fail(failure);
    if (ctx.query === undefined) return fail('echo needs a request built from a query');
    const general = ctx.query.generellaFrageparametrar;
    const failures: string[] = [];
    for (const field of fields) {
      if (field === 'fraga') {
        if (answer.fraga === undefined) failures.push('fraga is not echoed');
        else if (!isDeepStrictEqual(normalised(answer.fraga), normalised(ctx.query)))
          failures.push('fraga is echoed but differs from the query sent');
        continue;
      }
      const sent = general[field];
      const got = answer[field];
      if (sent === undefined) failures.push(`the query sent no ${field} (a case error)`);
      else if (got === undefined) failures.push(`${field} is not echoed (sent ${JSON.stringify(sent)})`);
      else if (field === 'frageTidpunkt' ? typeof got !== 'string' || !sameInstant(got, sent) : got !== sent)
        failures.push(`${field} is ${JSON.stringify(got)}, sent ${JSON.stringify(sent)}`);
    }
    return failures.length === 0 ? ok : { failures };
  },
});
