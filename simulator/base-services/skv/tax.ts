/**
 * A rough Swedish final tax of the 2020s for one year, whole SEK: municipal tax of 32 % on earned
 * income after a basic allowance (grundavdrag), an in-work credit (jobbskatteavdrag) for those not
 * retired, state tax of 20 % above the threshold, and 30 % on a surplus of capital. Plausible, not exact.
 */
export function finalTax(earned: number, capitalSurplus: number, pensioner: boolean): number {
  const basicAllowance = Math.min(
    earned,
    pensioner ? Math.min(70_000, 20_000 + 0.2 * earned) : Math.min(45_000, 17_000 + 0.1 * earned),
  );
  const taxable = Math.max(0, earned - basicAllowance);
  const municipal = 0.32 * taxable;
  const inWorkCredit = pensioner ? 0 : Math.min(0.08 * earned, 40_000, municipal);
  const state = 0.2 * Math.max(0, taxable - 625_800);
  return Math.round(municipal - inWorkCredit + state + 0.3 * capitalSurplus);
}
