/** Calendar helpers over ISO dates (YYYY-MM-DD), computed in UTC so they never depend on the host's zone. */

export function parseIsoDate(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}

export function formatIsoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = parseIsoDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return formatIsoDate(d);
}

export function addMonths(iso: string, months: number): string {
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
  return Math.round((parseIsoDate(b).getTime() - parseIsoDate(a).getTime()) / 86_400_000);
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
