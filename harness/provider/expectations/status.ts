import { defineExpectation, fail, ok } from './types.ts';

/** `status: 200`: the HTTP status of the answer. */
export const status = defineExpectation<number>({
  name: 'status',
  label: (code) => `HTTP status ${code}`,
  check: (code, ctx) =>
    ctx.response.status === code ? ok : fail(`HTTP ${ctx.response.status}, expected ${code}`),
});
