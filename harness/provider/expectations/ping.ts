import { SOURCE_CODES } from '../../../simulator/domain/sources.ts';
import type { SourceErrorArg } from '../case-body.ts';
import { describeAnswer, describeError } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

type Json = Record<string, unknown>;

interface PingArgs {
  healthy?: boolean;
  errors?: SourceErrorArg[];
}

/**
 * `ping` / `ping: { healthy: true }` / `ping: { errors: [{ source: SKV, kalla: BT }] }`: the answer of
 * testaBastjanstInformation holds one TestSvar per source, all seven in contract order, each with
 * anropad; healthy: every source called and none with an error; errors: these sources report
 * such an error.
 */
export const ping = defineExpectation<PingArgs | undefined>({
  name: 'ping',
  label: (a) =>
    `one TestSvar per source with anropad${a?.healthy === true ? ', all called without error' : ''}${a?.errors === undefined ? '' : `, errors from ${a.errors.map((e) => e.source).join(', ')}`}`,
  check: (a, ctx) => {
    const p = ctx.parsed;
    if (p.kind !== 'ping' || p.canonical === undefined)
      return fail(`expected the answer of testaBastjanstInformation, got ${describeAnswer(ctx)}`);
    const failures: string[] = [];
    if (p.order.join() !== SOURCE_CODES.join())
      failures.push(
        `TestSvar elements are ${p.order.join(', ') || 'none'}, expected ${SOURCE_CODES.join(', ')} (one per source, contract order)`,
      );
    const answer = p.canonical;
    for (const code of SOURCE_CODES) {
      const t = answer[code] as Json | undefined;
      if (t === undefined) continue;
      if (typeof t.anropad !== 'boolean') failures.push(`${code} has no anropad`);
      const wantError = a?.errors?.find((e) => e.source === code);
      const err = t.error as Json | undefined;
      if (wantError !== undefined) {
        if (err === undefined) failures.push(`${code} reports no error, expected one`);
        else {
          if (wantError.kalla !== undefined && err.kalla !== wantError.kalla)
            failures.push(`${code} error has kalla=${String(err.kalla)}, expected ${wantError.kalla}`);
          if (wantError.felkod !== undefined && wantError.felkod !== 'any' && err.felkod !== wantError.felkod)
            failures.push(`${code} error has felkod=${String(err.felkod)}, expected ${wantError.felkod}`);
        }
      } else if (a?.healthy === true) {
        if (t.anropad !== true) failures.push(`${code} was not called (anropad false)`);
        if (err !== undefined) failures.push(`${code} reports ${describeError(err)}`);
      }
    }
    return failures.length === 0 ? ok : { failures };
  },
});
