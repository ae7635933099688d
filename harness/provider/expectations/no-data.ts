import { SOURCE_CODES, type SourceCode } from '../../../simulator/domain/sources.ts';
import { NO_DATA } from '../no-data.ts';
import { answerOf, asList, describeSource, sourceResult } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

/**
 * `noData` / `noData: [AF, SO]`: each source (default: every source in svarsdata) answers its own
 * "no data" answer (harness/provider/no-data.ts), which is data, not an error: for a person it knows nothing about.
 */
export const noData = defineExpectation<SourceCode | SourceCode[] | undefined>({
  name: 'noData',
  label: (a) =>
    `${a === undefined ? 'every source' : asList(a, []).join(', ')} answers its own "no data" answer, not an error`,
  check: (a, ctx) => {
    const { answer, failure } = answerOf(ctx);
    if (failure !== undefined) return fail(failure);
    const codes = asList(
      a,
      SOURCE_CODES.filter((c) => ctx.parsed.results[c] !== undefined),
    );
    if (codes.length === 0) return fail('svarsdata holds no source');
    const failures: string[] = [];
    for (const code of codes) {
      const payload = sourceResult(answer, code)?.data;
      if (ctx.parsed.results[code] !== 'data' || payload === undefined) {
        failures.push(`${code} answered ${describeSource(ctx, answer, code)}, expected its "no data" answer`);
        continue;
      }
      const holds = NO_DATA[code].check(payload);
      if (holds !== undefined)
        failures.push(`${code} answers data (${holds}), expected ${NO_DATA[code].describe}`);
    }
    return failures.length === 0 ? ok : { failures };
  },
});
