import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SOURCE_CODES } from '../domain/sources.ts';
import type { HistoryEntry, HistorySource } from './history-entry.ts';
import { orderedEntry } from './ordered-entry.ts';

/**
 * The processing history on disk: JSON Lines, one record per line, appended with one synchronous
 * write per entry and rewritten whole (compacted) to drop deleted entries. See
 * docs/processing-history.md for the format and what survives a crash.
 *
 * Two kinds of line, both with the format version `v`:
 *   {"v":1,"expires":"<ISO 8601>","entry":{...the HistoryEntry, keys in the documented order...}}
 *   {"v":1,"lastId":<n>}   the highest id ever given; written first by each compaction, so that an id
 *                          is never reused even when every entry has been deleted
 */
export const HISTORY_FILE_VERSION = 1;

/** An entry as the file keeps it: the entry and when it expires (ms since the epoch). */
export interface FileRecord {
  entry: HistoryEntry;
  expiresMs: number;
}

/** The id's number: h-000042 is 42. */
export function idNumber(id: string): number | undefined {
  const m = /^h-(\d{6,})$/.exec(id);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/**
 * The line (with its "\n") for an entry that expires at `expiresMs`. The entry is written as it is:
 * give it with its keys in the documented order (as the store keeps it, see orderedEntry).
 */
export function entryLine(entry: HistoryEntry, expiresMs: number): string {
  return `${JSON.stringify({ v: HISTORY_FILE_VERSION, expires: new Date(expiresMs).toISOString(), entry })}\n`;
}

/** The line (with its "\n") that carries the highest id given so far. */
export function lastIdLine(lastId: number): string {
  return `${JSON.stringify({ v: HISTORY_FILE_VERSION, lastId })}\n`;
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const REQUIRED_TEXT = ['id', 'time', 'scenario', 'caseworker', 'personidentitet', 'arendeidentitet', 'syfte', 'lagtext'] as const;

function sourceOf(value: unknown, i: number): HistorySource | string {
  if (!isObj(value)) return `entry.sources[${i}] is not an object`;
  const { code, outcome, kalla, felkod, startedMs, endedMs } = value;
  if (typeof code !== 'string' || !(SOURCE_CODES as readonly string[]).includes(code)) return `entry.sources[${i}].code is not a source code`;
  if (outcome !== 'data' && outcome !== 'error') return `entry.sources[${i}].outcome is not data or error`;
  if (kalla !== undefined && kalla !== 'SSBT' && kalla !== 'BT') return `entry.sources[${i}].kalla is not SSBT or BT`;
  if (felkod !== undefined && typeof felkod !== 'string') return `entry.sources[${i}].felkod is not text`;
  if (typeof startedMs !== 'number' || typeof endedMs !== 'number') return `entry.sources[${i}] lacks startedMs or endedMs`;
  const out: HistorySource = { code: code as HistorySource['code'], outcome, startedMs, endedMs };
  if (kalla !== undefined) out.kalla = kalla;
  if (felkod !== undefined) out.felkod = felkod;
  return out;
}

/** The entry a record holds, or what is wrong with it. */
export function entryOf(value: unknown): HistoryEntry | string {
  if (!isObj(value)) return 'entry is not an object';
  for (const k of REQUIRED_TEXT) if (typeof value[k] !== 'string') return `entry.${k} is not text`;
  if (idNumber(value.id as string) === undefined) return `entry.id "${String(value.id)}" is not h-NNNNNN`;
  if (Number.isNaN(Date.parse(value.time as string))) return 'entry.time is not a date-time';
  const m = value.municipality;
  if (!isObj(m) || typeof m.organisationsnummer !== 'string' || typeof m.namn !== 'string') return 'entry.municipality lacks organisationsnummer or namn';
  if (value.korrelationsid !== undefined && typeof value.korrelationsid !== 'string') return 'entry.korrelationsid is not text';
  if (!Array.isArray(value.sources)) return 'entry.sources is not a list';
  const sources: HistorySource[] = [];
  for (const [i, s] of (value.sources as unknown[]).entries()) {
    const source = sourceOf(s, i);
    if (typeof source === 'string') return source;
    sources.push(source);
  }
  if (value.result !== 'answered' && value.result !== 'refused') return 'entry.result is not answered or refused';
  if (value.felkod !== undefined && typeof value.felkod !== 'string') return 'entry.felkod is not text';
  if (typeof value.durationMs !== 'number') return 'entry.durationMs is not a number';
  if (value.via !== 'SOAP' && value.via !== 'JSON') return 'entry.via is not SOAP or JSON';
  return orderedEntry({
    ...(value as unknown as HistoryEntry),
    municipality: { organisationsnummer: m.organisationsnummer, namn: m.namn },
    sources,
  });
}

/** One line read: an entry, the last id given, or what is wrong with it. */
export type ParsedLine = { kind: 'entry'; record: FileRecord } | { kind: 'lastId'; lastId: number } | { kind: 'bad'; problem: string };

export function parseLine(text: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'bad', problem: 'not JSON' };
  }
  if (!isObj(value)) return { kind: 'bad', problem: 'not a JSON object' };
  if (value.v !== HISTORY_FILE_VERSION) return { kind: 'bad', problem: `format version ${JSON.stringify(value.v)} is not ${HISTORY_FILE_VERSION}` };
  if ('lastId' in value) {
    const n = value.lastId;
    return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? { kind: 'lastId', lastId: n } : { kind: 'bad', problem: 'lastId is not a whole number' };
  }
  const expiresMs = typeof value.expires === 'string' ? Date.parse(value.expires) : Number.NaN;
  if (Number.isNaN(expiresMs)) return { kind: 'bad', problem: 'expires is not a date-time' };
  const entry = entryOf(value.entry);
  return typeof entry === 'string' ? { kind: 'bad', problem: entry } : { kind: 'entry', record: { entry, expiresMs } };
}

