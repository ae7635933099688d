import type { Trigger } from '../scenarios/types.ts';
import { instantOf, minuteOfDay } from './zoned-time.ts';

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutes(text: string): number | undefined {
  const m = HH_MM.exec(text);
  return m === null ? undefined : Number(m[1]) * 60 + Number(m[2]);
}

/**
 * True when `now` is inside the window, `from` included and `to` excluded. HH:MM bounds are daily in
 * `timezone` and may cross midnight (23:30-00:30); equal bounds are an empty window. Date-time bounds
 * are instants (without an offset: wall time in `timezone`). Bounds of mixed forms never hold.
 */
export function windowHolds(window: NonNullable<Trigger['window']>, now: Date, timezone: string): boolean {
  const fromMin = minutes(window.from);
  const toMin = minutes(window.to);
  if (fromMin !== undefined || toMin !== undefined) {
    if (fromMin === undefined || toMin === undefined) return false;
    const m = minuteOfDay(now, timezone);
    return fromMin <= toMin ? fromMin <= m && m < toMin : m >= fromMin || m < toMin;
  }
  const from = instantOf(window.from, timezone);
  const to = instantOf(window.to, timezone);
  if (from === undefined || to === undefined) return false;
  return from.getTime() <= now.getTime() && now.getTime() < to.getTime();
}
