/**
 * The amounts of student aid by calendar year, in whole SEK. CSN's levels follow the price base
 * amount (prisbasbelopp); the shares below give plausible levels (full-time studiemedel about
 * 3 300 SEK a week in 2025, of which about 900 grant), not CSN's exact tables.
 */

const PRISBASBELOPP: Readonly<Record<number, number>> = {
  2015: 44_500,
  2016: 44_300,
  2017: 44_800,
  2018: 45_500,
  2019: 46_500,
  2020: 47_300,
  2021: 47_600,
  2022: 48_300,
  2023: 52_500,
  2024: 57_300,
  2025: 58_800,
  2026: 59_200,
};

const FIRST = 2015;
const LAST = 2026;

/** The price base amount of a year (years outside the table take the nearest year's). */
export function prisbasbelopp(year: number): number {
  return PRISBASBELOPP[Math.min(LAST, Math.max(FIRST, year))] ?? 59_200;
}

function share(year: number, fraction: number, pace: number): number {
  return Math.round((prisbasbelopp(year) * fraction * pace) / 100);
}

/** Studiemedel per week at a study pace in percent: the grant (bidrag) and the loan (lån). */
export function studiemedelPerWeek(year: number, pace: number): { bidrag: number; lan: number } {
  return { bidrag: share(year, 0.0155, pace), lan: share(year, 0.0408, pace) };
}

/** Tilläggsbidrag per week for a student with children under 18 (0 without children). */
export function tillaggsbidragPerWeek(year: number, children: number, pace: number): number {
  const fractions = [0, 0.0029, 0.0048, 0.0061, 0.0074];
  return share(year, fractions[Math.min(children, 4)] ?? 0, pace);
}

/** Studiestartsstöd per week (the grant; tilläggsbidrag comes on top for parents). */
export function studiestartsstodPerWeek(year: number, pace: number): number {
  return share(year, 0.0497, pace);
}

/** Omställningsstudiestöd per week: 80 % of the earlier income up to a ceiling, and the optional loan. */
export function omstallningsstudiestodPerWeek(
  year: number,
  yearlyIncome: number,
  pace: number,
): { bidrag: number; lan: number } {
  const ceiling = prisbasbelopp(year) * 0.1;
  const bidrag = Math.round((Math.min((yearlyIncome * 0.8) / 52, ceiling) * pace) / 100);
  return { bidrag, lan: share(year, 0.015, pace) };
}

/** Studiebidrag (studiehjälp) per month, paid ten months of the school year. */
export const STUDIEBIDRAG_PER_MONTH = 1_250;
