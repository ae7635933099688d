import { FK_GROUPS, OVRIG_TYPES, PM_GROUPS } from '../../simulator/base-services/fk/codes.ts';
import type { Query } from '../../simulator/composite/query-types.ts';
import { deepMerge } from '../../simulator/domain/merge.ts';
import { makeQuery } from './queries.ts';

/** A LEFI v9 query as a municipality sends it: every group, payments and other information, for a period. */
export function lefiJson(personidentitet: string, from = '2026-01-01', tom = '2026-06-30'): Record<string, unknown> {
  return {
    personnummer: personidentitet,
    period: { from, tom },
    formansinformation: [...FK_GROUPS],
    ansprak: [...PM_GROUPS],
    beslut: [...PM_GROUPS],
    utbetalningar: [...FK_GROUPS, ...PM_GROUPS],
    ovrigInformation: [...OVRIG_TYPES],
  };
}

/** The same, base64-encoded as lefiJsonFraga carries it. */
export function lefiQuery(personidentitet: string, from?: string, tom?: string): string {
  return Buffer.from(JSON.stringify(lefiJson(personidentitet, from, tom))).toString('base64');
}

/** A composite query asking all seven sources (FK for aktorsid 1000001, every LEFI group); deep-merge overrides. */
export function fullQuery(personidentitet: string, overrides: Record<string, unknown> = {}): Query {
  const base = makeQuery(personidentitet, {
    specifikaFrageparametrar: { FK: { inkludera: true, fraga: { version: 'v9', aktorsid: '1000001', lefiJsonFraga: lefiQuery(personidentitet) } } },
  });
  return deepMerge(base, overrides) as Query;
}
