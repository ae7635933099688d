import { addDays, addMonths, endOfMonth, minDate } from '../../domain/dates.ts';
import { createRandom } from '../../domain/random.ts';
import { datesIn, monthPart, monthStarts, overlaps, paymentDate, type Span } from './calendar.ts';
import { bokstavskod } from './codes.ts';
import type { FkHistory, HistoryContext } from './history.ts';
import { SKATTESATS, sjukpenningPerDag } from './levels.ts';
import { fkPayment, sek } from './payments.ts';
import type { Omfattning, SjukpenningArende, SjukpenningBeslut } from './types.ts';

const SJUKPENNING = bokstavskod('SJP', 'Sjukpenning');
const OMFATTNINGAR: readonly Omfattning[] = [
  { taljare: 1, namnare: 1 },
  { taljare: 1, namnare: 1 },
  { taljare: 3, namnare: 4 },
  { taljare: 1, namnare: 2 },
];

/**
 * Sjukpenning (FK:SJP) for a person on sick leave: one ongoing case that started 1 to 14 months ago,
 * decided in periods of two to eight weeks up to a period running past today, at a daily amount from
 * the SGI scaled by the extent. An employee gets FK's sjukpenning after the employer's 14 days (no
 * karens at FK); someone without employment has a karens day first. Each month's days are paid in the
 * following month, on a day between the 18th and the 27th.
 */
export function sickness(ctx: HistoryContext): Partial<FkHistory> {
  if (!ctx.person.situation.sickLeave) return {};
  const random = createRandom(ctx.seed, 'FK:SJP');
  const sjukFrom = addDays(ctx.anchor, -random.int(30, 420));
  const employed = ctx.person.situation.yearlyIncome >= 100_000;
  const perDag = sjukpenningPerDag(ctx.sgi);
  const beslut: SjukpenningBeslut[] = [];
  const paidPerDay = new Map<string, number>();
  for (let from = sjukFrom, i = 0; from <= ctx.today; i++) {
    const tom = addDays(from, random.int(14, 60) - 1);
    const omfattning = i === 0 ? { taljare: 1, namnare: 1 } : random.pick(OMFATTNINGAR);
    const karens = i === 0 && !employed;
    const dagBelopp = Math.round((perDag * omfattning.taljare) / omfattning.namnare);
    const ersattningsdagar = datesIn({ from, tom }).map((dag, n) => {
      const day: SjukpenningBeslut['ersattningsdagar'][number] = {
        ersattningsdatum: dag,
        ersattningsbelopp: sek(dagBelopp),
      };
      if (karens && n === 0) day.karensavdragsbelopp = sek(dagBelopp);
      paidPerDay.set(dag, karens && n === 0 ? 0 : dagBelopp);
      return day;
    });
    beslut.push({
      fattades: minDate(ctx.today, addDays(from, random.int(2, 10))),
      definitivt: true,
      forman: SJUKPENNING,
      period: { fran: from, till: tom },
      omfattning,
      dagar: ersattningsdagar.length,
      karens,
      beslutsutfall: 'BEVILJAN',
      beslutstyp: 'SLUTLIGT',
      ersattningsdagar,
    });
    from = addDays(tom, 1);
  }
  const last = beslut[beslut.length - 1]?.period.till ?? sjukFrom;
  const arende: SjukpenningArende = {
    startades: addDays(sjukFrom, random.int(0, 10)),
    aktivt: last >= ctx.today,
    beslut,
  };
  const span: Span = { from: sjukFrom, tom: last };
  const payments = monthStarts(sjukFrom, addMonths(ctx.anchor, -1))
    .filter((m) => overlaps({ from: m, tom: endOfMonth(addMonths(m, 1)) }, ctx.window))
    .flatMap((m) => {
      const part = monthPart(m, span);
      if (part === undefined) return [];
      const brutto = datesIn(part).reduce((sum, d) => sum + (paidPerDay.get(d) ?? 0), 0);
      const datum = paymentDate(addMonths(m, 1), createRandom(ctx.seed, 'FK:SJP', m).int(18, 27));
      const rows = [{ forman: SJUKPENNING, span: part, brutto, dagar: datesIn(part).length }];
      return [
        fkPayment({ groups: ['FK:SJP'], familj: SJUKPENNING, datum, span: part, rows, taxRate: SKATTESATS }),
      ];
    });
  return { cases: [{ key: 'sjukpenningarende', span, arende }], payments };
}
