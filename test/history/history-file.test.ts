import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { entryLine, lastIdLine } from '../../simulator/history/history-file.ts';
import { COMPACT_MIN_DEAD, createHistoryStore, type HistoryStore, type HistoryStoreOptions } from '../../simulator/history/history-store.ts';
import { orderedEntry } from '../../simulator/history/ordered-entry.ts';
import { adjustableClock, makeNewEntry, type AdjustableClock } from './support.ts';

const T0 = '2026-03-02T09:00:00.000Z';

const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
const folders: string[] = [];
afterAll(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'ssbtek-history-'));
  folders.push(folder);
  return folder;
}

function tempFile(name = 'history.jsonl'): string {
  return join(tempFolder(), name);
}

/** A store on `file` with the clock given, collecting warnings. */
function openStore(file: string, clock: AdjustableClock, extra: Partial<HistoryStoreOptions> = {}) {
  const warnings: string[] = [];
  const store = createHistoryStore({ clock, file, warn: (m) => warnings.push(m), ...extra });
  open.push(store);
  return { store, warnings };
}

function lines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);
}

/** How many entry lines (not the lastId line) the file holds. */
function entryLines(file: string): number {
  return lines(file).filter((l) => typeof l === 'object' && l !== null && 'entry' in l).length;
}

