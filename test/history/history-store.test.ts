import { describe, expect, it } from 'vitest';
import { createHistoryStore } from '../../simulator/history/history-store.ts';
import { adjustableClock, makeNewEntry } from './support.ts';

const T0 = '2026-03-02T09:00:00.000Z';

function storeAt(iso = T0, maxEntries?: number) {
  const clock = adjustableClock(iso);
  const store = createHistoryStore(maxEntries === undefined ? { clock } : { clock, maxEntries });
  return { clock, store };
}

describe('recording in the processing history', () => {
  it('gives each entry a monotonic id and the time on the injected clock', () => {
    const { clock, store } = storeAt();
    const first = store.record(makeNewEntry(), 24);
    clock.advanceHours(1);
    const second = store.record(makeNewEntry({ caseworker: 'HL0002' }), 24);
    expect(first).toEqual({ id: 'h-000001', time: T0, ...makeNewEntry() });
    expect(second.id).toBe('h-000002');
    expect(second.time).toBe('2026-03-02T10:00:00.000Z');
    expect(store.size()).toBe(2);
  });

  it('keeps its own copy: changing the input afterwards does not change the entry, and entries are frozen', () => {
    const { store } = storeAt();
    const input = makeNewEntry();
    const entry = store.record(input, 24);
    input.municipality.namn = 'Annan kommun';
    input.sources.pop();
    expect(store.query()[0]?.municipality.namn).toBe('Exempelkommunen');
    expect(store.query()[0]?.sources).toHaveLength(2);
    expect(
      Object.isFrozen(entry) && Object.isFrozen(entry.sources[0]) && Object.isFrozen(entry.municipality),
    ).toBe(true);
  });

  it('Given many more entries than its bound, Then it keeps exactly the newest maxEntries, in order, and still ages them', () => {
    const { clock, store } = storeAt(T0, 1500);
    for (let i = 0; i < 5000; i++) {
      store.record(makeNewEntry(), i < 4000 ? 1 : 48);
      if (i === 3999) clock.advanceHours(0.5);
    }
    expect(store.size()).toBe(1500);
    const kept = store.query({ limit: 10_000 });
    expect(kept).toHaveLength(1500);
    expect(kept[0]?.id).toBe('h-005000');
    expect(kept[1499]?.id).toBe('h-003501');
    clock.advanceHours(1); // the entries recorded with 1 h retention (ids up to 4000) are past it
    expect(store.size()).toBe(1000);
    expect(store.query({ limit: 10_000 }).at(-1)?.id).toBe('h-004001');
  });

  it('rejects a retention that is not a positive number of hours', () => {
    const { store } = storeAt();
    expect(() => store.record(makeNewEntry(), 0)).toThrow(RangeError);
    expect(() => store.record(makeNewEntry(), Number.NaN)).toThrow(RangeError);
    expect(() => createHistoryStore({ clock: adjustableClock(T0), maxEntries: 0 })).toThrow(RangeError);
  });
});

describe('querying the processing history', () => {
  function seeded() {
    const { clock, store } = storeAt();
    store.record(
      makeNewEntry({ caseworker: 'HL0001', personidentitet: '198507142381', arendeidentitet: 'A-1' }),
      24,
    );
    clock.advanceHours(1);
    store.record(
      makeNewEntry({
        caseworker: 'HL0002',
        personidentitet: '199001012384',
        arendeidentitet: 'A-2',
        municipality: { organisationsnummer: '162120002411', namn: 'Övre Älvdalens kommun' },
      }),
      24,
    );
    clock.advanceHours(1);
    store.record(
      makeNewEntry({ caseworker: 'HL0001', personidentitet: '199001012384', arendeidentitet: 'A-3' }),
      24,
    );
    return { clock, store };
  }
  const ids = (entries: { id: string }[]) => entries.map((e) => e.id);

  it('returns every entry newest first without a filter', () => {
    expect(ids(seeded().store.query())).toEqual(['h-000003', 'h-000002', 'h-000001']);
  });

  it('filters by caseworker, personidentitet and arendeidentitet', () => {
    const { store } = seeded();
    expect(ids(store.query({ caseworker: 'HL0001' }))).toEqual(['h-000003', 'h-000001']);
    expect(ids(store.query({ personidentitet: '199001012384' }))).toEqual(['h-000003', 'h-000002']);
    expect(ids(store.query({ arendeidentitet: 'A-2' }))).toEqual(['h-000002']);
    expect(ids(store.query({ caseworker: 'HL0001', personidentitet: '199001012384' }))).toEqual(['h-000003']);
    expect(store.query({ caseworker: 'HL9999' })).toEqual([]);
  });

  it('filters by municipality: organisationsnummer exactly, or name regardless of case', () => {
    const { store } = seeded();
    expect(ids(store.query({ municipality: '162120002411' }))).toEqual(['h-000002']);
    expect(ids(store.query({ municipality: 'övre älvdalens kommun' }))).toEqual(['h-000002']);
    expect(ids(store.query({ municipality: 'Exempelkommunen' }))).toEqual(['h-000003', 'h-000001']);
    expect(store.query({ municipality: '16212000' })).toEqual([]);
  });

  it('filters by a time range, both ends inclusive', () => {
    const { store } = seeded();
    expect(ids(store.query({ from: '2026-03-02T10:00:00.000Z' }))).toEqual(['h-000003', 'h-000002']);
    expect(ids(store.query({ to: '2026-03-02T10:00:00Z' }))).toEqual(['h-000002', 'h-000001']);
    expect(ids(store.query({ from: '2026-03-02T09:30:00Z', to: '2026-03-02T10:30:00Z' }))).toEqual([
      'h-000002',
    ]);
    expect(ids(store.query({ from: '2026-03-02T11:00:00+01:00', to: '2026-03-02T11:00:00+01:00' }))).toEqual([
      'h-000002',
    ]);
    expect(store.query({ from: '2026-03-03' })).toEqual([]);
  });

  it('pages newest first with offset and limit', () => {
    const { store } = seeded();
    expect(ids(store.query({ limit: 2 }))).toEqual(['h-000003', 'h-000002']);
    expect(ids(store.query({ offset: 2, limit: 2 }))).toEqual(['h-000001']);
    expect(ids(store.query({ caseworker: 'HL0001', offset: 1 }))).toEqual(['h-000001']);
    expect(store.query({ limit: 0 })).toEqual([]);
  });

  it('rejects a filter it cannot read, naming the field', () => {
    const { store } = seeded();
    expect(() => store.query({ from: 'yesterday' })).toThrow(/from "yesterday"/);
    expect(() => store.query({ limit: -1 })).toThrow(/limit/);
    expect(() => store.query({ offset: 1.5 })).toThrow(/offset/);
  });
});

