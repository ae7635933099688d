import { describe, expect, it } from 'vitest';
import { clearAnswerCaches, personFor, sourceDocument, sourcePayload } from '../../simulator/base-services/answer.ts';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import { LruCache, deepFreeze } from '../../simulator/domain/lru.ts';
import { SOURCE_CODES } from '../../simulator/domain/sources.ts';
import type { Scenario } from '../../simulator/scenarios/types.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';
import { lefiJson } from '../support/lefi.ts';

const PNR = '197911029911';
const unemployed = makePersona({
  id: 'unemployed',
  personidentitet: PNR,
  situation: { knownToSources: true, unemployed: true, akassa: 'IF Metalls a-kassa', children: 2, vehicles: 1, residencePermit: true, yearlyIncome: 98_000 },
});
const scenario = makeScenario({ seed: 'cache-seed', personas: [unemployed] });
const DAY_1 = new Date('2026-11-27T10:00:00Z');
const DAY_2 = new Date('2026-12-28T10:00:00Z');

/** The same scenario, not frozen: its answers are computed afresh on every call (the uncached path). */
function uncached(s: Scenario): Scenario {
  return structuredClone(s);
}

function fkPart(pnr: string): { version: string; aktorsid: string; lefiJsonFraga: unknown } {
  return { version: 'v9', aktorsid: '1000001', lefiJsonFraga: lefiJson(pnr, '2026-01-01', '2026-12-31') };
}

const request = makeBaseRequest({ personidentitet: PNR, tidsperiod: { fromDatum: '2026-01-01', tomDatum: '2026-12-31' } });

describe('the answer caches (person and payload per scenario, request and day)', () => {
  it('Given a loaded (frozen) scenario, Then a repeated call gives the same frozen payload, equal to an uncached computation', () => {
    clearAnswerCaches();
    expect(Object.isFrozen(scenario)).toBe(true);
    for (const code of SOURCE_CODES) {
      const fk = code === 'FK' ? fkPart(PNR) : undefined;
      const first = sourcePayload(SOURCES[code], scenario, request, DAY_1, fk);
      const again = sourcePayload(SOURCES[code], scenario, structuredClone(request), DAY_1, fk === undefined ? undefined : structuredClone(fk));
      expect(again).toBe(first);
      expect(Object.isFrozen(first)).toBe(true);
      expect(first).toEqual(sourcePayload(SOURCES[code], uncached(scenario), request, DAY_1, fk));
      expect(sourceDocument(SOURCES[code], first)).toBe(SOURCES[code].toDocument(first));
      expect(sourceDocument(SOURCES[code], first)).toBe(sourceDocument(SOURCES[code], again));
    }
  });

  it('Given another day, Then the payload and the person are those of that day (nothing carried over)', () => {
    for (const code of SOURCE_CODES) {
      const fk = code === 'FK' ? fkPart(PNR) : undefined;
      sourcePayload(SOURCES[code], scenario, request, DAY_1, fk);
      const later = sourcePayload(SOURCES[code], scenario, request, DAY_2, fk);
      expect(later).toEqual(sourcePayload(SOURCES[code], uncached(scenario), request, DAY_2, fk));
    }
    const fk = fkPart(PNR);
    expect(sourcePayload(SOURCES.FK, scenario, request, DAY_2, fk)).not.toEqual(sourcePayload(SOURCES.FK, scenario, request, DAY_1, fk));
    expect(personFor(scenario, PNR, '2027-06-01')).toEqual(personFor(uncached(scenario), PNR, '2027-06-01'));
  });

  it('Given another request (period, LEFI query), Then the payload is that request\'s', () => {
    const other = makeBaseRequest({ personidentitet: PNR, tidsperiod: { fromDatum: '2025-07-01', tomDatum: '2025-12-31' } });
    for (const code of SOURCE_CODES) {
      const fk = code === 'FK' ? fkPart(PNR) : undefined;
      expect(sourcePayload(SOURCES[code], scenario, other, DAY_1, fk)).toEqual(sourcePayload(SOURCES[code], uncached(scenario), other, DAY_1, fk));
    }
    const narrow = { version: 'v9', aktorsid: '1000001', lefiJsonFraga: { ...lefiJson(PNR, '2026-01-01', '2026-12-31'), formansinformation: ['FK:BB'] } };
    expect(sourcePayload(SOURCES.FK, scenario, request, DAY_1, narrow)).toEqual(sourcePayload(SOURCES.FK, uncached(scenario), request, DAY_1, narrow));
    expect(sourcePayload(SOURCES.FK, scenario, request, DAY_1, narrow)).not.toEqual(sourcePayload(SOURCES.FK, scenario, request, DAY_1, fkPart(PNR)));
  });

  it('Given the scenario loaded again with another seed or persona (same name), Then no answer of the old one is reused', () => {
    const reseeded = makeScenario({ seed: 'another-seed', personas: [unemployed] });
    const renamed = makeScenario({ seed: 'cache-seed', personas: [{ ...unemployed, fornamn: 'Kalle', efternamn: 'Anka' }] });
    const before = sourcePayload(SOURCES.SKV, scenario, request, DAY_1);
    const afterSeed = sourcePayload(SOURCES.SKV, reseeded, request, DAY_1);
    expect(afterSeed).toEqual(sourcePayload(SOURCES.SKV, uncached(reseeded), request, DAY_1));
    expect(afterSeed).not.toEqual(before);
    expect(personFor(renamed, PNR, '2026-11-27')).toMatchObject({ fornamn: 'Kalle', efternamn: 'Anka' });
    expect(JSON.stringify(sourcePayload(SOURCES.SKV, renamed, request, DAY_1))).toContain('Kalle');
  });

  it('Given a cached person or payload, Then it cannot be changed (frozen); the uncached path gives fresh objects', () => {
    const person = personFor(scenario, PNR, '2026-11-27');
    expect(Object.isFrozen(person.situation)).toBe(true);
    expect(() => {
      (person.situation as { unemployed: boolean }).unemployed = false;
    }).toThrow(TypeError);
    const payload = sourcePayload(SOURCES.SO, scenario, request, DAY_1) as { ArbetsloshetsersattningLista: object };
    expect(Object.isFrozen(payload.ArbetsloshetsersattningLista)).toBe(true);
    const fresh = sourcePayload(SOURCES.SO, uncached(scenario), request, DAY_1);
    expect(Object.isFrozen(fresh)).toBe(false);
    expect(sourcePayload(SOURCES.SO, uncached(scenario), request, DAY_1)).not.toBe(fresh);
  });
});

