import { addDays, addMonths, endOfMonth, maxDate, minDate } from '../../domain/dates.ts';
import { createRandom } from '../../domain/random.ts';
import { monthStarts, paymentDate } from './calendar.ts';
import { bokstavskod, sifferkod } from './codes.ts';
import type { FkHistory, HistoryContext } from './history.ts';
import { fkPayment, sek, type FkPaymentRecord } from './payments.ts';
import { barnAsPersons } from './person-info.ts';
import type { BostadsbidragArende, BostadsbidragBeslut } from './types.ts';

const BOSTADSBIDRAG = bokstavskod('BOB', 'Bostadsbidrag');

/**
 * Bostadsbidrag (FK:BOB) for a person with housing allowance: one ongoing case that started 6 to 48
 * months ago, a preliminary decision per calendar year (final, definitivt, once the year's taxation is
 * known: for years ended more than a year ago) with the year's housing cost and income, paid on the
 * 25th of each month.
 */
export function housingAllowance(ctx: HistoryContext): Partial<FkHistory> {
  if (!ctx.person.situation.housingAllowance) return {};
  const random = createRandom(ctx.seed, 'FK:BOB');
  const start = addMonths(ctx.anchor, -random.int(6, 48));
  const thisYear = Number(ctx.today.slice(0, 4));
  const beslut: BostadsbidragBeslut[] = [];
  for (let year = Number(start.slice(0, 4)); year <= thisYear; year++) {
    const r = createRandom(ctx.seed, 'FK:BOB', year);
    const from = maxDate(start, `${year}-01-01`);
    const inkomst =
      Math.round((ctx.person.situation.yearlyIncome * (1 - 0.03 * (thisYear - year))) / 100) * 100;
    const b: BostadsbidragBeslut = {
      fattades:
        from === start
          ? addDays(start, -r.int(10, 40))
          : `${year - 1}-12-${String(r.int(5, 20)).padStart(2, '0')}`,
      definitivt: year < thisYear - 1,
      forman: BOSTADSBIDRAG,
      periodicitet: sifferkod(1, 'Månadsvis'),
      period: { fran: from, till: `${year}-12-31` },
      beslutatBruttobelopp: sek(r.int(12, 45) * 100),
      underlag: { totalBostadskostnad: sek(r.int(60, 115) * 100), inkomster: [sek(Math.max(0, inkomst))] },
    };
    const hemmavarandeBarn = barnAsPersons(ctx).filter((c) => (c.foddes ?? '') <= `${year}-12-31`);
    if (hemmavarandeBarn.length > 0) b.underlag.hemmavarandeBarn = hemmavarandeBarn;
    beslut.push(b);
  }
  const span = { from: start, tom: `${thisYear}-12-31` };
  const arende: BostadsbidragArende = {
    startades: addDays(start, -random.int(10, 40)),
    aktivt: true,
    avslaget: false,
    beslut,
  };
  const payments: FkPaymentRecord[] = monthStarts(
    maxDate(start, ctx.window.from),
    minDate(addMonths(ctx.anchor, 1), ctx.window.tom),
  ).flatMap((m) => {
    const b = beslut.find((d) => (d.period.fran ?? '') <= m && m <= (d.period.till ?? ''));
    if (b === undefined) return [];
    const monthSpan = { from: m, tom: endOfMonth(m) };
    const rows = [{ forman: BOSTADSBIDRAG, span: monthSpan, brutto: b.beslutatBruttobelopp.summa }];
    return [
      fkPayment({
        groups: ['FK:BOB'],
        familj: BOSTADSBIDRAG,
        datum: paymentDate(m, 25),
        span: monthSpan,
        rows,
        taxRate: 0,
      }),
    ];
  });
  return { cases: [{ key: 'bostadsbidragsarende', span, arende }], payments };
}
