/**
 * Memory per kept processing-history entry: records N entries as a load run makes them (13 people, one
 * caseworker and case each, seven sources with timings, a korrelationsid each) and reports the heap they
 * hold after a full collection. Needs --expose-gc:
 *
 *   node --expose-gc --import tsx test/bench/history-memory.ts [--entries 20000] [--root DIR]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { entries: { type: 'string' }, root: { type: 'string' } } });
const root = resolve(values.root ?? resolve(import.meta.dirname, '../..'));
const n = Number(values.entries ?? 20_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

interface Store {
  record(entry: unknown, retentionHours: number): unknown;
  size(): number;
}
const { createHistoryStore } = (await import(pathToFileURL(resolve(root, 'simulator/history/history-store.ts')).href)) as {
  createHistoryStore: (o: { clock: { now(): Date } }) => Store;
};

const people = Array.from({ length: 13 }, (_, i) => `19880315${String(1000 + i)}`);
const codes = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'];
let t = Date.parse('2026-11-28T09:00:00Z');
const store = createHistoryStore({ clock: { now: () => new Date(t) } });
/** A value as a request gives it: a fresh string each time (a slice of the request text, in the simulator). */
const fresh = (s: string): string => ` ${s}`.slice(1);
const input = (i: number): unknown => ({
  scenario: fresh('default'),
  municipality: { organisationsnummer: fresh('162120000142'), namn: fresh('Exempelkommunen') },
  caseworker: fresh('HL0001'),
  personidentitet: fresh(people[i % people.length] ?? ''),
  arendeidentitet: fresh(`ARENDE-2026-${String(i % people.length).padStart(4, '0')}`),
  syfte: fresh('Utredning av rätt till ekonomiskt bistånd'),
  lagtext: fresh('4 kap. 1 § socialtjänstlagen (2025:400)'),
  korrelationsid: `bench-${i}-${(i * 2654435761) % 1e9}`,
  sources: codes.map((code, k) => ({ code: fresh(code), outcome: fresh('data'), startedMs: k, endedMs: 5 + k + (i % 7) })),
  result: fresh('answered'),
  durationMs: 12 + (i % 5),
  via: fresh('SOAP'),
});

gc();
const before = process.memoryUsage().heapUsed;
for (let i = 0; i < n; i++) {
  t += 10;
  store.record(input(i), 24);
}
gc();
const after = process.memoryUsage().heapUsed;
process.stdout.write(
  `${root}: ${store.size()} entries hold ${((after - before) / 1048576).toFixed(1)} MB of heap, ${((after - before) / n).toFixed(0)} bytes per entry\n`,
);
