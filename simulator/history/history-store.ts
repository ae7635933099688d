import type { Clock } from '../domain/clock.ts';
import type { HistoryEntry, NewHistoryEntry } from './history-entry.ts';
import { compileHistoryFilter, type HistoryFilter } from './history-filter.ts';
import { entryLine, lastIdLine, loadHistoryFile, openHistoryFile, type HistoryFileWriter } from './history-file.ts';
import { orderedEntry } from './ordered-entry.ts';
import { createSharedValues } from './shared-values.ts';

const HOUR_MS = 3_600_000;

/** The processing history of one simulator: in memory (and optionally in a file), bounded, pruned by retention. */
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
  /** Deletes every entry (with a file: empties it); ids keep counting, so an id is never reused. */
  clear(): void;
  /**
   * With a file: compacts it when it holds deleted entries, fsyncs and closes it; afterwards `record`
   * throws (reading still works). Idempotent; a memory-only store has nothing to close.
   */
  close(): void;
}

export interface HistoryStoreOptions {
  /** The (scenario) clock entries are stamped and aged by. */
  clock: Clock;
  /** The most entries kept; the oldest go first. Default 100 000. */
  maxEntries?: number;
  /**
   * The append-only JSON Lines file the history is kept in (created with its folder when missing,
   * loaded when present). Without it the history is in memory only. See docs/processing-history.md.
   */
  file?: string;
  /**
   * With a file: fsync after every entry, so an entry also survives a power loss or kernel crash, at
   * the cost of a disk flush before each answer. Default false: an entry survives the process's death
   * (kill -9) without it.
   */
  fsync?: boolean;
  /** Where problems found in the file go (a skipped line names file:line). Default console.warn. */
  warn?: (message: string) => void;
}

interface Stored {
  entry: HistoryEntry;
  timeMs: number;
  expiresMs: number;
}

/** Deleted entries the file may hold before it is compacted: at least this many, and at least as many as are kept. */
export const COMPACT_MIN_DEAD = 1000;

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

function formatId(n: number): string {
  return `h-${String(n).padStart(6, '0')}`;
}

/**
 * A processing history, in memory and, when `file` is given, in an append-only file. Ages entries on
 * the injected clock only (never the wall clock), so a test or a fixed scenario clock decides what is
 * old. An entry older than its retention is deleted on the next record, query, size or prune: no timer
 * runs.
 *
 * With a file, `record` appends the entry's line with one synchronous write before it returns, so an
 * entry whose answer was sent survives the process being killed. Deleted entries (retention, the
 * maxEntries bound, clear) stay in the file until it is compacted: at creation, on clear, on close,
 * and whenever the deleted lines reach max(COMPACT_MIN_DEAD, kept entries).
 */
export function createHistoryStore(options: HistoryStoreOptions): HistoryStore {
  const { clock } = options;
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1)
    throw new RangeError(`history maxEntries must be a whole number >= 1, got ${maxEntries}`);
  const warn = options.warn ?? ((message: string) => console.warn(message));
  let stored: Stored[] = [];
  let lastId = 0;
  const shared = createSharedValues();
  // Lower bounds over `stored`, so pruning scans only when something may be due.
  let earliestExpiry = Infinity;
  let oldestTime = Infinity;
  // With a file: how many entry lines it holds (kept and deleted), and when a failed compaction is retried.
  let writer: HistoryFileWriter | undefined;
  let fileEntries = 0;
  let retryCompactionAt = 0;
  let closed = false;

  function bounds(): void {
    earliestExpiry = Infinity;
    oldestTime = Infinity;
    for (const s of stored) {
      earliestExpiry = Math.min(earliestExpiry, s.expiresMs);
      oldestTime = Math.min(oldestTime, s.timeMs);
    }
  }

  /** Deletes what is due without touching the file; returns how many. */
  function pruneMemory(retentionHours?: number): number {
    const now = clock.now().getTime();
    const cutoff = retentionHours === undefined ? -Infinity : now - checkHours(retentionHours) * HOUR_MS;
    if (earliestExpiry >= now && oldestTime >= cutoff) return 0;
    const before = stored.length;
    stored = stored.filter((s) => s.expiresMs >= now && s.timeMs >= cutoff);
    bounds();
    return before - stored.length;
  }

  function* fileContent(): Generator<string> {
    yield lastIdLine(lastId);
    for (const s of stored) yield entryLine(s.entry, s.expiresMs);
  }

  /** Rewrites the file with only the kept entries (and the last id). */
  function compact(): void {
    if (writer === undefined) return;
    writer.replace(fileContent());
    fileEntries = stored.length;
    retryCompactionAt = 0;
  }

  /** Compacts when enough deleted lines have piled up; a failure is reported and retried later, never thrown. */
  function maybeCompact(): void {
    if (writer === undefined || closed) return;
    const dead = fileEntries - stored.length;
    if (dead < Math.max(COMPACT_MIN_DEAD, stored.length, retryCompactionAt)) return;
    try {
      compact();
    } catch (e) {
      retryCompactionAt = dead * 2;
      warn(`${(e as Error).message} (deleted entries stay in it until the next compaction)`);
    }
  }

  function prune(retentionHours?: number): number {
    const deleted = pruneMemory(retentionHours);
    if (deleted > 0) maybeCompact();
    return deleted;
  }

  if (options.file !== undefined) {
    const loaded = loadHistoryFile(options.file, warn);
    writer = openHistoryFile(options.file);
    lastId = loaded.lastId;
    stored = loaded.records.map((r) => ({ entry: frozen(shared.share(r.entry)), timeMs: Date.parse(r.entry.time), expiresMs: r.expiresMs }));
    if (stored.length > maxEntries) stored.splice(0, stored.length - maxEntries);
    bounds();
    pruneMemory();
    fileEntries = loaded.records.length;
    if (loaded.untidy || fileEntries > stored.length) {
      try {
        compact();
      } catch (e) {
        writer.close();
        throw e;
      }
    }
  }
  const fsync = writer !== undefined && options.fsync === true;

  return {
    record(input, retentionHours) {
      const hours = checkHours(retentionHours);
      const at = clock.now();
      const id = lastId + 1;
      // Through JSON and back, so the entry holds copies: strings read from a request can be slices of the
      // request's text, and V8 keeps a slice's whole parent string alive as long as the slice lives. Then
      // what repeats from entry to entry is shared (shared-values.ts).
      const entry = frozen(shared.share(JSON.parse(JSON.stringify(orderedEntry({ id: formatId(id), time: at.toISOString(), ...input }))) as HistoryEntry));
      const timeMs = at.getTime();
      const expiresMs = timeMs + Math.round(hours * HOUR_MS);
      if (writer !== undefined) {
        writer.append(entryLine(entry, expiresMs));
        if (fsync) writer.sync();
        fileEntries += 1;
      }
      lastId = id;
      stored.push({ entry, timeMs, expiresMs });
      earliestExpiry = Math.min(earliestExpiry, expiresMs);
      oldestTime = Math.min(oldestTime, timeMs);
      if (stored.length > maxEntries) stored.splice(0, stored.length - maxEntries);
      pruneMemory();
      maybeCompact();
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
      compact();
    },
    close() {
      if (writer === undefined || closed) return;
      try {
        if (fileEntries > stored.length) compact();
        else writer.sync();
      } catch (e) {
        warn(`${(e as Error).message} (deleted entries stay in it until the next start)`);
      } finally {
        closed = true;
        writer.close();
      }
    },
  };
}
