import type { Faker } from '@faker-js/faker';
import type { PersonProfile } from '../../domain/person.ts';
import type { OvrigType, PmGroup } from './codes.ts';
import type { Span } from './calendar.ts';
import type { FkPaymentRecord } from './payments.ts';
import type {
  LefiPerson,
  PmFormanAnsprak,
  PmFormanBeslut,
  PmOvrigInformation,
  PmUtbetalningRad,
} from './types.ts';

/** A child of the person, the same in every benefit that names it. */
export interface Child extends Required<Pick<LefiPerson, 'personnummer' | 'foddes' | 'namn'>> {
  /** Whole years on the day of the answer. */
  age: number;
}

/**
 * What every history builder reads: the person, the day of the answer, and a seed of its own. Builders
 * draw their randomness from createRandom(seed, <group>[, <month>]) so each benefit's history, and
 * each month of it, is the same whatever period is asked. `window` (the asked period widened by two
 * months) only limits how much of a long monthly history is written out.
 */
export interface HistoryContext {
  person: PersonProfile;
  today: string;
  /** The first day of today's month: the anchor of ongoing benefits. */
  anchor: string;
  seed: number;
  window: Span;
  children: Child[];
  /** Yearly sjukpenninggrundande inkomst (0 when none). */
  sgi: number;
  married: boolean;
  faker: Faker;
}

/** A case (ärende) or other entry of one list of FK's model, and the dates it spans. */
export interface CaseRecord {
  key: string;
  span: Span;
  arende: object;
}

/** A PM payment, split by the benefit group each row and tax deduction belongs to. */
export interface PmPaymentRecord {
  datum: string;
  span: Span;
  rows: { group: PmGroup; rad: PmUtbetalningRad }[];
  tax: Partial<Record<PmGroup, number>>;
}

/** Everything the simulated LEFI knows about a person, before the asked period and lists select from it. */
export interface FkHistory {
  cases: CaseRecord[];
  payments: FkPaymentRecord[];
  /** FK's other information: the entry of a list, and its span (undefined: not tied to dates). */
  ovrig: { key: string; span?: Span; entry: object }[];
  pm: {
    ansprak: { group: PmGroup; span: Span; entry: PmFormanAnsprak }[];
    beslut: { group: PmGroup; span: Span; entry: PmFormanBeslut }[];
    payments: PmPaymentRecord[];
    ovrig: { type: OvrigType; entry: PmOvrigInformation }[];
  };
}

export function emptyHistory(): FkHistory {
  return { cases: [], payments: [], ovrig: [], pm: { ansprak: [], beslut: [], payments: [], ovrig: [] } };
}

/** Adds one builder's part to the history. */
export function mergeInto(
  history: FkHistory,
  part: Partial<Omit<FkHistory, 'pm'>> & { pm?: Partial<FkHistory['pm']> },
): void {
  history.cases.push(...(part.cases ?? []));
  history.payments.push(...(part.payments ?? []));
  history.ovrig.push(...(part.ovrig ?? []));
  history.pm.ansprak.push(...(part.pm?.ansprak ?? []));
  history.pm.beslut.push(...(part.pm?.beslut ?? []));
  history.pm.payments.push(...(part.pm?.payments ?? []));
  history.pm.ovrig.push(...(part.pm?.ovrig ?? []));
}
