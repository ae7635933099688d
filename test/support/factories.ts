import type { BaseServiceRequest } from '../../simulator/base-services/types.ts';
import type { Persona, Scenario } from '../../simulator/scenarios/types.ts';

/** A small valid scenario; override any part. */
export function makeScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    schemaVersion: 1,
    name: 'test',
    seed: 'test-seed',
    composite: { timeoutMs: 2000 },
    sources: {},
    personas: [],
    municipalities: [],
    origin: '<inline>',
    ...overrides,
  };
}

/** A persona with a valid personidentitet; override any part. */
export function makePersona(overrides: Partial<Persona> = {}): Persona {
  return { id: 'p1', personidentitet: '198507142381', description: 'test persona', ...overrides };
}

/** A base-service request for a person and period; override any part. */
export function makeBaseRequest(overrides: Partial<BaseServiceRequest> = {}): BaseServiceRequest {
  return {
    personidentitet: '198507142381',
    tidsperiod: { fromDatum: '2026-01-01', tomDatum: '2026-06-30' },
    ingivare: { organisationsnummer: '162120000142', namn: 'Exempelkommunen', handlaggare: 'HL0001' },
    arendeidentitet: 'ARENDE-2026-0001',
    syfte: 'Utredning av rätt till ekonomiskt bistånd',
    lagtext: '4 kap. 1 § socialtjänstlagen (2025:400)',
    ...overrides,
  };
}
