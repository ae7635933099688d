import { addDays, addMonths, endOfMonth, epochDay, isoOfEpochDay, weekdayOfEpochDay } from '../../domain/dates.ts';

/** A closed span of dates (both ends inclusive, YYYY-MM-DD). */
export interface Span {
  from: string;
  tom: string;
}

/** The latest date any span reaches: used for open periods. */
export const OPEN_END = '9999-12-31';

export function overlaps(a: Span, b: Span): boolean {
  return a.from <= b.tom && b.from <= a.tom;
}

export function within(date: string, span: Span): boolean {
  return span.from <= date && date <= span.tom;
}

function isWeekendDay(day: number): boolean {
  const weekday = weekdayOfEpochDay(day);
  return weekday === 0 || weekday === 6;
}

function isWeekend(iso: string): boolean {
  return isWeekendDay(epochDay(iso));
}

/** Easter Sunday of a year (anonymous Gregorian algorithm). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const FIXED_HOLIDAYS: readonly string[] = ['01-01', '01-06', '05-01', '06-06', '12-24', '12-25', '12-26', '12-31'];

/** Good Friday, Easter Monday and Ascension Day of each year asked so far (a pure function of the year). */
const movableHolidays = new Map<string, readonly string[]>();

function movableHolidaysOf(year: string): readonly string[] {
  let days = movableHolidays.get(year);
  if (days === undefined) {
    const easter = easterSunday(Number(year));
    days = [-2, 1, 39].map((offset) => addDays(easter, offset));
    if (movableHolidays.size >= 1000) movableHolidays.clear();
    movableHolidays.set(year, days);
  }
  return days;
}

/** Weekdays Swedish banks are closed: public holidays, midsummer eve, Christmas eve and New Year's eve. */
function isBankHoliday(iso: string): boolean {
  const md = iso.slice(5);
  if (FIXED_HOLIDAYS.includes(md)) return true;
  if (md >= '06-19' && md <= '06-25' && weekdayOfEpochDay(epochDay(iso)) === 5) return true;
  return movableHolidaysOf(iso.slice(0, 4)).includes(iso);
}

/** The date itself, or the banking day before when it falls on a weekend or a bank holiday (when payments move). */
export function bankDayOnOrBefore(iso: string): string {
  let d = iso;
  while (isWeekend(d) || isBankHoliday(d)) d = addDays(d, -1);
  return d;
}

/** The payment date on `day` of the month starting `monthStart`, moved back off a weekend. */
export function paymentDate(monthStart: string, day: number): string {
  return bankDayOnOrBefore(`${monthStart.slice(0, 8)}${String(day).padStart(2, '0')}`);
}

/**
 * The dates of the span, from `from` one day at a time while not after `tom` (by text), with their
 * epoch days: counted as integers, each date written once, none parsed.
 */
function eachDate(span: Span, visit: (iso: string, day: number) => void): void {
  let day = epochDay(span.from);
  for (let d = span.from; d <= span.tom; d = isoOfEpochDay(++day)) visit(d, day);
}

/** Every date of the span. */
export function datesIn(span: Span): string[] {
  const out: string[] = [];
  eachDate(span, (d) => out.push(d));
  return out;
}

/** The weekdays (Monday to Friday) of the span. */
export function weekdaysIn(span: Span): string[] {
  const out: string[] = [];
  eachDate(span, (d, day) => {
    if (!isWeekendDay(day)) out.push(d);
  });
  return out;
}

/** The first day of the month of `iso`. */
export function monthOf(iso: string): string {
  return `${iso.slice(0, 7)}-01`;
}

/** The month starts from the month of `from` to the month of `tom`, in order. */
export function monthStarts(from: string, tom: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= tom; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The part of a month (starting `monthStart`) that lies inside the span, if any. */
export function monthPart(monthStart: string, span: Span): Span | undefined {
  const part = {
    from: monthStart > span.from ? monthStart : span.from,
    tom: endOfMonth(monthStart) < span.tom ? endOfMonth(monthStart) : span.tom,
  };
  return part.from <= part.tom ? part : undefined;
}

/** The date `years` whole years after `iso` (29 February falls back to 28 February). */
export function addYears(iso: string, years: number): string {
  return addMonths(iso, 12 * years);
}
