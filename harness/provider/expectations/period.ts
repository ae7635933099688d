import type { Tidsperiod } from '../../../simulator/composite/query-types.ts';
import { answerOf, asList, describeSource, sourceResult } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

type PeriodSource = 'AF' | 'SO';
type Json = Record<string, unknown>;

const day = (d: unknown): string => String(d).slice(0, 10);

/** Where each source states the period it answered for, and what else in its data must lie inside it. */
const PERIOD: Record<PeriodSource, (data: Json, p: Tidsperiod) => string[]> = {
  AF: (data, p) => {
    const fraga = (data.Fraga ?? {}) as Json;
    return day(fraga.From) === day(p.fromDatum) && day(fraga.Tom) === day(p.tomDatum)
      ? []
      : [`AF Fraga/From-Tom is ${day(fraga.From)}..${day(fraga.Tom)}, asked ${p.fromDatum}..${p.tomDatum}`];
  },
  SO: (data, p) => {
    const out: string[] = [];
    if (day(data.From) !== day(p.fromDatum) || day(data.Tom) !== day(p.tomDatum)) {
      out.push(`SO From-Tom is ${day(data.From)}..${day(data.Tom)}, asked ${p.fromDatum}..${p.tomDatum}`);
    }
    const funds = (((data.ArbetsloshetsersattningLista ?? {}) as Json).Arbetsloshetsersattning ??
      []) as Json[];
    for (const fund of Array.isArray(funds) ? funds : []) {
      for (const u of (Array.isArray(fund.Utbetalningar) ? fund.Utbetalningar : []) as Json[]) {
        if (day(u.AvserFrom) < p.fromDatum || day(u.Utbetalningsdatum) > p.tomDatum) {
          out.push(
            `SO payment ${day(u.AvserFrom)}..${day(u.AvserTom)} paid ${day(u.Utbetalningsdatum)} lies outside ${p.fromDatum}..${p.tomDatum}`,
          );
        }
      }
    }
    return out;
  },
};

/**
 * `period: SO` / `period: [AF, SO]`: the source answered for the period it was asked about: its own
 * tidsperiod when the query gave one, else the general one. AF and SO state it (AF Fraga/From-Tom, SO
 * From-Tom); SO's payments must also lie inside it.
 */
export const period = defineExpectation<PeriodSource | PeriodSource[]>({
  name: 'period',
  label: (a) =>
    `${asList(a, []).join(', ')} answer${asList(a, []).length === 1 ? 's' : ''} for ${asList(a, []).length === 1 ? 'its' : 'their'} own period`,
  check: (a, ctx) => {
    const { answer, failure } = answerOf(ctx);
    if (failure !== undefined) return fail(failure);
    if (ctx.query === undefined) return fail('period needs a request built from a query');
    const failures: string[] = [];
    for (const code of asList(a, [])) {
      const own = (ctx.query.specifikaFrageparametrar[code] as { tidsperiod?: Tidsperiod }).tidsperiod;
      const asked = own ?? ctx.query.generellaFrageparametrar.tidsperiod;
      const payload = sourceResult(answer, code)?.data;
      if (ctx.parsed.results[code] !== 'data' || payload === undefined) {
        failures.push(
          `${code} answered ${describeSource(ctx, answer, code)}, expected data for ${asked.fromDatum}..${asked.tomDatum}`,
        );
        continue;
      }
      failures.push(
        ...PERIOD[code](payload as Json, { fromDatum: day(asked.fromDatum), tomDatum: day(asked.tomDatum) }),
      );
    }
    return failures.length === 0 ? ok : { failures };
  },
});
