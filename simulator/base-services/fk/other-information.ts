import { createRandom } from '../../domain/random.ts';
import { sifferkod } from './codes.ts';
import type { FkHistory, HistoryContext } from './history.ts';
import { sek } from './payments.ts';
import type { SjukpenninggrundandeInkomstUppgift, StudiemedelAvisering } from './types.ts';

/**
 * Sjukpenninggrundande inkomst (FK:SGI): for a person with an SGI, the one fixed each January of the
 * last three years and this one (income indexed back about 3 % a year).
 */
export function sgiHistory(ctx: HistoryContext): Partial<FkHistory> {
  if (ctx.sgi <= 0) return {};
  const thisYear = Number(ctx.today.slice(0, 4));
  const ovrig: FkHistory['ovrig'] = [];
  for (let year = thisYear - 3; year <= thisYear; year++) {
    const faststalldes = `${year}-01-${String(createRandom(ctx.seed, 'FK:SGI', year).int(8, 28)).padStart(2, '0')}`;
    if (faststalldes > ctx.today) continue;
    const entry: SjukpenninggrundandeInkomstUppgift = {
      faststalldes,
      typ: sifferkod(0, 'A- eller B-inkomst'),
      anstallning: sek(Math.round((ctx.sgi * Math.pow(0.97, thisYear - year)) / 100) * 100),
    };
    ovrig.push({
      key: 'sjukpenninggrundandeInkomstuppgift',
      span: { from: faststalldes, tom: `${year}-12-31` },
      entry,
    });
  }
  return { ovrig };
}

/**
 * Studiemedelsavisering (FK:STAV): CSN's notices to Försäkringskassan for a student, a decision and a
 * payment notice per term (spring mid-January to early June, autumn late August to mid-January) of
 * the last two years and this one, as far as the term has started.
 */
export function studentAidNotices(ctx: HistoryContext): Partial<FkHistory> {
  if (!ctx.person.situation.student) return {};
  const thisYear = Number(ctx.today.slice(0, 4));
  const ovrig: FkHistory['ovrig'] = [];
  for (let year = thisYear - 2; year <= thisYear; year++) {
    const terms = [
      {
        from: `${year}-01-${String(15 + (year % 5)).padStart(2, '0')}`,
        tom: `${year}-06-0${4 + (year % 4)}`,
      },
      {
        from: `${year}-08-${String(20 + (year % 6)).padStart(2, '0')}`,
        tom: `${year + 1}-01-${String(10 + (year % 5)).padStart(2, '0')}`,
      },
    ];
    for (const term of terms) {
      if (term.from > ctx.today) continue;
      for (const typ of [sifferkod(2, 'Beslut'), sifferkod(4, 'Utbetalning')]) {
        const entry: StudiemedelAvisering = { typ, period: { fran: term.from, till: term.tom } };
        ovrig.push({ key: 'studiemedelsavisering', span: term, entry });
      }
    }
  }
  return { ovrig };
}
