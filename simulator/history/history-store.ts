import type { Clock } from '../domain/clock.ts';
import type { HistoryEntry, NewHistoryEntry } from './history-entry.ts';
import { compileHistoryFilter, type HistoryFilter } from './history-filter.ts';
import { orderedEntry } from './ordered-entry.ts';

const HOUR_MS = 3_600_000;

/** The processing history of one simulator: in memory, bounded, pruned by retention. */
export interface HistoryStore {
  /**
   * Records an entry at the clock's now, to be kept `retentionHours` (the scenario's
   * history.retentionHours), and prunes. Returns the stored (frozen) entry with its id and time.
   */
  record(entry: NewHistoryEntry, retentionHours: number): HistoryEntry;
  /** Prunes, then returns the matching entries newest first, paged by offset and limit. */
  query(filter?: HistoryFilter): HistoryEntry[];
  /**
   * Deletes every entry past the retention it was recorded under and, when `retentionHours` is given,
   * every entry older than that too (so a scenario that shortens its retention takes effect at once).
   * Returns how many were deleted.
   */
  prune(retentionHours?: number): number;
  /** How many entries are kept (after pruning). */
  size(): number;
  /** Deletes every entry; ids keep counting, so an id is never reused. */
  clear(): void;
}

export interface HistoryStoreOptions {
  /** The (scenario) clock entries are stamped and aged by. */
  clock: Clock;
  /** The most entries kept; the oldest go first. Default 100 000. */
  maxEntries?: number;
}

interface Stored {
  entry: HistoryEntry;
  timeMs: number;
  expiresMs: number;
}

function checkHours(hours: number): number {
  if (!Number.isFinite(hours) || hours <= 0)
    throw new RangeError(`history retention must be a positive number of hours, got ${hours}`);
  return hours;
}

function frozen(entry: HistoryEntry): HistoryEntry {
  entry.sources.forEach((s) => Object.freeze(s));
  Object.freeze(entry.sources);
  Object.freeze(entry.municipality);
  return Object.freeze(entry);
}

/**
 * A processing history in memory. Ages entries on the injected clock only (never the wall clock), so a
 * test or a fixed scenario clock decides what is old. An entry older than its retention is deleted on
 * the next record, query, size or prune: no timer runs.
 */
export function createHistoryStore(options: HistoryStoreOptions): HistoryStore {
  const { clock } = options;
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw new RangeError(`history maxEntries must be a whole number >= 1, got ${maxEntries}`);
  let stored: Stored[] = [];
  let lastId = 0;
  // Lower bounds over `stored`, so pruning scans only when something may be due.
  let earliestExpiry = Infinity;
  let oldestTime = Infinity;

  function prune(retentionHours?: number): number {
    const now = clock.now().getTime();
    const cutoff = retentionHours === undefined ? -Infinity : now - checkHours(retentionHours) * HOUR_MS;
    if (earliestExpiry >= now && oldestTime >= cutoff) return 0;
    const before = stored.length;
    stored = stored.filter((s) => s.expiresMs >= now && s.timeMs >= cutoff);
    earliestExpiry = Infinity;
    oldestTime = Infinity;
    for (const s of stored) {
      earliestExpiry = Math.min(earliestExpiry, s.expiresMs);
      oldestTime = Math.min(oldestTime, s.timeMs);
    }
    return before - stored.length;
  }

  return {
    record(input, retentionHours) {
      const hours = checkHours(retentionHours);
      const at = clock.now();
      lastId += 1;
      const entry = frozen(
        orderedEntry({ id: `h-${String(lastId).padStart(6, '0')}`, time: at.toISOString(), ...input }),
      );
      const timeMs = at.getTime();
      const expiresMs = timeMs + hours * HOUR_MS;
      stored.push({ entry, timeMs, expiresMs });
      earliestExpiry = Math.min(earliestExpiry, expiresMs);
      oldestTime = Math.min(oldestTime, timeMs);
      if (stored.length > maxEntries) stored.splice(0, stored.length - maxEntries);
      prune();
      return entry;
    },
    query(filter = {}) {
      const f = compileHistoryFilter(filter);
      prune();
      const out: HistoryEntry[] = [];
      let skipped = 0;
      for (let i = stored.length - 1; i >= 0 && (f.limit === undefined || out.length < f.limit); i--) {
        const s = stored[i] as Stored;
        if (!f.matches(s.entry, s.timeMs)) continue;
        if (skipped < f.offset) skipped += 1;
        else out.push(s.entry);
      }
      return out;
    },
    prune,
    size() {
      prune();
      return stored.length;
    },
    clear() {
      stored = [];
      earliestExpiry = Infinity;
      oldestTime = Infinity;
    },
  };
}
