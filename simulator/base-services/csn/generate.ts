import type { PersonProfile } from '../../domain/person.ts';
import type { GenerateInput } from '../types.ts';
import { csnHistory } from './history.ts';
import { reportCases, type ReportedCases } from './report.ts';
import type { CsnArendeLista, CsnPayload, CsnPerson } from './types.ts';

/** The schema version CSN writes in CSNSvar/@schemaVersion. */
export const CSN_SCHEMA_VERSION = '4.0';

/** The result of an answered query (also when CSN has nothing on the person). */
export const CSN_RESULTAT_OK = { ResultatKod: '0', ResultatText: 'Allt OK, inget att rapportera' } as const;

/** The sekretess value the simulator writes for a protected identity (the XSD allows up to two characters). */
export const CSN_SEKRETESS_MARKERAD = 'J';

function answer(persons: CsnPerson[]): CsnPayload {
  return {
    schemaVersion: CSN_SCHEMA_VERSION,
    GemensamtSvarEkbistand: { Resultat: { ...CSN_RESULTAT_OK } },
    GemensamtFragaEkbistand: {},
    Personer: persons.length === 0 ? {} : { Person: persons },
  };
}

function list<A>(arenden: A[]): CsnArendeLista<A> {
  return arenden.length === 0 ? {} : { Arenden: { Arende: arenden } };
}

function flag(arenden: unknown[]): string {
  return arenden.length > 0 ? '1' : '0';
}

/** The person as CSN identifies them: ten-digit personnummer, century, and the protected-identity mark. */
function identity(person: PersonProfile): Pick<CsnPerson, 'personnummer' | 'sekretess' | 'sekel'> {
  const id = { personnummer: person.personidentitet.slice(2), sekel: person.personidentitet.slice(0, 2) };
  return person.protected ? { ...id, sekretess: CSN_SEKRETESS_MARKERAD } : id;
}

function personWith(person: PersonProfile, cases: ReportedCases): CsnPerson {
  return {
    ...identity(person),
    Studiestodstypforteckning: {
      studiemedel: flag(cases.Studiemedel),
      studiehjalp: flag(cases.Studiehjalp),
      hemutrustningslan: flag(cases.HemutrustningsLan),
      studiestartsstod: flag(cases.Studiestartsstod),
      omstallningsstudiestod: flag(cases.Omstallningsstudiestod),
    },
    Studiemedel: list(cases.Studiemedel),
    Studiehjalp: list(cases.Studiehjalp),
    HemutrustningsLan: list(cases.HemutrustningsLan),
    Studiestartsstod: list(cases.Studiestartsstod),
    Omstallningsstudiestod: list(cases.Omstallningsstudiestod),
  };
}

const NO_CASES: ReportedCases = {
  Studiemedel: [],
  Studiehjalp: [],
  HemutrustningsLan: [],
  Studiestartsstod: [],
  Omstallningsstudiestod: [],
};

/**
 * CSN's answer for a person it does not know: the person with Status "Ej träff", every kind of aid
 * flagged 0 and empty. A samordningsnummer cannot be written as CSN's personnummer (its day is
 * 61-91), so for one the answer lists no person at all.
 */
export function csnNoData({ person }: GenerateInput): CsnPayload {
  if (person.samordningsnummer) return answer([]);
  return answer([{ ...personWith(person, NO_CASES), Status: 'Ej träff' }]);
}

/**
 * The person's student aid in the asked period: the cases of their stable history (studiehjälp,
 * studiemedel, studiestartsstöd, omställningsstudiestöd, hemutrustningslån) that overlap it. A person
 * who never had a case at CSN gets the "no data" answer.
 */
export function generateCsn(input: GenerateInput): CsnPayload {
  const { person, request, today } = input;
  if (person.samordningsnummer) return csnNoData(input);
  const history = csnHistory(input);
  if (history.length === 0) return csnNoData(input);
  return answer([personWith(person, reportCases(history, request.tidsperiod, today))]);
}
