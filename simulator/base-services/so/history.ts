import { addDays, addMonths, endOfMonth, epochDay, isoOfEpochDay, maxDate, minDate, weekdayOfEpochDay } from '../../domain/dates.ts';
import { createRandom, type Random } from '../../domain/random.ts';
import type { SoAvstangning, SoUtbetalning } from './types.ts';

/** How a fund pays: every other week (a fixed two-week grid) or per calendar month. */
export type Cadence = 'biweekly' | 'monthly';

/** The person's current spell of unemployment benefit at their fund; independent of any asked period. */
export interface BenefitSpell {
  /** First day unemployed and registered with the fund. */
  start: string;
  /** Date of the decision on the right to benefit, or null when it is still pending today. */
  decision: string | null;
  cadence: Cadence;
  /** Gross benefit per compensated day, SEK (2020s: at most 1 200). */
  dailyRate: number;
  /** Preliminary tax withheld, as a fraction. */
  taxRate: number;
  /** A deduction after tax on every payment (e.g. a wage garnishment), SEK; 0 for none. */
  deduction: number;
  /** Whether the person is ever suspended (avstängd) from benefit. */
  suspensionProne: boolean;
  /** Seed for the per-payment-period variation, so each period's draw is independent of the asked period. */
  seed: number;
}

/** The whole history of the spell up to today: payments and suspensions in date order. */
export interface BenefitHistory {
  payments: SoUtbetalning[];
  suspensions: SoAvstangning[];
  /** The last day of every payment period the person has claimed (sent a time report for). */
  claimedPeriodEnds: string[];
}

/** The grid of two-week payment periods starts on this Monday (and repeats backwards and forwards). */
const BIWEEKLY_ANCHOR = '2024-01-01';

/** Suspension lengths in calendar days (about 5, 10, 20 and 45 compensated days). */
const SUSPENSION_DAYS = [7, 7, 14, 28, 63] as const;

/**
 * Draws a spell from the random source: a fixed number of draws, so the spell does not depend on the
 * asked period. The spell starts on `start`, the first day of the person's unemployment
 * (`timeline.unemployedSince`, the day Arbetsförmedlingen registered them: a fund pays from the
 * registration day), and is still going on; the decision on the right to benefit comes 10 to 40 days
 * after it (pending while that is after today).
 */
export function drawSpell(random: Random, today: string, start: string): BenefitSpell {
  const seed = random.seed32();
  const decisionDate = addDays(start, random.int(10, 40));
  const cadence: Cadence = random.chance(0.7) ? 'biweekly' : 'monthly';
  const dailyRate = random.int(51, 120) * 10;
  const taxRate = random.int(24, 33) / 100;
  const hasDeduction = random.chance(0.1);
  const deductionUnit = random.int(8, 20) * 100;
  const suspensionProne = random.chance(0.25);
  return {
    start,
    decision: decisionDate <= today ? decisionDate : null,
    cadence,
    dailyRate,
    taxRate,
    deduction: hasDeduction ? (cadence === 'monthly' ? 2 * deductionUnit : deductionUnit) : 0,
    suspensionProne,
    seed,
  };
}

/** The payment periods (first and last day) from the one holding `from` through the one holding `to`. */
function periodsCovering(cadence: Cadence, from: string, to: string): { start: string; end: string }[] {
  const out: { start: string; end: string }[] = [];
  if (cadence === 'monthly') {
    for (let m = `${from.slice(0, 7)}-01`; m <= to; m = addMonths(m, 1))
      out.push({ start: m, end: endOfMonth(m) });
    return out;
  }
  const offset = Math.floor((epochDay(from) - epochDay(BIWEEKLY_ANCHOR)) / 14);
  for (let s = addDays(BIWEEKLY_ANCHOR, offset * 14); s <= to; s = addDays(s, 14))
    out.push({ start: s, end: addDays(s, 13) });
  return out;
}

/** Weekdays in [from, to] not inside any suspension (days counted as epoch days, none parsed). */
function compensableDays(from: string, to: string, suspensions: readonly SoAvstangning[]): number {
  let n = 0;
  let day = epochDay(from);
  for (let d = from; d <= to; d = isoOfEpochDay(++day)) {
    const weekday = weekdayOfEpochDay(day);
    if (weekday !== 0 && weekday !== 6 && !suspensions.some((s) => s.AvstangdFrom <= d && d <= s.AvstangdTom)) n++;
  }
  return n;
}

function round2(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/**
 * Plays the spell forward from its start to today: for each payment period, maybe a suspension
 * (suspension-prone persons only), some days worked, the compensated days, and the payment after the
 * period has been claimed and the right to benefit decided. Each payment period draws from its own
 * random source keyed by its first day, so the history is the same whatever period is asked.
 */
export function playSpell(spell: BenefitSpell, today: string): BenefitHistory {
  const history: BenefitHistory = { payments: [], suspensions: [], claimedPeriodEnds: [] };
  for (const period of periodsCovering(spell.cadence, spell.start, today)) {
    const r = createRandom(spell.seed, 'SO', period.start);
    const lastSuspension = history.suspensions.at(-1);
    if (spell.suspensionProne && r.chance(0.06)) {
      const from = maxDate(spell.start, addDays(period.start, r.int(0, 10)));
      const free = lastSuspension === undefined || lastSuspension.AvstangdTom < from;
      if (free && from <= today) {
        history.suspensions.push({
          AvstangdFrom: from,
          AvstangdTom: addDays(from, r.pick(SUSPENSION_DAYS) - 1),
        });
      }
    }
    const worked = r.chance(0.25) ? r.int(1, 3) : 0;
    const lag = r.int(3, 8);
    const avserFrom = maxDate(spell.start, period.start);
    if (period.end >= today) break;
    const days = Math.max(0, compensableDays(avserFrom, period.end, history.suspensions) - worked);
    if (days === 0) continue;
    history.claimedPeriodEnds.push(period.end);
    if (spell.decision === null) continue;
    const paid = maxDate(addDays(period.end, lag), addDays(spell.decision, 2));
    if (paid > today) continue;
    const afterTax = round2(days * spell.dailyRate * (1 - spell.taxRate));
    history.payments.push({
      Utbetalningsdatum: paid,
      NettoEfterSkatt: afterTax,
      NettoEfterAvdrag: round2(afterTax - Math.min(spell.deduction, afterTax)),
      Ersattningsdagar: days,
      AvserFrom: avserFrom,
      AvserTom: period.end,
    });
  }
  return history;
}

/** The suspensions overlapping [from, tom], cut to the period. */
export function suspensionsIn(history: BenefitHistory, from: string, tom: string): SoAvstangning[] {
  return history.suspensions
    .filter((s) => s.AvstangdFrom <= tom && s.AvstangdTom >= from)
    .map((s) => ({ AvstangdFrom: maxDate(s.AvstangdFrom, from), AvstangdTom: minDate(s.AvstangdTom, tom) }));
}

/** The payments wholly inside [from, tom]: for days from `from` on, paid by `tom`. */
export function paymentsIn(history: BenefitHistory, from: string, tom: string): SoUtbetalning[] {
  return history.payments.filter((p) => p.AvserFrom >= from && p.Utbetalningsdatum <= tom);
}
