/** Benefit levels of the 2020s in SEK (rounded public figures; the simulator's, not legal advice). */

/** Prisbasbelopp, roughly the 2024-2025 level; SGI is capped at 10 of them. */
export const PRISBASBELOPP = 57_300;
export const SGI_TAK = 10 * PRISBASBELOPP;

/** Sjukpenning: 80 % of 97 % of SGI per calendar day, at most 1 116 kr. */
export function sjukpenningPerDag(sgi: number): number {
  return Math.min(1_116, Math.round((0.8 * 0.97 * sgi) / 365));
}

/** Föräldrapenning at sjukpenningnivå, at most 1 250 kr; grundnivå 250 kr for a low SGI. */
export function foraldrapenningPerDag(sgi: number): { belopp: number; niva: 'S' | 'G' } {
  const s = Math.min(1_250, Math.round((0.8 * 0.97 * sgi) / 365));
  return s > 250 ? { belopp: s, niva: 'S' } : { belopp: 250, niva: 'G' };
}

/** Barnbidrag per child and month: 1 050 kr until February 2018, 1 250 kr since. */
export function barnbidrag(month: string): number {
  return month < '2018-03-01' ? 1_050 : 1_250;
}

/** Flerbarnstillägg per month for a number of children with barnbidrag. */
export function flerbarnstillagg(children: number): number {
  const levels = [0, 0, 150, 730, 1_740, 3_000];
  return levels[Math.min(children, 5)] ?? 0;
}

/** Underhållsstöd per child and month by the child's age, before and since February 2022. */
export function underhallsstod(age: number, month: string): number {
  const since2022 = month >= '2022-02-01';
  if (age >= 15) return since2022 ? 2_223 : 2_073;
  if (age >= 11) return since2022 ? 1_823 : 1_723;
  return since2022 ? 1_673 : 1_573;
}

/** Preliminary tax on taxable benefits (a table-tax approximation). */
export const SKATTESATS = 0.3;
/** Preliminary tax on pensions (lower for pensioners). */
export const SKATTESATS_PENSION = 0.24;
