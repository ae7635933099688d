import type { SourceErrorArg } from '../case-body.ts';
import { answerOf, asList, describeSource, sourceResult } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

function label(e: SourceErrorArg): string {
  return `${e.source} answers error${e.kalla === undefined ? '' : ` kalla=${e.kalla}`}${e.felkod === undefined || e.felkod === 'any' ? '' : ` felkod=${e.felkod}`}`;
}

/**
 * `error: { source: CSN, kalla: SSBT }`: the source answered error{kalla, felkod, felmeddelande+}
 * (kalla SSBT: the composite failed towards it; BT: the base service reported it), with this kalla
 * and felkod when given.
 */
export const error = defineExpectation<SourceErrorArg | SourceErrorArg[]>({
  name: 'error',
  label: (a) => asList(a, []).map(label).join('; '),
  check: (a, ctx) => {
    const { answer, failure } = answerOf(ctx);
    if (failure !== undefined) return fail(failure);
    const failures: string[] = [];
    for (const e of asList(a, [])) {
      const err = sourceResult(answer, e.source)?.error;
      if (ctx.parsed.results[e.source] !== 'error' || err === undefined) {
        failures.push(`${e.source} answered ${describeSource(ctx, answer, e.source)}, expected an error`);
        continue;
      }
      if (e.kalla !== undefined && err.kalla !== e.kalla)
        failures.push(`${e.source} error has kalla=${String(err.kalla)}, expected ${e.kalla}`);
      if (e.felkod !== undefined && e.felkod !== 'any' && err.felkod !== e.felkod)
        failures.push(`${e.source} error has felkod=${String(err.felkod)}, expected ${e.felkod}`);
      if (typeof err.felkod !== 'string' || err.felkod === '')
        failures.push(`${e.source} error has no felkod`);
      if (!Array.isArray(err.felmeddelande) || err.felmeddelande.length === 0)
        failures.push(`${e.source} error has no felmeddelande`);
    }
    return failures.length === 0 ? ok : { failures };
  },
});