describe('the processing history in a file', () => {
  it('writes one JSON line per entry, {"v":1,"expires":...,"entry":...}, before record returns', () => {
    const file = tempFile();
    const clock = adjustableClock(T0);
    const { store } = openStore(file, clock);
    const entry = store.record(makeNewEntry(), 24);
    // No close: what record wrote is in the file already.
    expect(lines(file)).toEqual([{ v: 1, expires: '2026-03-03T09:00:00.000Z', entry: JSON.parse(JSON.stringify(entry)) as unknown }]);
    expect(readFileSync(file, 'utf8').endsWith('\n')).toBe(true);
  });

  it('creates the folder; reopening gives the same entries and ids, and ids continue after the highest', () => {
    const file = join(tempFile('nested'), 'deeper', 'history.jsonl');
    const clock = adjustableClock(T0);
    const first = openStore(file, clock).store;
    first.record(makeNewEntry({ caseworker: 'HL0001' }), 24);
    clock.advanceHours(1);
    first.record(makeNewEntry({ caseworker: 'HL0002', korrelationsid: 'k-1', personidentitet: 'åäö "quoted"\n\u2028' }), 24);
    first.record(makeNewEntry({ result: 'refused', felkod: 'SSBT-013', sources: [], via: 'JSON' }), 48);
    const before = first.query();
    // Not closed: as after kill -9.
    const { store: again, warnings } = openStore(file, clock);
    expect(again.query()).toEqual(before);
    expect(again.query().map((e) => e.id)).toEqual(['h-000003', 'h-000002', 'h-000001']);
    expect(Object.isFrozen(again.query()[0])).toBe(true);
    expect(again.record(makeNewEntry(), 24).id).toBe('h-000004');
    expect(warnings).toEqual([]);
  });

  it('skips a torn last line and a garbage line with warnings naming file:line, and keeps the rest', () => {
    const file = tempFile();
    const clock = adjustableClock(T0);
    const first = openStore(file, clock).store;
    first.record(makeNewEntry({ arendeidentitet: 'A-1' }), 24);
    first.record(makeNewEntry({ arendeidentitet: 'A-2' }), 24);
    appendFileSync(file, 'this is not json\n');
    appendFileSync(file, '{"v":1,"expires":"2026-03-03T09:00:00.000Z","entry":{"id":"h-000003"}}\n');
    first.record(makeNewEntry({ arendeidentitet: 'A-4' }), 24);
    appendFileSync(file, '{"v":1,"expires":"2026-03-03T09:00:00.000Z","entry":{"id":"h-00');
    const { store, warnings } = openStore(file, clock);
    expect(warnings).toEqual([
      `${file}:3: skipped a line that is not a processing history record: not JSON`,
      `${file}:4: skipped a line that is not a processing history record: entry.time is not text`,
      `${file}:6: skipped an incomplete last line (the simulator stopped while writing it): not JSON`,
    ]);
    expect(store.query().map((e) => [e.id, e.arendeidentitet])).toEqual([
      ['h-000003', 'A-4'],
      ['h-000002', 'A-2'],
      ['h-000001', 'A-1'],
    ]);
    // The file was rewritten without the bad lines, so the next entry starts on a line of its own.
    expect(store.record(makeNewEntry({ arendeidentitet: 'A-5' }), 24).id).toBe('h-000004');
    const third = openStore(file, clock);
    expect(third.warnings).toEqual([]);
    expect(third.store.size()).toBe(4);
  });

  it('never crashes on a file of garbage, an empty file, blank lines or a line of another version', () => {
    const file = tempFile();
    writeFileSync(file, '\n\n[1,2]\nnull\n{"v":2,"lastId":7}\n\u0000\u0000\u0000');
    const { store, warnings } = openStore(file, adjustableClock(T0));
    expect(warnings).toHaveLength(4);
    expect(warnings[2]).toBe(`${file}:5: skipped a line that is not a processing history record: format version 2 is not 1`);
    expect(store.size()).toBe(0);
    expect(store.record(makeNewEntry(), 24).id).toBe('h-000001');
    const empty = tempFile();
    writeFileSync(empty, '');
    expect(openStore(empty, adjustableClock(T0)).store.size()).toBe(0);
  });

  it('warns about the first 20 bad lines one by one, then counts the rest', () => {
    const file = tempFile();
    writeFileSync(file, 'garbage\n'.repeat(25));
    const { store, warnings } = openStore(file, adjustableClock(T0));
    expect(warnings).toHaveLength(21);
    expect(warnings[19]).toBe(`${file}:20: skipped a line that is not a processing history record: not JSON`);
    expect(warnings[20]).toBe(`${file}: skipped 5 more lines that are not processing history records`);
    expect(store.size()).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('{"v":1,"lastId":0}\n');
  });

  it('skips a second entry with an id already seen, and removes a compaction left unfinished by a kill', () => {
    const file = tempFile();
    const clock = adjustableClock(T0);
    const first = openStore(file, clock).store;
    first.record(makeNewEntry({ arendeidentitet: 'A-1' }), 24);
    const line = readFileSync(file, 'utf8');
    appendFileSync(file, line.replace('A-1', 'A-copy'));
    const stale = join(dirname(file), `.${basename(file)}.4242.tmp`);
    const unrelated = join(dirname(file), 'notes.tmp');
    writeFileSync(stale, line);
    writeFileSync(unrelated, 'keep');
    const { store, warnings } = openStore(file, clock);
    expect(warnings).toEqual([`${file}:2: skipped a second entry with id h-000001`]);
    expect(store.query().map((e) => e.arendeidentitet)).toEqual(['A-1']);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(unrelated)).toBe(true);
  });

  it('drops entries past their retention on reload, and still never reuses their ids', () => {
    const file = tempFile();
    const clock = adjustableClock(T0);
    const first = openStore(file, clock).store;
    first.record(makeNewEntry({ arendeidentitet: 'short' }), 1);
    first.record(makeNewEntry({ arendeidentitet: 'long' }), 24);
    first.record(makeNewEntry({ arendeidentitet: 'last' }), 1);
    clock.advanceHours(2);
    const { store } = openStore(file, clock);
    expect(store.query().map((e) => [e.id, e.arendeidentitet])).toEqual([['h-000002', 'long']]);
    expect(entryLines(file)).toBe(1);
    expect(store.record(makeNewEntry(), 24).id).toBe('h-000004');
  });

  it('keeps the newest maxEntries on reload', () => {
    const file = tempFile();
    const clock = adjustableClock(T0);
    const first = openStore(file, clock).store;
    for (let i = 1; i <= 5; i++) first.record(makeNewEntry({ arendeidentitet: `A-${i}` }), 24);
    const { store } = openStore(file, clock, { maxEntries: 2 });
    expect(store.query().map((e) => e.arendeidentitet)).toEqual(['A-5', 'A-4']);
    expect(entryLines(file)).toBe(2);
  });

  it('compacts under constant expiry: the file stays bounded, and is not rewritten on every record', () => {
    const file = tempFile();
    const clock = adjustableClock(T0);
    const { store } = openStore(file, clock);
    let rewrites = 0;
    let inode = statSync(file).ino;
    let largest = 0;
    // Retention one hour, a record every 36 s: about 100 entries kept at any time.
    for (let i = 0; i < 5000; i++) {
      store.record(makeNewEntry(), 1);
      clock.advanceHours(0.01);
      const ino = statSync(file).ino;
      if (ino !== inode) rewrites += 1;
      inode = ino;
      if (i % 50 === 0) largest = Math.max(largest, entryLines(file) - store.size());
    }
    expect(store.size()).toBeLessThanOrEqual(101);
    expect(largest).toBeLessThanOrEqual(COMPACT_MIN_DEAD);
    expect(entryLines(file)).toBeLessThanOrEqual(store.size() + COMPACT_MIN_DEAD);
    expect(rewrites).toBeGreaterThanOrEqual(3);
    expect(rewrites).toBeLessThanOrEqual(6);
  });

  it('counts entries dropped by maxEntries as deleted, so the file stays bounded', () => {
    const file = tempFile();
    const { store } = openStore(file, adjustableClock(T0), { maxEntries: 10 });
    for (let i = 0; i < 3000; i++) store.record(makeNewEntry(), 24);
    expect(store.size()).toBe(10);
    expect(entryLines(file)).toBeLessThanOrEqual(10 + COMPACT_MIN_DEAD);
    store.close();
    expect(entryLines(file)).toBe(10);
    expect(openStore(file, adjustableClock(T0)).store.query({ limit: 1 })[0]?.id).toBe('h-003000');
  });

  it('clear() empties the file but keeps the last id, so ids are not reused after a restart', () => {
    const file = tempFile();
    const clock = adjustableClock(T0);
    const { store } = openStore(file, clock);
    store.record(makeNewEntry(), 24);
    store.record(makeNewEntry(), 24);
    store.clear();
    expect(lines(file)).toEqual([{ v: 1, lastId: 2 }]);
    const again = openStore(file, clock).store;
    expect(again.size()).toBe(0);
    expect(again.record(makeNewEntry(), 24).id).toBe('h-000003');
  });

  it('prune(hours) deletes from the file too, at the next compaction at the latest (close)', () => {
    const file = tempFile();
    const clock = adjustableClock(T0);
    const { store } = openStore(file, clock);
    store.record(makeNewEntry(), 24);
    clock.advanceHours(3);
    store.record(makeNewEntry(), 24);
    expect(store.prune(2)).toBe(1);
    expect(entryLines(file)).toBe(2);
    store.close();
    expect(entryLines(file)).toBe(1);
  });

  it('close() is idempotent; afterwards reading works and recording throws', () => {
    const file = tempFile();
    const { store } = openStore(file, adjustableClock(T0));
    store.record(makeNewEntry(), 24);
    store.close();
    store.close();
    expect(store.size()).toBe(1);
    expect(() => store.record(makeNewEntry(), 24)).toThrow(`the processing history file ${file} is closed`);
    const memory = createHistoryStore({ clock: adjustableClock(T0) });
    memory.close();
    expect(memory.record(makeNewEntry(), 24).id).toBe('h-000001');
  });

  it('fsync: true records the same way', () => {
    const file = tempFile();
    const { store } = openStore(file, adjustableClock(T0), { fsync: true });
    store.record(makeNewEntry(), 24);
    expect(entryLines(file)).toBe(1);
  });

  it('a path that cannot be opened gives an error naming it', () => {
    const blocker = tempFile('a-file');
    writeFileSync(blocker, 'x');
    const under = join(blocker, 'history.jsonl');
    expect(() => createHistoryStore({ clock: adjustableClock(T0), file: under })).toThrow(`cannot open the processing history file ${under}`);
    const dir = tempFolder();
    expect(() => createHistoryStore({ clock: adjustableClock(T0), file: dir })).toThrow(`processing history file ${dir}: EISDIR`);
  });
});

describe('docs/processing-history.md', () => {
  it('shows the file format exactly as it is written, and a file of that example loads', () => {
    const doc = readFileSync(new URL('../../docs/processing-history.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('### Kept in a file'));
    const example = /```text\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const entry = orderedEntry({ id: 'h-000042', time: '2026-03-02T09:15:00.000Z', ...makeNewEntry() });
    expect(example).toBe(lastIdLine(41) + entryLine(entry, Date.parse('2026-03-03T09:15:00.000Z')));
    const file = tempFile();
    writeFileSync(file, example);
    const { store, warnings } = openStore(file, adjustableClock('2026-03-02T10:00:00.000Z'));
    expect(warnings).toEqual([]);
    expect(store.query()).toEqual([entry]);
    expect(store.record(makeNewEntry(), 24).id).toBe('h-000043');
  });
});
