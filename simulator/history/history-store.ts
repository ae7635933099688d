import type { Clock } from '../domain/clock.ts';
import type { HistoryEntry, HistorySource, NewHistoryEntry } from './history-entry.ts';
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

/** What the entries of one caseworker's queries repeat, kept once per distinct combination (frozen, shared). */
interface Context {
  scenario: string;
  municipality: HistoryEntry['municipality'];
  caseworker: string;
  arendeidentitet: string;
  syfte: string;
  lagtext: string;
  result: HistoryEntry['result'];
  via: HistoryEntry['via'];
}

/** An entry as kept: its context, and what is its own; its id and time come from the store's number arrays. */
interface Kept {
  context: Context;
  personidentitet: string;
  korrelationsid: string | undefined;
  sources: readonly HistorySource[];
  felkod: string | undefined;
  durationMs: number;
}

/** The fields a history filter reads (history-filter.ts). */
type FilterView = Pick<HistoryEntry, 'caseworker' | 'personidentitet' | 'arendeidentitet' | 'municipality'>;

/**
 * The kept entries, oldest first, compact (issue 7: the history is the memory that grows with the
 * simulator's use, up to maxEntries, and was most of its resident memory after a long load run). An
 * entry is kept as a small object pointing at a shared context (scenario, municipality, caseworker,
 * case, purpose, law text, result, channel), with its id number, time and expiry (ms) in parallel arrays
 * of numbers (8 bytes each); the HistoryEntry a caller sees is made from these when asked for, with the
 * same values in the same key order (orderedEntry, as when it was recorded). An id or time that its
 * number would not spell back exactly (only from a hand-edited history file) is kept as given. The
 * oldest are dropped by moving a start index, the arrays compacted once half of them is dropped, so a
 * store at its bound does not move 100 000 slots for every entry recorded.
 */
class StoredEntries {
  #kept: Kept[] = [];
  #ids: number[] = [];
  #times: number[] = [];
  #expiries: number[] = [];
  #head = 0;
  /** An id and time not spelled back by formatId and toISOString, per kept entry. */
  readonly #spelled = new WeakMap<Kept, { id: string; time: string }>();
  #contexts = new Map<string, Context>();
  readonly #view: FilterView = { caseworker: '', personidentitet: '', arendeidentitet: '', municipality: { organisationsnummer: '', namn: '' } };

  get length(): number {
    return this.#kept.length - this.#head;
  }

