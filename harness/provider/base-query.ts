import { FK_GROUPS, OVRIG_TYPES, PM_GROUPS } from '../../simulator/base-services/fk/codes.ts';
import type { Mapping } from '../core/types.ts';

/**
 * LEFI v9's own query (FK's lefiJsonFraga, decoded) for a person and period: every benefit group,
 * claims, decisions and payments, and the general person information (FK:GEPI, where LEFI marks a
 * protected identity).
 */
export function lefiQuery(
  personidentitet: string,
  tidsperiod: Mapping['tidsperiod'],
): Record<string, unknown> {
  return {
    personnummer: personidentitet,
    period: { from: tidsperiod.fromDatum, tom: tidsperiod.tomDatum },
    formansinformation: [...FK_GROUPS],
    ansprak: [...PM_GROUPS],
    beslut: [...PM_GROUPS],
    utbetalningar: [...FK_GROUPS, ...PM_GROUPS],
    ovrigInformation: [...OVRIG_TYPES],
  };
}

/**
 * The base query of every provider case, in canonical JSON (contracts/composite/query.schema.json):
 * the mapping's ingivare, period, syfte and lagtext, the person asked about, all seven sources
 * included, FK asking LEFI for everything with the mapping's aktorsid. No korrelationsid, no
 * frageTidpunkt and no echo asked: cases add what they check.
 */
export function baseQuery(
  mapping: Mapping,
  personidentitet: string,
  arendeidentitet: string,
): Record<string, unknown> {
  return {
    generellaFrageparametrar: {
      fraganSkallInkluderasISvaret: false,
      ingivare: { ...mapping.ingivare },
      personidentitet,
      arendeidentitet,
      tidsperiod: { ...mapping.tidsperiod },
      syfte: mapping.syfte,
      lagtext: mapping.lagtext,
    },
    specifikaFrageparametrar: {
      AF: { inkludera: true },
      CSN: { inkludera: true },
      FK: {
        inkludera: true,
        fraga: {
          version: 'v9',
          aktorsid: mapping.aktorsid,
          lefiJsonFraga: lefiQuery(personidentitet, mapping.tidsperiod),
        },
      },
      SKV: { inkludera: true },
      SO: { inkludera: true },
      TNS: { inkludera: true },
      MIV: { inkludera: true },
    },
  };
}

/** The arendeidentitet the harness sends for a case (under CSN's limit of 32 characters). */
export function harnessArendeidentitet(caseId: string): string {
  return `HARNESS-${caseId}`.slice(0, 31);
}
