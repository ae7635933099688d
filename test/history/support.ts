import type { Clock } from '../../simulator/domain/clock.ts';
import type { NewHistoryEntry } from '../../simulator/history/history-entry.ts';

/** A clock a test moves by hand. */
export interface AdjustableClock extends Clock {
  set(iso: string): void;
  advanceHours(hours: number): void;
}

export function adjustableClock(iso: string): AdjustableClock {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (next) => {
      t = new Date(next).getTime();
    },
    advanceHours: (hours) => {
      t += hours * 3_600_000;
    },
  };
}

/** An answered query's history entry (before the store adds id and time); override any part. */
export function makeNewEntry(overrides: Partial<NewHistoryEntry> = {}): NewHistoryEntry {
  return {
    scenario: 'default',
    municipality: { organisationsnummer: '162120000142', namn: 'Exempelkommunen' },
    caseworker: 'HL0001',
    personidentitet: '198507142381',
    arendeidentitet: 'ARENDE-2026-0001',
    syfte: 'Utredning av rätt till ekonomiskt bistånd',
    lagtext: '4 kap. 1 § socialtjänstlagen (2025:400)',
    sources: [
      { code: 'AF', outcome: 'data', startedMs: 1, endedMs: 40 },
      { code: 'CSN', outcome: 'error', kalla: 'SSBT', felkod: 'SSBT-101', startedMs: 1, endedMs: 2001 },
    ],
    result: 'answered',
    durationMs: 2003,
    via: 'SOAP',
    ...overrides,
  };
}
