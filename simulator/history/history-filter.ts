import type { HistoryEntry } from './history-entry.ts';

/** What the processing history can be searched by; every field given must hold. */
export interface HistoryFilter {
  /** The handläggare, exactly. */
  caseworker?: string;
  /** The person, exactly as the query gave it (12 digits). */
  personidentitet?: string;
  /** The case, exactly. */
  arendeidentitet?: string;
  /** The municipality: its organisationsnummer exactly, or its name regardless of case. */
  municipality?: string;
  /** Entries at or after this instant (ISO 8601; a date alone is its midnight UTC). */
  from?: string;
  /** Entries at or before this instant (ISO 8601; a date alone is its midnight UTC). */
  to?: string;
  /** At most this many entries (after offset); all when absent. */
  limit?: number;
  /** Skip this many matching entries, newest first (default 0). */
  offset?: number;
}

function instant(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new RangeError(`history filter: ${field} "${value}" is not an ISO 8601 date or date-time`);
  return ms;
}

function count(value: number | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`history filter: ${field} must be a whole number >= 0, got ${value}`);
  return value;
}

/** A filter checked once: the predicate over entries and the page. Throws RangeError on a bad field. */
export interface CompiledHistoryFilter {
  matches(entry: Pick<HistoryEntry, 'caseworker' | 'personidentitet' | 'arendeidentitet' | 'municipality'>, timeMs: number): boolean;
  offset: number;
  limit: number | undefined;
}

/** Checks a filter (RangeError names a bad from, to, limit or offset) and compiles it. */
export function compileHistoryFilter(filter: HistoryFilter): CompiledHistoryFilter {
  const from = instant(filter.from, 'from');
  const to = instant(filter.to, 'to');
  const municipality = filter.municipality?.toLocaleLowerCase('sv');
  const { caseworker, personidentitet, arendeidentitet } = filter;
  return {
    offset: count(filter.offset, 'offset') ?? 0,
    limit: count(filter.limit, 'limit'),
    matches(entry, timeMs) {
      if (caseworker !== undefined && entry.caseworker !== caseworker) return false;
      if (personidentitet !== undefined && entry.personidentitet !== personidentitet) return false;
      if (arendeidentitet !== undefined && entry.arendeidentitet !== arendeidentitet) return false;
      if (
        municipality !== undefined &&
        entry.municipality.organisationsnummer !== filter.municipality &&
        entry.municipality.namn.toLocaleLowerCase('sv') !== municipality
      ) {
        return false;
      }
      if (from !== undefined && timeMs < from) return false;
      if (to !== undefined && timeMs > to) return false;
      return true;
    },
  };
}