/** Skipped lines warned about one by one; the rest are counted in one more warning. */
export const MAX_LINE_WARNINGS = 20;

/** What a history file held: its valid entries in file order, and what loading found. */
export interface LoadedHistoryFile {
  records: FileRecord[];
  /** The highest id in the file: of any entry line (valid, even expired) or lastId line. */
  lastId: number;
  /** Lines that are not (or no longer) kept: skipped, duplicate, or the file lacks its last "\n". */
  untidy: boolean;
}

/**
 * Reads every line of the file (nothing when it does not exist). A torn last line (the process died
 * while writing it) and a line that is not a record are skipped with a warning naming file:line; an
 * entry whose id was already seen is skipped too. Never throws for the content, only when the file
 * exists and cannot be read.
 */
export function loadHistoryFile(path: string, warn: (message: string) => void): LoadedHistoryFile {
  const out: LoadedHistoryFile = { records: [], lastId: 0, untidy: false };
  if (!existsSync(path)) return out;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the processing history file ${path}: ${(e as Error).message}`, { cause: e });
  }
  const lines = text.split('\n');
  const complete = text.endsWith('\n') || text === '';
  if (!complete) out.untidy = true;
  const seen = new Set<string>();
  let skipped = 0;
  const skip = (message: string): void => {
    out.untidy = true;
    skipped += 1;
    if (skipped <= MAX_LINE_WARNINGS) warn(message);
  };
  lines.forEach((line, i) => {
    if (line === '') {
      if (i !== lines.length - 1) out.untidy = true;
      return;
    }
    const where = `${path}:${i + 1}`;
    const parsed = parseLine(line);
    if (parsed.kind === 'bad') {
      skip(
        !complete && i === lines.length - 1
          ? `${where}: skipped an incomplete last line (the simulator stopped while writing it): ${parsed.problem}`
          : `${where}: skipped a line that is not a processing history record: ${parsed.problem}`,
      );
      return;
    }
    if (parsed.kind === 'lastId') {
      out.lastId = Math.max(out.lastId, parsed.lastId);
      return;
    }
    const { entry } = parsed.record;
    out.lastId = Math.max(out.lastId, idNumber(entry.id) ?? 0);
    if (seen.has(entry.id)) {
      skip(`${where}: skipped a second entry with id ${entry.id}`);
      return;
    }
    seen.add(entry.id);
    out.records.push(parsed.record);
  });
  if (skipped > MAX_LINE_WARNINGS) warn(`${path}: skipped ${skipped - MAX_LINE_WARNINGS} more lines that are not processing history records`);
  return out;
}

function writeAll(fd: number, data: string): number {
  const buf = Buffer.from(data, 'utf8');
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done);
  return buf.length;
}

/** Best effort: makes a rename in `dir` survive a power loss (not supported on every platform). */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The history file open for appending. */
export interface HistoryFileWriter {
  readonly path: string;
  /** Appends whole lines with synchronous writes: when it returns they are in the kernel. Throws on failure, leaving the file as it was. */
  append(lines: string): void;
  /** Replaces the file's content atomically (temp file in the same folder, fsync, rename) and appends to the new file from then on. */
  replace(content: Iterable<string>): void;
  /** fsync: what was appended survives a power loss too. */
  sync(): void;
  close(): void;
}

function tempName(path: string, pid: number): string {
  return join(dirname(path), `.${basename(path)}.${pid}.tmp`);
}

/** Removes the temporary files of compactions a killed process did not finish (they hold personal data too). */
function removeStaleTemps(path: string): void {
  const prefix = `.${basename(path)}.`;
  try {
    for (const name of readdirSync(dirname(path))) {
      if (name.startsWith(prefix) && /^\d+\.tmp$/.test(name.slice(prefix.length))) rmSync(join(dirname(path), name), { force: true });
    }
  } catch {
    // Best effort: a stale temporary file is harmless to the history itself.
  }
}

function openForAppend(path: string): number {
  try {
    mkdirSync(dirname(path), { recursive: true });
    return openSync(path, 'a', 0o600);
  } catch (e) {
    throw new Error(`cannot open the processing history file ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Opens (creating it and its folder when missing) the history file for appending; the error names the path. */
export function openHistoryFile(path: string): HistoryFileWriter {
  let fd = openForAppend(path);
  removeStaleTemps(path);
  let size = fstatSync(fd).size;
  let open = true;
  const closed = (): Error => new Error(`the processing history file ${path} is closed`);
  return {
    path,
    append(lines) {
      if (!open) throw closed();
      try {
        size += writeAll(fd, lines);
      } catch (e) {
        // A partial line would glue onto the next one: cut the file back to its last whole line.
        try {
          ftruncateSync(fd, size);
        } catch {
          // The next load skips the torn line with a warning.
        }
        throw new Error(`cannot write to the processing history file ${path}: ${(e as Error).message}`, { cause: e });
      }
    },
    replace(content) {
      if (!open) throw closed();
      const temp = tempName(path, process.pid);
      let tfd: number | undefined;
      let written = 0;
      try {
        tfd = openSync(temp, 'w', 0o600);
        let chunk = '';
        for (const line of content) {
          chunk += line;
          if (chunk.length >= 1 << 20) {
            written += writeAll(tfd, chunk);
            chunk = '';
          }
        }
        written += writeAll(tfd, chunk);
        fsyncSync(tfd);
        closeSync(tfd);
        tfd = undefined;
        renameSync(temp, path);
      } catch (e) {
        if (tfd !== undefined) closeSync(tfd);
        rmSync(temp, { force: true });
        throw new Error(`cannot rewrite the processing history file ${path}: ${(e as Error).message}`, { cause: e });
      }
      syncDir(dirname(path));
      closeSync(fd);
      try {
        fd = openForAppend(path);
      } catch (e) {
        open = false;
        throw e;
      }
      size = written;
    },
    sync() {
      if (open) fsyncSync(fd);
    },
    close() {
      if (!open) return;
      open = false;
      closeSync(fd);
    },
  };
}