describe('LruCache', () => {
  it('Given more entries than it holds, Then it forgets the least recently used', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
    expect(cache.getOrCreate('d', () => 4)).toBe(4);
    expect(cache.getOrCreate('d', () => 5)).toBe(4);
    expect(() => new LruCache(0)).toThrow();
  });

  it('Given a key used since max/2 other keys were stored, Then it is kept, whether or not its hit moved it', () => {
    const cache = new LruCache<number, number>(8);
    for (let k = 0; k < 8; k++) cache.set(k, k);
    // 0 is the oldest: a hit now moves it to the newest end.
    expect(cache.get(0)).toBe(0);
    for (let k = 8; k < 12; k++) cache.set(k, k); // 1, 2, 3, 4 go
    expect([1, 2, 3, 4].map((k) => cache.get(k))).toEqual([undefined, undefined, undefined, undefined]);
    expect(cache.get(0)).toBe(0);
    // 11 was stored last: its hit does not move it, and it outlives the next three stores.
    expect(cache.get(11)).toBe(11);
    for (let k = 12; k < 15; k++) cache.set(k, k);
    expect(cache.get(11)).toBe(11);
    expect(cache.size).toBe(8);
  });

  it('Given a working set as large as the cache that only hits, Then nothing is ever forgotten', () => {
    const cache = new LruCache<string, number>(24);
    for (let k = 0; k < 24; k++) cache.set(`k${k}`, k);
    let made = 0;
    for (let round = 0; round < 50; round++) for (let k = 0; k < 24; k++) cache.getOrCreate(`k${k}`, () => (made += 1));
    expect(made).toBe(0);
  });

  it('deepFreeze freezes everything reachable', () => {
    const value = deepFreeze({ a: [{ b: 1 }], c: { d: { e: 'x' } } });
    expect(Object.isFrozen(value.a[0])).toBe(true);
    expect(Object.isFrozen(value.c.d)).toBe(true);
  });
});
