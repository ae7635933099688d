import { addMonths } from '../../domain/dates.ts';
import {
  ALL_GROUPS,
  FK_GROUPS,
  OVRIG_TYPES,
  PM_GROUPS,
  isFkGroup,
  isOvrigType,
  isPmGroup,
  type FkGroup,
  type Group,
  type OvrigType,
  type PmGroup,
} from './codes.ts';

/** LEFI's query (contracts/base-services/fk-request.schema.json). */
export interface LefiQuery {
  personnummer: string;
  period: { from: string; tom: string };
  formansinformation?: FkGroup[];
  ansprak?: PmGroup[];
  beslut?: PmGroup[];
  preliminaraUtbetalningar?: Group[];
  utbetalningar?: Group[];
  ovrigInformation?: OvrigType[];
}

/** What a LEFI query asks for, list by list (codes the simulator does not know are left out). */
export interface AskedInformation {
  formansinformation: FkGroup[];
  ansprak: PmGroup[];
  beslut: PmGroup[];
  preliminaraUtbetalningar: Group[];
  utbetalningar: Group[];
  ovrigInformation: OvrigType[];
}

/** Everything LEFI v9 can be asked for: what the answer holds when no LEFI query is at hand. */
export const ASK_ALL: AskedInformation = {
  formansinformation: [...FK_GROUPS],
  ansprak: [...PM_GROUPS],
  beslut: [...PM_GROUPS],
  preliminaraUtbetalningar: [...ALL_GROUPS],
  utbetalningar: [...ALL_GROUPS],
  ovrigInformation: [...OVRIG_TYPES],
};

function codes<T extends string>(value: unknown, known: (code: string) => code is T): T[] {
  return Array.isArray(value) ? value.filter((c): c is T => typeof c === 'string' && known(c)) : [];
}

const isGroup = (c: string): c is Group => isFkGroup(c) || isPmGroup(c);

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The lists of a LEFI query, read leniently (JSON text is parsed; anything but known codes is
 * ignored); every list when there is no query.
 */
export function askedBy(lefiJsonFraga: unknown): AskedInformation {
  const value = typeof lefiJsonFraga === 'string' ? parseOrUndefined(lefiJsonFraga) : lefiJsonFraga;
  if (value === undefined || value === null || typeof value !== 'object') return ASK_ALL;
  const q = value as Record<string, unknown>;
  return {
    formansinformation: codes(q.formansinformation, isFkGroup),
    ansprak: codes(q.ansprak, isPmGroup),
    beslut: codes(q.beslut, isPmGroup),
    preliminaraUtbetalningar: codes(q.preliminaraUtbetalningar, isGroup),
    utbetalningar: codes(q.utbetalningar, isGroup),
    ovrigInformation: codes(q.ovrigInformation, isOvrigType),
  };
}

/** True when at least one benefit group or type of other information is asked for (else LEFI answers 400). */
export function asksAnything(asked: AskedInformation): boolean {
  return Object.values(asked).some((list: unknown[]) => list.length > 0);
}

/**
 * True when the period is longer than two years: its last day is later than the same date two years
 * after its first (2024-01-01..2026-01-01 is two years; one day more is too long).
 */
export function periodTooLong(period: { from: string; tom: string }): boolean {
  return period.tom > addMonths(period.from, 24);
}

/**
 * The 12-digit form of a 10- or 12-digit personnummer. A 10-digit one gets the latest century that
 * does not put the birth year after `referenceYear` (the last year of the asked period).
 */
export function twelveDigits(personnummer: string, referenceYear: number): string {
  if (personnummer.length === 12) return personnummer;
  const yy = Number(personnummer.slice(0, 2));
  const century = 2000 + yy <= referenceYear ? 20 : 19;
  return `${century}${personnummer}`;
}
