import { select } from '../path.ts';
import { describeAnswer } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * `absent: [fraga, svarsdata/TNS]`: nothing at these paths of the canonical answer (a/b/c; `*` for
 * every item or member), e.g. the echo of a query that did not ask for it, or data that must be withheld.
 */
export const absent = defineExpectation<string[]>({
  name: 'absent',
  label: (paths) => `absent from the answer: ${paths.join(', ')}`,
  check: (paths, ctx) => {
    const canonical = ctx.parsed.canonical;
    if (canonical === undefined) return fail(`expected an answer, got ${describeAnswer(ctx)}`);
    const failures = paths.flatMap((path) =>
      select(canonical, path).map((f) => `${f.path} is present: ${preview(f.value)}`),
    );
    return failures.length === 0 ? ok : { failures };
  },
});
