import { describe, expect, it } from 'vitest';
import { triggerHolds, type TriggerInput } from '../../simulator/behaviour/trigger.ts';
import { windowHolds } from '../../simulator/behaviour/window.ts';
import { createRandom } from '../../simulator/domain/random.ts';
import type { Trigger } from '../../simulator/scenarios/types.ts';

const NOW = new Date('2026-11-27T10:00:00Z');

function input(callNumber: number, overrides: Partial<TriggerInput> = {}): TriggerInput {
  return { callNumber, random: createRandom('seed', 'AF', 'failure', callNumber, 0), now: NOW, timezone: 'Europe/Stockholm', ...overrides };
}

/** Which of calls 1..n the trigger holds for. */
function calls(trigger: Trigger, n: number, overrides: Partial<TriggerInput> = {}): number[] {
  return Array.from({ length: n }, (_, i) => i + 1).filter((c) => triggerHolds(trigger, input(c, overrides)));
}

describe('triggers', () => {
  it('Given no condition, Then it always holds', () => {
    expect(calls({}, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('Given probability 0.3, Then it holds for about 30 % of 4000 calls, the same calls every time', () => {
    const hits = calls({ probability: 0.3 }, 4000);
    expect(Math.abs(hits.length / 4000 - 0.3)).toBeLessThan(0.025);
    expect(calls({ probability: 0.3 }, 4000)).toEqual(hits);
    expect(calls({ probability: 0 }, 200)).toEqual([]);
    expect(calls({ probability: 1 }, 200)).toHaveLength(200);
  });

  it('Given everyNth 3, Then calls 3, 6, 9...', () => {
    expect(calls({ everyNth: 3 }, 10)).toEqual([3, 6, 9]);
  });

  it('Given firstN 2, Then the first two calls, then it recovers', () => {
    expect(calls({ firstN: 2 }, 6)).toEqual([1, 2]);
  });

  it('Given calls [2, 5], Then exactly those calls', () => {
    expect(calls({ calls: [2, 5] }, 8)).toEqual([2, 5]);
  });

  it('Given personas, Then only for those personas', () => {
    expect(triggerHolds({ personas: ['anna'] }, input(1, { personaId: 'anna' }))).toBe(true);
    expect(triggerHolds({ personas: ['anna'] }, input(1, { personaId: 'bo' }))).toBe(false);
    expect(triggerHolds({ personas: ['anna'] }, input(1))).toBe(false);
  });

  it('Given several conditions, Then all must hold', () => {
    expect(calls({ everyNth: 2, firstN: 5 }, 10)).toEqual([2, 4]);
    expect(calls({ everyNth: 2, personas: ['anna'] }, 4, { personaId: 'anna' })).toEqual([2, 4]);
    expect(calls({ everyNth: 2, window: { from: '12:00', to: '13:00' } }, 4)).toEqual([]);
  });
});

describe('time windows', () => {
  const at = (iso: string, w: { from: string; to: string }, tz = 'Europe/Stockholm'): boolean => windowHolds(w, new Date(iso), tz);

  it('Given HH:MM daily in the scenario time zone, Then inside holds and outside does not (to excluded)', () => {
    const w = { from: '10:00', to: '12:00' };
    expect(at('2026-11-27T09:00:00Z', w)).toBe(true); // 10:00 CET
    expect(at('2026-11-27T10:59:00Z', w)).toBe(true); // 11:59 CET
    expect(at('2026-11-27T11:00:00Z', w)).toBe(false); // 12:00 CET
    expect(at('2026-11-27T08:59:00Z', w)).toBe(false); // 09:59 CET
    expect(at('2026-07-01T08:30:00Z', w)).toBe(true); // 10:30 CEST: summer time followed
  });

  it('Given a window across midnight (23:30-00:30), Then both sides of midnight hold', () => {
    const w = { from: '23:30', to: '00:30' };
    expect(at('2026-11-27T22:45:00Z', w)).toBe(true); // 23:45
    expect(at('2026-11-27T23:15:00Z', w)).toBe(true); // 00:15 the next day
    expect(at('2026-11-27T23:30:00Z', w)).toBe(false); // 00:30
    expect(at('2026-11-27T22:00:00Z', w)).toBe(false); // 23:00
    expect(at('2026-11-27T12:00:00Z', w)).toBe(false);
  });

  it('Given another time zone, Then HH:MM is read there', () => {
    const w = { from: '09:00', to: '17:00' };
    expect(at('2026-07-01T14:00:00Z', w, 'America/New_York')).toBe(true); // 10:00 EDT
    expect(at('2026-07-01T12:00:00Z', w, 'America/New_York')).toBe(false); // 08:00 EDT
    expect(at('2026-07-01T12:00:00Z', w, 'Europe/Stockholm')).toBe(true); // 14:00 CEST
  });

  it('Given ISO date-times, Then the instants bound it; without an offset they are wall time in the zone', () => {
    const w = { from: '2026-11-27T09:00:00Z', to: '2026-11-27T11:00:00Z' };
    expect(at('2026-11-27T10:00:00Z', w)).toBe(true);
    expect(at('2026-11-27T11:00:00Z', w)).toBe(false);
    expect(at('2026-11-28T10:00:00Z', w)).toBe(false);
    const local = { from: '2026-11-27T10:00', to: '2026-11-27T12:00' }; // Stockholm: 09:00Z-11:00Z
    expect(at('2026-11-27T09:30:00Z', local)).toBe(true);
    expect(at('2026-11-27T11:30:00Z', local)).toBe(false);
    expect(at('2026-11-27T09:30:00Z', { from: '2026-11-27T10:00:00+01:00', to: '2026-11-27T11:00:00+01:00' })).toBe(true);
  });

  it('Given mixed or equal bounds, Then the window never holds', () => {
    expect(at('2026-11-27T10:00:00Z', { from: '08:00', to: '2026-12-01T00:00:00Z' })).toBe(false);
    expect(at('2026-11-27T10:00:00Z', { from: '11:00', to: '11:00' })).toBe(false);
  });
});
