/** Wall-clock parts of an instant in a time zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, f);
  }
  return f;
}

/** The wall-clock time of `instant` in an IANA time zone. Throws RangeError for an unknown zone. */
export function wallTime(instant: Date, timezone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatter(timezone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: (parts.hour ?? 0) % 24, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** Minutes since local midnight of `instant` in the time zone (0..1439). */
export function minuteOfDay(instant: Date, timezone: string): number {
  const w = wallTime(instant, timezone);
  return w.hour * 60 + w.minute;
}

/** The zone's offset from UTC at an instant, in ms (whole seconds). */
function offsetAt(t: number, timezone: string): number {
  const w = wallTime(new Date(t), timezone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (t - (((t % 1000) + 1000) % 1000));
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The instant an ISO date or date-time names. With an offset (Z, +01:00) that offset applies;
 * without one it is wall-clock time in `timezone` (so a scenario reads the same on any machine).
 * Undefined when the text is not such a date-time.
 */
export function instantOf(text: string, timezone: string): Date | undefined {
  const m = ISO.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', offset] = m;
  const ms = Number(frac.padEnd(3, '0'));
  const guess = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  if (Number.isNaN(guess)) return undefined;
  if (offset !== undefined) {
    if (offset === 'Z') return new Date(guess);
    const sign = offset.startsWith('-') ? -1 : 1;
    const digits = offset.slice(1).replace(':', '');
    return new Date(guess - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000);
  }
  const first = offsetAt(guess, timezone);
  const second = offsetAt(guess - first, timezone);
  return new Date(guess - second);
}
