import type { SourceCode } from '../../../simulator/domain/sources.ts';
import { answerOf, asList, describeSource } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

/** `data: SO` / `data: [AF, SO]`: each of these sources answered data (not an error). */
export const data = defineExpectation<SourceCode | SourceCode[]>({
  name: 'data',
  label: (a) => `${asList(a, []).join(', ')} answer${asList(a, []).length === 1 ? 's' : ''} data`,
  check: (a, ctx) => {
    const { answer, failure } = answerOf(ctx);
    if (failure !== undefined) return fail(failure);
    const failures = asList(a, [])
      .filter((code) => ctx.parsed.results[code] !== 'data' || ctx.parsed.decodeProblems[code] !== undefined)
      .map((code) => `${code} answered ${describeSource(ctx, answer, code)}, expected data`);
    return failures.length === 0 ? ok : { failures };
  },
});