  /** The entry as callers see it: a frozen HistoryEntry in the documented key order (orderedEntry). */
  entry(i: number): HistoryEntry {
    const at = this.#head + i;
    const kept = this.#kept[at] as Kept;
    const c = kept.context;
    const spelled = this.#spelled.get(kept);
    return frozen(
      orderedEntry({
        id: spelled?.id ?? formatId(this.#ids[at] as number),
        time: spelled?.time ?? new Date(this.#times[at] as number).toISOString(),
        scenario: c.scenario,
        municipality: c.municipality,
        caseworker: c.caseworker,
        personidentitet: kept.personidentitet,
        arendeidentitet: c.arendeidentitet,
        syfte: c.syfte,
        lagtext: c.lagtext,
        ...(kept.korrelationsid === undefined ? {} : { korrelationsid: kept.korrelationsid }),
        sources: kept.sources as HistorySource[],
        result: c.result,
        ...(kept.felkod === undefined ? {} : { felkod: kept.felkod }),
        durationMs: kept.durationMs,
        via: c.via,
      }),
    );
  }

  /** What a filter reads of entry i (one object, refilled for each entry: read it before asking for the next). */
  filterView(i: number): FilterView {
    const kept = this.#kept[this.#head + i] as Kept;
    const view = this.#view;
    view.caseworker = kept.context.caseworker;
    view.personidentitet = kept.personidentitet;
    view.arendeidentitet = kept.context.arendeidentitet;
    view.municipality = kept.context.municipality;
    return view;
  }

  timeMs(i: number): number {
    return this.#times[this.#head + i] as number;
  }

  expiresMs(i: number): number {
    return this.#expiries[this.#head + i] as number;
  }

  /** Keeps a (shared, frozen) entry recorded at `timeMs`. */
  push(entry: HistoryEntry, timeMs: number, expiresMs: number): void {
    const id = /^h-\d{6,}$/.test(entry.id) ? Number(entry.id.slice(2)) : 0;
    const kept: Kept = {
      context: this.#context(entry),
      personidentitet: entry.personidentitet,
      korrelationsid: entry.korrelationsid,
      sources: entry.sources,
      felkod: entry.felkod,
      durationMs: entry.durationMs,
    };
    if (formatId(id) !== entry.id || new Date(timeMs).toISOString() !== entry.time) this.#spelled.set(kept, { id: entry.id, time: entry.time });
    this.#kept.push(kept);
    this.#ids.push(id);
    this.#times.push(timeMs);
    this.#expiries.push(expiresMs);
  }

  #context(e: HistoryEntry): Context {
    const m = e.municipality;
    const key = `${e.scenario}\u0000${m.organisationsnummer}\u0000${m.namn}\u0000${e.caseworker}\u0000${e.arendeidentitet}\u0000${e.syfte}\u0000${e.lagtext}\u0000${e.result}\u0000${e.via}`;
    let context = this.#contexts.get(key);
    if (context === undefined) {
      if (this.#contexts.size >= CONTEXTS_MAX) this.#contexts = new Map();
      context = Object.freeze({ scenario: e.scenario, municipality: m, caseworker: e.caseworker, arendeidentitet: e.arendeidentitet, syfte: e.syfte, lagtext: e.lagtext, result: e.result, via: e.via });
      this.#contexts.set(key, context);
    }
    return context;
  }

  /** Drops the oldest `n`. */
  dropOldest(n: number): void {
    const head = this.#head + Math.min(n, this.length);
    for (let i = this.#head; i < head; i++) this.#kept[i] = undefined as unknown as Kept; // not kept alive until the compaction
    this.#head = head;
    if (head >= 1024 && head * 2 >= this.#kept.length) this.#compactArrays();
  }

  #compactArrays(): void {
    const head = this.#head;
    this.#kept = this.#kept.slice(head);
    this.#ids = this.#ids.slice(head);
    this.#times = this.#times.slice(head);
    this.#expiries = this.#expiries.slice(head);
    this.#head = 0;
  }

  /** Keeps the entries for which `keep(timeMs, expiresMs)` holds, in order. */
  filter(keep: (timeMs: number, expiresMs: number) => boolean): void {
    let to = this.#head;
    for (let from = this.#head; from < this.#kept.length; from++) {
      const t = this.#times[from] as number;
      const e = this.#expiries[from] as number;
      if (!keep(t, e)) continue;
      this.#kept[to] = this.#kept[from] as Kept;
      this.#ids[to] = this.#ids[from] as number;
      this.#times[to] = t;
      this.#expiries[to] = e;
      to++;
    }
    this.#kept.length = to;
    this.#ids.length = to;
    this.#times.length = to;
    this.#expiries.length = to;
    if (this.#head > 0) this.#compactArrays();
  }
}

/** How many distinct contexts are shared before the table starts over (entries keep what they hold). */
const CONTEXTS_MAX = 4096;

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
  let stored = new StoredEntries();
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
    for (let i = 0; i < stored.length; i++) {
      earliestExpiry = Math.min(earliestExpiry, stored.expiresMs(i));
      oldestTime = Math.min(oldestTime, stored.timeMs(i));
    }
  }

  /** Deletes what is due without touching the file; returns how many. */
  function pruneMemory(retentionHours?: number): number {
    const now = clock.now().getTime();
    const cutoff = retentionHours === undefined ? -Infinity : now - checkHours(retentionHours) * HOUR_MS;
    if (earliestExpiry >= now && oldestTime >= cutoff) return 0;
    const before = stored.length;
    stored.filter((timeMs, expiresMs) => expiresMs >= now && timeMs >= cutoff);
    bounds();
    return before - stored.length;
  }

  function* fileContent(): Generator<string> {
    yield lastIdLine(lastId);
    for (let i = 0; i < stored.length; i++) yield entryLine(stored.entry(i), stored.expiresMs(i));
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
    for (const r of loaded.records) stored.push(frozen(shared.share(r.entry)), Date.parse(r.entry.time), r.expiresMs);
    if (stored.length > maxEntries) stored.dropOldest(stored.length - maxEntries);
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
      stored.push(entry, timeMs, expiresMs);
      earliestExpiry = Math.min(earliestExpiry, expiresMs);
      oldestTime = Math.min(oldestTime, timeMs);
      if (stored.length > maxEntries) stored.dropOldest(stored.length - maxEntries);
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
        if (!f.matches(stored.filterView(i), stored.timeMs(i))) continue;
        if (skipped < f.offset) skipped += 1;
        else out.push(stored.entry(i));
      }
      return out;
    },
    prune,
    size() {
      prune();
      return stored.length;
    },
    clear() {
      stored = new StoredEntries();
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
