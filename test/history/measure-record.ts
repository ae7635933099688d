/**
 * Rough cost of HistoryStore.record with and without a file (not a test: timings are only printed).
 *   npx tsx test/history/measure-record.ts [count] [folder]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createHistoryStore, type HistoryStoreOptions } from '../../simulator/history/history-store.ts';
import { adjustableClock, makeNewEntry } from './support.ts';

const count = Number(process.argv[2] ?? 10_000);
const folder = mkdtempSync(join(process.argv[3] ?? tmpdir(), 'ssbtek-history-measure-'));

function measure(label: string, options: Omit<HistoryStoreOptions, 'clock'>, n: number): void {
  const clock = adjustableClock('2026-03-02T09:00:00.000Z');
  const store = createHistoryStore({ clock, ...options });
  const entry = makeNewEntry();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) store.record(entry, 24);
  const ms = performance.now() - t0;
  store.close();
  const size = options.file === undefined ? '' : `, file ${(statSync(options.file).size / 1e6).toFixed(1)} MB`;
  console.log(`${label.padEnd(22)} ${n} records in ${ms.toFixed(0)} ms (${((ms * 1000) / n).toFixed(1)} µs each${size})`);
}

try {
  measure('memory only', {}, count);
  measure('file', { file: join(folder, 'a.jsonl') }, count);
  measure('file + fsync', { file: join(folder, 'b.jsonl'), fsync: true }, Math.min(count, 1000));
  const reload = performance.now();
  const again = createHistoryStore({ clock: adjustableClock('2026-03-02T09:00:00.000Z'), file: join(folder, 'a.jsonl') });
  console.log(`${'reload'.padEnd(22)} ${again.size()} entries in ${(performance.now() - reload).toFixed(0)} ms`);
  again.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
