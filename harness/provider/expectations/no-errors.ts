import { SOURCE_CODES } from '../../../simulator/domain/sources.ts';
import { answerOf, describeSource } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

/** `noErrors`: no source in svarsdata answered an error (or data that cannot be decoded). */
export const noErrors = defineExpectation<boolean | undefined>({
  name: 'noErrors',
  label: () => 'no source answers an error',
  check: (_a, ctx) => {
    const { answer, failure } = answerOf(ctx);
    if (failure !== undefined) return fail(failure);
    const failures = SOURCE_CODES.filter(
      (c) => ctx.parsed.results[c] !== undefined && ctx.parsed.results[c] !== 'data',
    ).map((c) => `${c} answered ${describeSource(ctx, answer, c)}`);
    return failures.length === 0 ? ok : { failures };
  },
});
