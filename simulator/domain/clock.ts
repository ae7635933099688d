/** The injected clock: domain code asks it for the time instead of calling Date.now(). */
export interface Clock {
  now(): Date;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at one instant (for tests and reproducible scenarios). */
export function fixedClock(iso: string | Date): Clock {
  const t = new Date(iso).getTime();
  return { now: () => new Date(t) };
}

/** Formats a date as YYYY-MM-DD (UTC). */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
