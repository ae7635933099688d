import type { BaseServiceRequest } from '../../simulator/base-services/types.ts';
import { scenarioFromObject } from '../../simulator/scenarios/load.ts';
import type { RawScenario } from '../../simulator/scenarios/normalize.ts';
import type { Persona, Scenario } from '../../simulator/scenarios/types.ts';

/** A persona as a test writes it: any field but per-source behaviour (which scenarios give in YAML form). */
type TestPersona = Omit<Persona, 'behaviour'>;

/** A valid scenario from its YAML shape (validated and normalised like a file); override any part. */
export function makeScenario(overrides: Partial<RawScenario> = {}): Scenario {
  return scenarioFromObject({ schemaVersion: 1, name: 'test', seed: 'test-seed', composite: { timeoutMs: 2000 }, ...overrides });
}

/** A persona with a valid personidentitet; override any part. */
export function makePersona(overrides: Partial<TestPersona> = {}): TestPersona {
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
