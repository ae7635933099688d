import { addDays, addMonths, daysBetween, endOfMonth, epochDay, maxDate, weekdayOfEpochDay } from '../../domain/dates.ts';

/** CSN's calendar: terms of 20 weeks, ISO weeks, CSN's compact date and week forms, payment days. */

/** ISO weekday: 1 Monday ... 7 Sunday. */
export function isoWeekday(iso: string): number {
  const day = weekdayOfEpochDay(epochDay(iso));
  return day === 0 ? 7 : day;
}

/** The Monday of ISO week `week` of ISO year `year`. */
export function mondayOfIsoWeek(year: number, week: number): string {
  const jan4 = `${year}-01-04`;
  return addDays(jan4, 1 - isoWeekday(jan4) + (week - 1) * 7);
}

/** CSN's week form (csntyper `vecka`): ISO year and week number, YYYYWW. */
export function csnWeek(iso: string): string {
  const thursday = addDays(iso, 4 - isoWeekday(iso));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}${String(week).padStart(2, '0')}`;
}

/** CSN's date form (csntyper `datum`): YYYYMMDD. */
export function csnDate(iso: string): string {
  return iso.replaceAll('-', '');
}

/** The banking day on or before a date (a Saturday or Sunday moves back to the Friday). */
export function bankDayOnOrBefore(iso: string): string {
  const weekday = isoWeekday(iso);
  return weekday <= 5 ? iso : addDays(iso, 5 - weekday);
}

/** A run of whole weeks, Monday `from` to Sunday `to`. */
export interface WeekSpan {
  from: string;
  to: string;
}

/** The autumn term (HT) of a year: 20 weeks from the Monday of ISO week 35. */
export function autumnTerm(year: number): WeekSpan {
  const from = mondayOfIsoWeek(year, 35);
  return { from, to: addDays(from, 20 * 7 - 1) };
}

/** The spring term (VT) of a year: 20 weeks from the Monday of ISO week 3. */
export function springTerm(year: number): WeekSpan {
  const from = mondayOfIsoWeek(year, 3);
  return { from, to: addDays(from, 20 * 7 - 1) };
}

/** The Mondays of a span, in order. */
export function mondaysOf(span: WeekSpan): string[] {
  const out: string[] = [];
  for (let monday = span.from; monday <= span.to; monday = addDays(monday, 7)) out.push(monday);
  return out;
}

/** One payment of a term's aid: its date and the weeks it pays for. */
export interface TermPayment {
  date: string;
  weeks: WeekSpan;
  count: number;
}

/** CSN's monthly payment day: the banking day on or before the 25th (in December the 23rd, before Christmas). */
export function paymentDay(month: string): string {
  const day = month.slice(5, 7) === '12' ? '23' : '25';
  return bankDayOnOrBefore(`${month.slice(0, 7)}-${day}`);
}

/**
 * How CSN pays studiemedel for a term: each week with the month of its Monday; the weeks of a month
 * on the payment day of the month before, the first payment at the start of the term. A payment day
 * less than two weeks after the previous one joins it, so the first payment covers more weeks.
 */
export function termPayments(term: WeekSpan): TermPayment[] {
  const out: { date: string; mondays: string[] }[] = [];
  for (const monday of mondaysOf(term)) {
    const due = maxDate(paymentDay(addMonths(`${monday.slice(0, 7)}-01`, -1)), term.from);
    const previous = out[out.length - 1];
    if (previous !== undefined && daysBetween(previous.date, due) < 14) previous.mondays.push(monday);
    else out.push({ date: due, mondays: [monday] });
  }
  return out.map(({ date, mondays }) => ({
    date,
    weeks: { from: mondays[0] ?? date, to: addDays(mondays[mondays.length - 1] ?? date, 6) },
    count: mondays.length,
  }));
}

/** One monthly payment of studiehjälp: paid on the banking day on or before the 20th, for that month. */
export function schoolYearPayments(year: number): { date: string; month: WeekSpan }[] {
  const out: { date: string; month: WeekSpan }[] = [];
  for (let i = 0; i < 10; i++) {
    const first = addMonths(`${year}-09-01`, i);
    out.push({
      date: bankDayOnOrBefore(`${first.slice(0, 7)}-20`),
      month: { from: first, to: endOfMonth(first) },
    });
  }
  return out;
}

/** The school year (läsår) a date belongs to, named by the year its autumn term starts. */
export function schoolYearOf(iso: string): number {
  const year = Number(iso.slice(0, 4));
  return iso >= autumnTerm(year).from ? year : year - 1;
}
