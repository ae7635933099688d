import { select } from '../path.ts';
import { subsetMismatch } from '../subset.ts';
import { describeAnswer } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

/**
 * `subset: { path: svarsdata/TNS/data, value: { resultat: OK } }`: the canonical answer at the path
 * holds the value: objects need the members given, lists an item matching each item given.
 */
export const subset = defineExpectation<{ path: string; value: unknown }>({
  name: 'subset',
  label: (a) => `${a.path} holds ${JSON.stringify(a.value)}`,
  check: (a, ctx) => {
    const canonical = ctx.parsed.canonical;
    if (canonical === undefined) return fail(`expected an answer, got ${describeAnswer(ctx)}`);
    const found = select(canonical, a.path)[0];
    if (found === undefined) return fail(`nothing at ${a.path}`);
    const mismatch = subsetMismatch(a.value, found.value, a.path);
    return mismatch === undefined ? ok : fail(mismatch);
  },
});
