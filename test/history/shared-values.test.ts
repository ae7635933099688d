import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../simulator/history/history-entry.ts';
import { createSharedValues } from '../../simulator/history/shared-values.ts';

const entry = (id: string, endedMs: number, felkod?: string): HistoryEntry => ({
  id,
  time: '2026-11-28T09:00:00.000Z',
  scenario: 'default',
  municipality: { organisationsnummer: '162120000142', namn: 'Exempelkommunen' },
  caseworker: 'HL0001',
  personidentitet: '198803159824',
  arendeidentitet: 'ARENDE-1',
  syfte: 'Utredning',
  lagtext: '4 kap. 1 § SoL',
  korrelationsid: `k-${id}`,
  sources: [
    { code: 'AF', outcome: 'data', startedMs: 0, endedMs },
    felkod === undefined ? { code: 'CSN', outcome: 'data', startedMs: 0, endedMs: 3 } : { code: 'CSN', outcome: 'error', kalla: 'SSBT', felkod, startedMs: 0, endedMs: 3 },
  ],
  result: 'answered',
  durationMs: 4,
  via: 'SOAP',
});

describe('history entries share what repeats', () => {
  it('keeps every value as given', () => {
    const shared = createSharedValues();
    for (const e of [entry('h-1', 2), entry('h-2', 5, 'SSBT-101'), entry('h-3', 2)]) expect(shared.share(structuredClone(e))).toEqual(e);
  });

  it('shares one frozen municipality, and one frozen source outcome per code, outcome, error and timings', () => {
    const shared = createSharedValues();
    const a = shared.share(entry('h-1', 2));
    const b = shared.share(entry('h-2', 2));
    const c = shared.share(entry('h-3', 9, 'SSBT-101'));
    expect(b.municipality).toBe(a.municipality);
    expect(Object.isFrozen(a.municipality)).toBe(true);
    expect(b.sources[0]).toBe(a.sources[0]);
    expect(b.sources[1]).toBe(a.sources[1]);
    expect(Object.isFrozen(a.sources[0])).toBe(true);
    expect(c.sources[0]).not.toBe(a.sources[0]); // other timings
    expect(c.sources[1]).not.toBe(a.sources[1]); // an error, not data
    expect(c.sources[1]).toEqual({ code: 'CSN', outcome: 'error', kalla: 'SSBT', felkod: 'SSBT-101', startedMs: 0, endedMs: 3 });
  });

  it('shares one frozen list of source outcomes per sequence of shared outcomes', () => {
    const shared = createSharedValues();
    const a = shared.share(entry('h-1', 2));
    const b = shared.share(entry('h-2', 2));
    const c = shared.share(entry('h-3', 2, 'SSBT-101'));
    expect(b.sources).toBe(a.sources);
    expect(Object.isFrozen(a.sources)).toBe(true);
    expect(c.sources).not.toBe(a.sources);
    expect(c.sources[0]).toBe(a.sources[0]);
    expect(shared.share(entry('h-4', 2, 'SSBT-101')).sources).toBe(c.sources);
  });

  it('starts its tables over past their bound, values unchanged', () => {
    const shared = createSharedValues(4);
    const out = Array.from({ length: 12 }, (_, i) => shared.share(entry(`h-${i}`, i)));
    out.forEach((e, i) => expect(e).toEqual(entry(`h-${i}`, i)));
  });
});
