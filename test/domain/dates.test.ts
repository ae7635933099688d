import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  endOfMonth,
  epochDay,
  formatIsoDate,
  isoOfEpochDay,
  monthsIn,
  parseIsoDate,
  weekdayOfEpochDay,
} from '../../simulator/domain/dates.ts';

/** The Date-based definitions the epoch-day arithmetic must reproduce exactly. */
const reference = {
  addDays(iso: string, days: number): string {
    const d = parseIsoDate(iso);
    d.setUTCDate(d.getUTCDate() + days);
    return formatIsoDate(d);
  },
  addMonths(iso: string, months: number): string {
    const d = parseIsoDate(iso);
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return formatIsoDate(d);
  },
  daysBetween(a: string, b: string): number {
    return Math.round((parseIsoDate(b).getTime() - parseIsoDate(a).getTime()) / 86_400_000);
  },
};

/** The outcome of a call: its value, or the kind of error it throws. */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
}

/** Every day from 1899-12-01 to 2101-01-31, and the month ends and odd texts around them. */
function sampleDates(): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(1899, 11, 1); t <= Date.UTC(2101, 0, 31); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

const ODD = [
  '2026-02-29', '2026-02-30', '2026-02-31', '2024-02-30', '2026-04-31', '1900-02-29', '2000-02-30',
  '0000-01-01', '0000-02-29', '0050-03-31', '0099-12-31', '0100-01-31', '0400-02-29', '9999-12-31', '9999-11-30',
  '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '2026-1-05', '2026/01/05', 'x', '', '2026-01', '12345-01-01',
];

describe('dates: epoch-day arithmetic gives exactly the Date-based results', () => {
  const dates = sampleDates();

  it('Given every day of two centuries, Then epochDay and isoOfEpochDay round-trip and agree with Date, weekday too', () => {
    for (const iso of dates) {
      const day = epochDay(iso);
      const d = parseIsoDate(iso);
      const got = [day, isoOfEpochDay(day), weekdayOfEpochDay(day)];
      const want = [d.getTime() / 86_400_000, iso, d.getUTCDay()];
      if (got.join() !== want.join()) expect({ iso, got }).toEqual({ iso, got: want });
    }
  });

  it('Given every day and offsets of days, Then addDays equals the Date-based definition', () => {
    const offsets = [-800, -366, -365, -31, -30, -7, -1, 0, 1, 6, 7, 13, 14, 28, 29, 30, 31, 365, 366, 1000];
    for (const iso of dates) for (const n of offsets) if (addDays(iso, n) !== reference.addDays(iso, n)) expect([iso, n, addDays(iso, n)]).toEqual([iso, n, reference.addDays(iso, n)]);
  });

  it('Given every day and offsets of months, Then addMonths and endOfMonth equal the Date-based definitions', () => {
    const offsets = [-300, -36, -25, -24, -13, -12, -11, -2, -1, 0, 1, 2, 11, 12, 13, 24, 36, 192, 1200];
    for (const iso of dates) {
      for (const n of offsets) if (addMonths(iso, n) !== reference.addMonths(iso, n)) expect([iso, n, addMonths(iso, n)]).toEqual([iso, n, reference.addMonths(iso, n)]);
    }
    for (const iso of dates.filter((d) => d.endsWith('-15'))) expect(endOfMonth(iso)).toBe(reference.addDays(reference.addMonths(`${iso.slice(0, 7)}-01`, 1), -1));
  });

  it('Given rolled-over, out-of-range and malformed texts and fractional offsets, Then the results (or errors) are the Date-based ones', () => {
    for (const iso of ODD) {
      for (const n of [-400, -1, 0, 1, 2, 1.5, -1.5, 12, 1200]) {
        expect({ iso, n, v: outcome(() => addDays(iso, n)) }).toEqual({ iso, n, v: outcome(() => reference.addDays(iso, n)) });
        expect({ iso, n, v: outcome(() => addMonths(iso, n)) }).toEqual({ iso, n, v: outcome(() => reference.addMonths(iso, n)) });
      }
      for (const other of ['2026-03-01', '0000-01-01', ...ODD]) {
        expect({ iso, other, v: daysBetween(iso, other) }).toEqual({ iso, other, v: reference.daysBetween(iso, other) });
      }
    }
  });

  it('Given pairs of days, Then daysBetween equals the Date-based definition', () => {
    for (let i = 0; i < dates.length; i += 97) {
      for (let j = 0; j < dates.length; j += 1013) {
        const a = dates[i] as string;
        const b = dates[j] as string;
        expect(daysBetween(a, b)).toBe(reference.daysBetween(a, b));
      }
    }
  });

  it('Given a period, Then monthsIn lists the first of every month it touches', () => {
    expect(monthsIn('2025-11-15', '2026-02-01')).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
  });
});
