import { describe, expect, it } from 'vitest';
import type { Clock } from '../../simulator/domain/clock.ts';
import { createScenarioStore, replaceFromFile } from '../../simulator/scenarios/store.ts';
import { makeScenario } from '../support/factories.ts';

/** A clock the test moves by hand. */
function manualClock(iso: string): Clock & { set(iso: string): void } {
  let t = new Date(iso);
  return { now: () => t, set: (next) => void (t = new Date(next)) };
}

const alpha = makeScenario({ name: 'alpha', description: 'the first' });
const beta = makeScenario({ name: 'beta', personas: [{ id: 'p1', personidentitet: '198507142381', description: 'one' }] });

describe('the scenario store', () => {
  it('lists every scenario sorted by name, with the active one marked', () => {
    const store = createScenarioStore({ clock: manualClock('2026-01-01T00:00:00Z'), initial: [beta, alpha], active: 'beta' });
    expect(store.current()).toBe(beta);
    expect(store.activeName()).toBe('beta');
    expect(store.list()).toEqual([
      { name: 'alpha', description: 'the first', origin: '<inline>', active: false, loadedAt: '2026-01-01T00:00:00.000Z', personas: 0 },
      { name: 'beta', origin: '<inline>', active: true, loadedAt: '2026-01-01T00:00:00.000Z', personas: 1 },
    ]);
  });

  it('refuses an active name that is not loaded (a bug in the caller)', () => {
    expect(() => createScenarioStore({ clock: manualClock('2026-01-01T00:00:00Z'), initial: [alpha], active: 'beta' })).toThrow(/"beta" is not among/);
  });

  it('add replaces one of the same name, records loadedAt now and keeps the active selection', () => {
    const clock = manualClock('2026-01-01T00:00:00Z');
    const store = createScenarioStore({ clock, initial: [alpha, beta], active: 'alpha' });
    clock.set('2026-01-01T01:00:00Z');
    const alpha2 = makeScenario({ name: 'alpha', description: 'second version' });
    expect(store.add(alpha2)).toEqual({ name: 'alpha', description: 'second version', origin: '<inline>', active: true, loadedAt: '2026-01-01T01:00:00.000Z', personas: 0 });
    expect(store.current()).toBe(alpha2);
    expect(store.loadedAt('alpha')).toEqual(new Date('2026-01-01T01:00:00Z'));
    expect(store.loadedAt('beta')).toEqual(new Date('2026-01-01T00:00:00Z'));
    store.add(makeScenario({ name: 'gamma' }));
    expect(store.activeName()).toBe('alpha');
    expect(store.list().map((e) => e.name)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('activate and remove answer refusals as values', () => {
    const store = createScenarioStore({ clock: manualClock('2026-01-01T00:00:00Z'), initial: [alpha, beta], active: 'alpha' });
    expect(store.activate('nope')).toEqual({ ok: false, reason: 'unknown', detail: 'no scenario named "nope" is loaded (loaded: alpha, beta)' });
    expect(store.remove('alpha')).toEqual({ ok: false, reason: 'active', detail: '"alpha" is the active scenario; activate another one before removing it' });
    expect(store.activate('beta')).toEqual({ ok: true });
    expect(store.remove('alpha')).toEqual({ ok: true });
    expect(store.get('alpha')).toBeUndefined();
    expect(store.remove('alpha')).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('keeps the last failed reload of a file, found by file or by the name of its scenario, until it loads again', () => {
    const fromFile = makeScenario({ name: 'filed' });
    const filed = { ...fromFile, origin: '/tmp/filed.yaml' };
    const store = createScenarioStore({ clock: manualClock('2026-01-01T00:00:00Z'), initial: [alpha, filed], active: 'alpha' });
    const problems = [{ file: '/tmp/filed.yaml', line: 3, column: 7, path: 'seed', message: 'must be string' }];
    store.recordError('/tmp/filed.yaml', problems);
    expect(store.lastError('filed')).toEqual(problems);
    expect(store.lastError('/tmp/filed.yaml')).toEqual(problems);
    expect(store.list().find((e) => e.name === 'filed')?.lastError).toEqual(problems);
    expect(store.errors()).toEqual([{ origin: '/tmp/filed.yaml', problems }]);
    store.add(filed);
    expect(store.lastError('filed')).toBeUndefined();
    expect(store.errors()).toEqual([]);
  });

  it('replaceFromFile: when the file renames its scenario, the old name goes and the selection follows', () => {
    const one = { ...makeScenario({ name: 'one' }), origin: '/tmp/x.yaml' };
    const store = createScenarioStore({ clock: manualClock('2026-01-01T00:00:00Z'), initial: [one, alpha], active: 'one' });
    replaceFromFile(store, 'one', { ...makeScenario({ name: 'two' }), origin: '/tmp/x.yaml' });
    expect(store.list().map((e) => [e.name, e.active])).toEqual([
      ['alpha', false],
      ['two', true],
    ]);
  });
});
