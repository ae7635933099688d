import type { SourceCode } from '../domain/sources.ts';

export interface Tidsperiod {
  fromDatum: string;
  tomDatum: string;
}

/** Canonical JSON of the composite query (contracts/composite/query.schema.json). */
export interface Query {
  generellaFrageparametrar: {
    frageTidpunkt?: string;
    korrelationsid?: string;
    fraganSkallInkluderasISvaret: boolean;
    ingivare: { organisationsnummer: string; namn: string; handlaggare: string };
    personidentitet: string;
    arendeidentitet: string;
    tidsperiod: Tidsperiod;
    personuppgiftsbitrade?: { ordningsnummer?: number; organisationsnummer: string; namn: string }[];
    syfte: string;
    lagtext: string;
  };
  specifikaFrageparametrar: {
    AF: { inkludera: boolean; tidsperiod?: Tidsperiod };
    CSN: { inkludera: boolean; tidsperiod?: Tidsperiod };
    FK: { inkludera: boolean; fraga?: { version?: string; aktorsid: string; lefiJsonFraga: string | Record<string, unknown> } };
    SKV: { inkludera: boolean };
    SO: { inkludera: boolean; tidsperiod?: Tidsperiod };
    TNS: { inkludera: boolean; tidsperiod?: Tidsperiod };
    MIV: { inkludera: boolean };
  };
}

/** One source to ask: with the period it gets (its own when the query set one). */
export interface PlannedSource {
  code: SourceCode;
  tidsperiod: Tidsperiod;
}

/** A query that passed every check, ready to fan out. */
export interface CheckedQuery {
  query: Query;
  sources: PlannedSource[];
  /** FK's LEFI query, decoded, when FK is included. */
  fk?: { version?: string; aktorsid: string; lefiJsonFraga: unknown };
}