describe('retention of the processing history', () => {
  it('keeps an entry 23 hours old and deletes one 25 hours old at the default 24 hours', () => {
    const { clock, store } = storeAt();
    store.record(makeNewEntry({ arendeidentitet: 'old' }), 24);
    clock.advanceHours(2);
    store.record(makeNewEntry({ arendeidentitet: 'newer' }), 24);
    clock.advanceHours(21);
    expect(store.query().map((e) => e.arendeidentitet)).toEqual(['newer', 'old']);
    clock.advanceHours(2);
    expect(store.query().map((e) => e.arendeidentitet)).toEqual(['newer']);
    expect(store.size()).toBe(1);
  });

  it('keeps an entry exactly as old as the retention, deletes it a millisecond later', () => {
    const { clock, store } = storeAt();
    store.record(makeNewEntry(), 24);
    clock.advanceHours(24);
    expect(store.size()).toBe(1);
    clock.set('2026-03-03T09:00:00.001Z');
    expect(store.size()).toBe(0);
  });

  it('honours a custom retention per entry (a scenario with history.retentionHours)', () => {
    const { clock, store } = storeAt();
    store.record(makeNewEntry({ scenario: 'short' }), 0.5);
    store.record(makeNewEntry({ scenario: 'long' }), 72);
    clock.advanceHours(1);
    expect(store.query().map((e) => e.scenario)).toEqual(['long']);
    clock.advanceHours(70);
    expect(store.size()).toBe(1);
    clock.advanceHours(2);
    expect(store.size()).toBe(0);
  });

  it('prunes on record too, and prune(hours) applies a shorter retention at once', () => {
    const { clock, store } = storeAt();
    store.record(makeNewEntry(), 24);
    clock.advanceHours(25);
    store.record(makeNewEntry(), 24);
    expect(store.query().map((e) => e.id)).toEqual(['h-000002']);
    clock.advanceHours(3);
    expect(store.prune(2)).toBe(1);
    expect(store.size()).toBe(0);
  });

  it('does not delete anything on the wall clock: a fixed clock keeps entries however long the test runs', () => {
    const { store } = storeAt('2000-01-01T00:00:00Z');
    store.record(makeNewEntry(), 1);
    expect(store.size()).toBe(1);
  });
});

describe('bounds of the processing history', () => {
  it('keeps at most maxEntries, deleting the oldest first', () => {
    const { store } = storeAt(T0, 3);
    for (let i = 1; i <= 5; i++) store.record(makeNewEntry({ arendeidentitet: `A-${i}` }), 24);
    expect(store.size()).toBe(3);
    expect(store.query().map((e) => e.arendeidentitet)).toEqual(['A-5', 'A-4', 'A-3']);
  });

  // 100 001 records: seconds on a loaded CI machine, hence the longer timeout.
  it('defaults to 100 000 entries', { timeout: 60_000 }, () => {
    const { store } = storeAt();
    const entry = makeNewEntry();
    for (let i = 0; i < 100_001; i++) store.record(entry, 24);
    expect(store.size()).toBe(100_000);
    expect(store.query({ limit: 1 })[0]?.id).toBe('h-100001');
    expect(store.query({ offset: 99_999 })[0]?.id).toBe('h-000002');
  });

  it('clear() empties the history but never reuses an id', () => {
    const { store } = storeAt();
    store.record(makeNewEntry(), 24);
    store.clear();
    expect(store.size()).toBe(0);
    expect(store.record(makeNewEntry(), 24).id).toBe('h-000002');
  });
});

describe('entries as kept', () => {
  it('gives back what was recorded, value for value and key for key, from records made in any order of keys', () => {
    const { store } = storeAt();
    const recorded = [
      store.record(makeNewEntry(), 24),
      store.record({ ...makeNewEntry({ caseworker: 'HL0002', korrelationsid: 'k-1' }), result: 'refused', felkod: 'SSBT-021', sources: [] }, 24),
      store.record(makeNewEntry({ personidentitet: '199001012389' }), 24),
    ];
    const back = store.query().reverse();
    expect(back).toEqual(recorded);
    back.forEach((entry, i) => expect(JSON.stringify(entry)).toBe(JSON.stringify(recorded[i])));
    expect(back.every((e) => Object.isFrozen(e) && Object.isFrozen(e.sources) && Object.isFrozen(e.municipality))).toBe(true);
  });
});
