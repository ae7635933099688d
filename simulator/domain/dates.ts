/**
 * Calendar helpers over ISO dates (YYYY-MM-DD), computed in UTC so they never depend on the host's zone.
 *
 * The arithmetic works on epoch days (whole days since 1970-01-01) with integer calendar formulas, so
 * loops over days neither parse nor format through `Date`. The results are exactly those of the
 * `Date`-based definitions (a day 29-31 past the end of its month rolls over as `Date` rolls it, any
 * text that is not a plain YYYY-MM-DD goes through `Date` as before), which `parseIsoDate` and
 * `formatIsoDate` keep.
 */

const DAY_MS = 86_400_000;

export function parseIsoDate(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

export function formatIsoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The value of the digit at `i`, or -1 when it is not a digit. */
function digit(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Year, month and day of YYYY-MM-DD text with a month 01-12 and a day 01-31 (the days `Date` accepts;
 * one past the end of its month rolls over), else undefined.
 */
function fields(text: string): [number, number, number] | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const y0 = digit(text, 0);
  const y1 = digit(text, 1);
  const y2 = digit(text, 2);
  const y3 = digit(text, 3);
  const m0 = digit(text, 5);
  const m1 = digit(text, 6);
  const d0 = digit(text, 8);
  const d1 = digit(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return undefined;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return [y0 * 1000 + y1 * 100 + y2 * 10 + y3, month, day];
}

/** Days from 1970-01-01 to a proleptic Gregorian date (the day may run past its month). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] as number);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** YYYY-MM-DD for a year 0-9999 (the years `toISOString` writes with four digits). */
function civilText(year: number, month: number, day: number): string {
  const y = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${y}-${pad2(month)}-${pad2(day)}`;
}

/** The epoch day (whole days since 1970-01-01) of an ISO date: NaN for text `parseIsoDate` cannot read. */
export function epochDay(iso: string): number {
  const f = fields(iso);
  if (f !== undefined) return daysFromCivil(f[0], f[1], f[2]);
  return Math.floor(parseIsoDate(iso).getTime() / DAY_MS);
}

/** The ISO date of an epoch day, as `formatIsoDate` writes it (throws a RangeError for NaN, as it does). */
export function isoOfEpochDay(day: number): string {
  if (!Number.isInteger(day) || day < -719_528 || day > 2_932_896) return formatIsoDate(new Date(day * DAY_MS));
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return civilText(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/** The day of the week of an epoch day, as `Date.getUTCDay` counts it: 0 Sunday ... 6 Saturday. */
export function weekdayOfEpochDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function addDays(iso: string, days: number): string {
  if (!Number.isInteger(days)) {
    const d = parseIsoDate(iso);
    d.setUTCDate(d.getUTCDate() + days);
    return formatIsoDate(d);
  }
  return isoOfEpochDay(epochDay(iso) + days);
}

export function addMonths(iso: string, months: number): string {
  const f = fields(iso);
  if (f !== undefined && Number.isInteger(months) && f[2] <= daysInMonth(f[0], f[1])) {
    const total = f[0] * 12 + (f[1] - 1) + months;
    const year = Math.floor(total / 12);
    const month = total - year * 12 + 1;
    // Years 0-99 keep the Date path: its Date.UTC reads them as 1900-1999.
    if (year >= 100 && year <= 9999) return civilText(year, month, Math.min(f[2], daysInMonth(year, month)));
  }
  const d = parseIsoDate(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return formatIsoDate(d);
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: string, b: string): number {
  const fa = fields(a);
  const fb = fields(b);
  if (fa !== undefined && fb !== undefined) return daysFromCivil(fb[0], fb[1], fb[2]) - daysFromCivil(fa[0], fa[1], fa[2]);
  return Math.round((parseIsoDate(b).getTime() - parseIsoDate(a).getTime()) / DAY_MS);
}

/** True when text is a real calendar date in YYYY-MM-DD form. */
export function isRealDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = parseIsoDate(text);
  return !Number.isNaN(d.getTime()) && formatIsoDate(d) === text;
}

/** The first day of each month that overlaps [from, tom], in order. */
export function monthsIn(from: string, tom: string): string[] {
  const out: string[] = [];
  let m = `${from.slice(0, 7)}-01`;
  while (m <= tom) {
    out.push(m);
    m = addMonths(m, 1);
  }
  return out;
}

/** The last day of the month of `iso`. */
export function endOfMonth(iso: string): string {
  return addDays(addMonths(`${iso.slice(0, 7)}-01`, 1), -1);
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/** Age in whole years on `on`. */
export function ageOn(birthDate: string, on: string): number {
  let age = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (on.slice(5) < birthDate.slice(5)) age -= 1;
  return age;
}
