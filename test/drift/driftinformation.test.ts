import { describe, expect, it } from 'vitest';
import { driftinformation } from '../../simulator/drift/driftinformation.ts';
import { makeScenario } from '../support/factories.ts';

const scenario = makeScenario({
  composite: {
    timeoutMs: 2000,
    maintenance: [
      { from: '2026-11-27T06:00:00Z', to: '2026-11-27T07:00:00Z', message: 'Uppgradering' },
      { from: '2026-11-28T06:00:00Z', to: '2026-11-28T07:00:00Z' },
      { from: '2026-11-20T06:00:00Z', to: '2026-11-20T07:00:00Z' },
    ],
  },
  sources: {
    AF: { failure: { mode: 'timeout', when: { window: { from: '08:00', to: '08:30' } } } },
    SO: { failure: { mode: 'technical-error', when: { window: { from: '2026-11-27T05:00:00Z', to: '2026-11-27T09:00:00Z' } } } },
    CSN: { failure: { mode: 'invalid-payload', when: { window: { from: '08:00', to: '08:30' } } } },
  },
  driftinformation: [
    { id: 'n1', kind: 'planned', title: 'Ny version av LEFI', from: '2026-12-01T00:00:00Z', sources: ['FK'] },
    { id: 'n0', kind: 'resolved', title: 'Gammal störning', from: '2026-11-01T00:00:00Z', to: '2026-11-02T00:00:00Z' },
  ],
});

describe('driftinformation', () => {
  it('lists maintenance in force and planned, source outage windows, and the scenario\'s notices that have not ended', () => {
    const notices = driftinformation(scenario, new Date('2026-11-27T06:30:00Z'));
    expect(notices.map((n) => [n.id, n.kind])).toEqual([
      ['SO-window-1', 'acute'],
      ['maintenance-1', 'acute'],
      ['AF-daily-1', 'planned'],
      ['maintenance-2', 'planned'],
      ['n1', 'planned'],
    ]);
    expect(notices.find((n) => n.id === 'AF-daily-1')?.text).toBe('Dagligen 08:00–08:30 (Europe/Stockholm).');
  });

  it('adds an acute notice for an outage set live on a source', () => {
    const notices = driftinformation(scenario, new Date('2026-11-29T00:00:00Z'), { TNS: { mode: 'timeout', when: {} } });
    expect(notices.filter((n) => n.kind === 'acute').map((n) => n.id)).toEqual(['live-TNS']);
  });
});
