import { defineExpectation, fail, ok, type ExpectationContext } from './types.ts';

type WithinArgs = number | 'deadline' | { timeoutMarginMs: number };

function limitOf(a: WithinArgs, ctx: ExpectationContext): { ms: number; what: string } | { missing: string } {
  if (typeof a === 'number') return { ms: a, what: `${a} ms` };
  if (a === 'deadline') {
    return ctx.deadlineMs === undefined
      ? { missing: 'no deadline is stated (give --deadline, or deadlineMs in the case)' }
      : { ms: ctx.deadlineMs, what: `the stated deadline of ${ctx.deadlineMs} ms` };
  }
  if (ctx.stateTimeoutMs === undefined)
    return { missing: "the composite's timeout in this state is not known (give --deadline)" };
  return {
    ms: ctx.stateTimeoutMs + a.timeoutMarginMs,
    what: `the composite's timeout ${ctx.stateTimeoutMs} ms + ${a.timeoutMarginMs} ms`,
  };
}

/**
 * `within: 10000` / `within: deadline` / `within: { timeoutMarginMs: 1500 }`: the answer came within
 * that many ms, the stated deadline (--deadline, else the case's deadlineMs), or the composite's
 * timeout in the case's state plus a margin (a source that times out must not delay the answer longer).
 */
export const within = defineExpectation<WithinArgs>({
  name: 'within',
  label: (a) =>
    typeof a === 'number'
      ? `answers within ${a} ms`
      : a === 'deadline'
        ? 'answers within the stated deadline'
        : `answers within the composite's timeout + ${a.timeoutMarginMs} ms`,
  check: (a, ctx) => {
    const limit = limitOf(a, ctx);
    if ('missing' in limit) return { failures: [], notes: [`within not checked: ${limit.missing}`] };
    return ctx.durationMs <= limit.ms
      ? ok
      : fail(`answered after ${Math.round(ctx.durationMs)} ms, later than ${limit.what}`);
  },
});
