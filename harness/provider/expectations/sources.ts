import { SOURCE_CODES, type SourceCode } from '../../../simulator/domain/sources.ts';
import { answerOf } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

/** `sources: [AF, SKV]`: svarsdata holds exactly these sources, each once, in contract order (AF CSN FK SKV SO TNS MIV). */
export const sources = defineExpectation<SourceCode[]>({
  name: 'sources',
  label: (codes) =>
    `svarsdata holds exactly ${codes.length === 0 ? 'no source' : codes.join(', ')} in contract order`,
  check: (codes, ctx) => {
    const { failure } = answerOf(ctx);
    if (failure !== undefined) return fail(failure);
    const order = ctx.parsed.order;
    const failures: string[] = [];
    const missing = codes.filter((c) => !order.includes(c));
    const extra = [...new Set(order.filter((c) => !(codes as string[]).includes(c)))];
    if (missing.length > 0) failures.push(`missing: ${missing.join(', ')}`);
    if (extra.length > 0) failures.push(`not asked for: ${extra.join(', ')}`);
    const known = order.filter((c): c is SourceCode => (SOURCE_CODES as readonly string[]).includes(c));
    const sorted = [...known].sort((a, b) => SOURCE_CODES.indexOf(a) - SOURCE_CODES.indexOf(b));
    if (known.join() !== sorted.join())
      failures.push(`out of contract order: ${order.join(', ')} (contract order ${sorted.join(', ')})`);
    return failures.length === 0
      ? ok
      : fail(`svarsdata holds ${order.length === 0 ? 'nothing' : order.join(', ')}: ${failures.join('; ')}`);
  },
});
