import { describe, expect, it } from 'vitest';
import { decide } from '../../simulator/behaviour/decide.ts';
import { healthFailure } from '../../simulator/behaviour/health.ts';
import type { RawSourceBehaviour } from '../../simulator/scenarios/normalize.ts';
import type { Failure, FailureMode } from '../../simulator/scenarios/types.ts';
import { makePersona, makeScenario } from '../support/factories.ts';

const NOW = new Date('2026-11-27T10:00:00Z'); // 11:00 in Stockholm
const ANNA = '198507142381';
const OTHER = '198803159824';

function scenarioWith(AF: RawSourceBehaviour, personaAF?: RawSourceBehaviour) {
  return makeScenario({
    sources: { AF },
    personas: [{ ...makePersona({ id: 'anna', personidentitet: ANNA }), ...(personaAF === undefined ? {} : { behaviour: { AF: personaAF } }) }],
  });
}

/** The failure mode (or ok) of calls 1..n for a person. */
function modes(AF: RawSourceBehaviour, n: number, personidentitet = OTHER, liveFault?: Failure): (FailureMode | 'ok')[] {
  const scenario = scenarioWith(AF);
  return Array.from({ length: n }, (_, i) => decide(scenario, 'AF', personidentitet, i + 1, NOW, liveFault).failure?.mode ?? 'ok');
}

describe('decide', () => {
  it('Given no behaviour for the source, Then no delay and no failure', () => {
    expect(decide(makeScenario(), 'CSN', OTHER, 1, NOW)).toEqual({ latencyMs: 0 });
  });

  it('Given a latency model, Then call N draws the same delay whatever else happened (seeded per call)', () => {
    const scenario = scenarioWith({ latency: { model: 'uniform', min: 10, max: 90 } });
    const first = [1, 2, 3, 4].map((n) => decide(scenario, 'AF', OTHER, n, NOW).latencyMs);
    const again = [4, 3, 2, 1].map((n) => decide(scenario, 'AF', ANNA, n, NOW).latencyMs).reverse();
    expect(first).toEqual(again);
    expect(new Set(first).size).toBeGreaterThan(1);
    for (const ms of first) expect(ms).toBeGreaterThanOrEqual(10);
  });

  it('Given several failures, Then the first whose trigger holds applies', () => {
    const AF: RawSourceBehaviour = { failures: [{ mode: 'reset', when: { calls: [2] } }, { mode: 'empty', when: { everyNth: 2 } }] };
    expect(modes(AF, 6)).toEqual(['ok', 'reset', 'ok', 'empty', 'ok', 'empty']);
  });

  it('Given firstN, Then the source fails first and recovers', () => {
    expect(modes({ failure: { mode: 'http-error', status: 502, when: { firstN: 2 } } }, 4)).toEqual(['http-error', 'http-error', 'ok', 'ok']);
  });

  it('Given probability, Then the same calls fail on every run', () => {
    const AF: RawSourceBehaviour = { failure: { mode: 'technical-error', when: { probability: 0.5 } } };
    const run = modes(AF, 40);
    expect(modes(AF, 40)).toEqual(run);
    expect(run.filter((m) => m !== 'ok').length).toBeGreaterThan(10);
    expect(run.filter((m) => m === 'ok').length).toBeGreaterThan(10);
  });

  it('Given a sequence, Then call N does item N, and after the end calls are ok', () => {
    expect(modes({ sequence: ['technical-error', 'ok', { mode: 'http-error', status: 502 }] }, 5)).toEqual(['technical-error', 'ok', 'http-error', 'ok', 'ok']);
    const scenario = scenarioWith({ sequence: [{ mode: 'http-error', status: 502 }] });
    expect(decide(scenario, 'AF', OTHER, 1, NOW).failure).toEqual({ mode: 'http-error', status: 502, when: {} });
  });

  it('Given a sequence with repeat, Then it starts again from the beginning', () => {
    expect(modes({ sequence: ['timeout', 'ok', 'empty'], repeat: true }, 7)).toEqual(['timeout', 'ok', 'empty', 'timeout', 'ok', 'empty', 'timeout']);
  });

  it('Given a persona with its own behaviour for the source, Then it replaces the source\'s for that person only', () => {
    const scenario = scenarioWith({ failure: { mode: 'technical-error' }, latencyMs: 500 }, { latencyMs: 5 });
    expect(decide(scenario, 'AF', ANNA, 1, NOW)).toEqual({ latencyMs: 5 });
    expect(decide(scenario, 'AF', OTHER, 1, NOW)).toMatchObject({ latencyMs: 500, failure: { mode: 'technical-error' } });
    const failing = scenarioWith({}, { failure: { mode: 'reset' } });
    expect(decide(failing, 'AF', ANNA, 1, NOW).failure?.mode).toBe('reset');
    expect(decide(failing, 'AF', OTHER, 1, NOW).failure).toBeUndefined();
  });

  it('Given a failure for some personas, Then only they get it', () => {
    const scenario = scenarioWith({ failure: { mode: 'empty', personas: ['anna'] } });
    expect(decide(scenario, 'AF', ANNA, 1, NOW).failure?.mode).toBe('empty');
    expect(decide(scenario, 'AF', OTHER, 1, NOW).failure).toBeUndefined();
  });

  it('Given a live fault, Then it overrides the scenario\'s failures and sequence (its own trigger honoured)', () => {
    const live: Failure = { mode: 'timeout', when: {} };
    expect(modes({ sequence: ['ok', 'empty'], failure: { mode: 'reset' } }, 2, OTHER, live)).toEqual(['timeout', 'timeout']);
    expect(modes({ failure: { mode: 'reset' } }, 4, OTHER, { mode: 'empty', when: { everyNth: 2 } })).toEqual(['ok', 'empty', 'ok', 'empty']);
  });

  it('Given a time window, Then the failure applies inside it only (scenario time zone)', () => {
    expect(modes({ failure: { mode: 'reset', when: { window: { from: '10:30', to: '11:30' } } } }, 1)).toEqual(['reset']);
    expect(modes({ failure: { mode: 'reset', when: { window: { from: '12:00', to: '13:00' } } } }, 1)).toEqual(['ok']);
  });
});

describe('healthFailure (what the ping reflects)', () => {
  it('reflects failures that hold for every call now, not flaky, counted or per-person ones', () => {
    const health = (AF: RawSourceBehaviour, live?: Failure) => healthFailure(scenarioWith(AF), 'AF', NOW, live)?.mode;
    expect(health({ failure: { mode: 'technical-error' } })).toBe('technical-error');
    expect(health({ failure: { mode: 'timeout', when: { window: { from: '10:30', to: '11:30' } } } })).toBe('timeout');
    expect(health({ failure: { mode: 'timeout', when: { window: { from: '12:00', to: '13:00' } } } })).toBeUndefined();
    expect(health({ failure: { mode: 'reset', when: { probability: 0.9 } } })).toBeUndefined();
    expect(health({ failure: { mode: 'reset', when: { firstN: 3 } } })).toBeUndefined();
    expect(health({ failure: { mode: 'reset', personas: ['anna'] } })).toBeUndefined();
    expect(health({ sequence: ['reset'], repeat: true })).toBeUndefined();
    expect(health({ failures: [{ mode: 'empty', when: { everyNth: 2 } }, { mode: 'http-error' }] })).toBe('http-error');
    expect(health({}, { mode: 'reset', when: {} })).toBe('reset');
    expect(health({ failure: { mode: 'technical-error' } }, { mode: 'reset', when: { probability: 0.5 } })).toBeUndefined();
  });
});
