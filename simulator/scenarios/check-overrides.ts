import { sourcePayload } from '../base-services/answer.ts';
import { SOURCES } from '../base-services/registry.ts';
import type { BaseServiceRequest } from '../base-services/types.ts';
import { contracts } from '../contracts/registry.ts';
import { SOURCE_CODES } from '../domain/sources.ts';
import type { Scenario } from './types.ts';

/** The sample query persona overrides are checked with (any period works: overrides fix structure). */
const SAMPLE_NOW = new Date('2026-07-01T12:00:00Z');

function sampleRequest(personidentitet: string): BaseServiceRequest {
  return {
    personidentitet,
    tidsperiod: { fromDatum: '2026-01-01', tomDatum: '2026-06-30' },
    ingivare: { organisationsnummer: '162120000142', namn: 'Scenariokontroll', handlaggare: 'kontroll' },
    arendeidentitet: 'KONTROLL-1',
    syfte: 'Kontroll av scenario',
    lagtext: '4 kap. 1 § socialtjänstlagen',
  };
}

/**
 * Checks that each persona's source overrides, merged over what the source generates, still make a
 * payload valid by that source's contract, so a typo in a scenario is reported at load and not as a
 * kalla=BT error at query time. Returns each problem as a JSON pointer and message.
 */
export function checkPersonaOverrides(scenario: Scenario): { pointer: string; message: string }[] {
  const problems: { pointer: string; message: string }[] = [];
  scenario.personas.forEach((persona, i) => {
    for (const code of SOURCE_CODES) {
      const override = persona.sources?.[code];
      if (override === undefined || override === 'nodata') continue;
      const source = SOURCES[code];
      // Without a LEFI query FK answers every list, so every FK override is exercised.
      const payload = sourcePayload(source, scenario, sampleRequest(persona.personidentitet), SAMPLE_NOW);
      for (const p of contracts().check(source.schemaPath, payload).slice(0, 5)) {
        const inner = p.path === '/' ? '' : p.path;
        problems.push({ pointer: `/personas/${i}/sources/${code}${inner}`, message: `${p.message} (by contracts/${source.schemaPath})` });
      }
    }
  });
  return problems;
}
