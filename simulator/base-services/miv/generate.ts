import { createRandom } from '../../domain/random.ts';
import type { GenerateInput } from '../types.ts';
import { CASE_TYPES, DECISION_CODES, DECISION_TYPES, GROUNDS } from './codes.ts';
import { correlationIds } from './correlation.ts';
import { casesFor, drawPermitHistory, type PermitCase } from './history.ts';
import type { MivPayload, MivSvar } from './types.ts';

export type { MivPayload } from './types.ts';

/** MIV's answer for a person it has no case on: the ids and the personnummer asked about, nothing else. */
export function mivNoData({ request, random }: Pick<GenerateInput, 'request' | 'random'>): MivPayload {
  return { response: { ...correlationIds(request, random), personnummer: request.personidentitet } };
}

/** One reported case as Migrationsverket writes it. */
function svarOf(c: PermitCase): MivSvar {
  const rules = GROUNDS[c.ground];
  const svar: MivSvar = {
    anledning: c.ground,
    anledningNamn: rules.namn,
    ansokningsdatum: c.applied,
    arendeTyp: rules.arendeTyp,
    arendeTypNamn: CASE_TYPES[rules.arendeTyp],
  };
  if (c.refused !== undefined)
    return { ...svar, beslutsKod: 'AVS', beslutsKodNamn: DECISION_CODES.AVS, beslutsdatum: c.refused };
  const d = c.decision;
  if (d === undefined) return svar;
  const granted: MivSvar = {
    ...svar,
    beslutsKod: 'BEV',
    beslutsKodNamn: DECISION_CODES.BEV,
    beslutsTyp: d.kind,
    beslutsTypNamn: DECISION_TYPES[d.kind],
    beslutsdatum: d.date,
    fromDatum: d.from,
  };
  return d.kind === 'PUT'
    ? { ...granted, giltighetstid: 'PERMANENT' }
    : { ...granted, giltighetstid: 'TIDBEGRANSAT', tomDatum: d.tom };
}

/**
 * Migrationsverket's answer: for a person with `situation.residencePermit`, their names, country of
 * origin, arrival date (the shared `timeline.arrivalDate`) and the cases of a stable history that
 * concern the period (see casesFor); an empty svarCollection when none does. A person without a
 * permit case gets MIV's "no data" answer.
 */
export function generateMiv(input: GenerateInput): MivPayload {
  const { person, request, random, today } = input;
  const arrival = person.timeline.arrivalDate;
  if (!person.situation.residencePermit || arrival === undefined) return mivNoData(input);
  const ids = correlationIds(request, random);
  const history = drawPermitHistory(createRandom(random.seed32(), 'MIV'), person.birthDate, today, arrival);
  const cases = casesFor(history, request.tidsperiod.fromDatum, request.tidsperiod.tomDatum);
  return {
    response: {
      ...ids,
      efternamn: person.efternamn,
      fornamn: person.fornamn,
      hemland: history.hemland,
      inresedatum: history.inresedatum,
      personnummer: person.personidentitet,
      svarCollection: cases.length > 0 ? { svar: cases.map(svarOf) } : {},
    },
  };
}
