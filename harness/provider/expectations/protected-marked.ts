import { SOURCE_CODES } from '../../../simulator/domain/sources.ts';
import { marksProtected, PROTECTION_MARKS } from '../protection.ts';
import { answerOf, sourceResult } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

/**
 * `protectedMarked`: every source that answers data and has a way to mark a protected identity marks
 * it (AF Sekretessmarkering, CSN Person/@sekretess, FK generellPersoninformation.skyddad, SKV status 200
 * with the person's data withheld), and at least one such source answers. `protectedMarked: false`:
 * none of them marks the person.
 */
export const protectedMarked = defineExpectation<boolean | undefined>({
  name: 'protectedMarked',
  label: (a) =>
    a === false
      ? 'no source marks a protected identity'
      : 'every source that can mark a protected identity marks it',
  check: (a, ctx) => {
    const { answer, failure } = answerOf(ctx);
    if (failure !== undefined) return fail(failure);
    const expected = a !== false;
    const judged: string[] = [];
    const failures: string[] = [];
    for (const code of SOURCE_CODES) {
      const mark = PROTECTION_MARKS[code];
      const result = sourceResult(answer, code);
      if (mark === undefined || result?.data === undefined) continue;
      judged.push(code);
      const marked = marksProtected(code, result.data) === true;
      if (expected && !marked)
        failures.push(`${code} answers data without marking the protected identity (${mark.how})`);
      if (!expected && marked)
        failures.push(`${code} marks a protected identity (${mark.how}) for a person without one`);
    }
    if (expected && judged.length === 0) {
      return fail(
        `no source that can mark a protected identity (${Object.keys(PROTECTION_MARKS).join(', ')}) answered data: nothing tells the caseworker`,
      );
    }
    return failures.length === 0 ? ok : { failures };
  },
});
