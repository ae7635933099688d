import { addDays, addMonths, minDate } from '../../domain/dates.ts';
import { programmeCompensation, type PersonProfile } from '../../domain/person.ts';
import { createRandom } from '../../domain/random.ts';
import type { BaseServiceRequest, GenerateInput } from '../types.ts';

/** The query as AF received it (ers_stod v2 `Fraga`), echoed in the answer. */
export interface AfFraga {
  Test?: boolean;
  OrganisationsnummerForIngivare: string;
  NamnPaIngivare: string;
  KontonamnForHandlaggare: string;
  Referensnummer: string;
  From: string;
  Tom: string;
  SyfteMedFraga: string;
  LagParagraf: string;
  OrganisationsnummerForPersonuppgiftsbitrade?: string;
  NamnPaPersonuppgiftsbitrade?: string;
  IdentitetsbeteckningFysiskPerson: string;
}

export type AfSkat =
  'Arbetslös' | 'Deltidsarbetslös' | 'Timanställd' | 'I program med aktivitetsstöd' | 'Anställd';
export type AfErsattningTyp = 'Aktivitetsstöd' | 'Utvecklingsersättning' | 'Etableringsersättning';

export interface AfArbetssokandeInfo {
  Arbetssokande?: boolean;
  ArbetssokandeSKAT?: AfSkat;
  ArbetssokandeRegistrerad?: string;
  ArbetssokandeOmfattning?: number;
  ArbetssokandeAvaktualiserad?: string;
  AktivetetsRapportDatum: { AktivitetsRapportMeddelande: string; SenasteAktivitetsRapportDatum?: string };
}

export interface AfBeslut {
  ErsattningTyp: AfErsattningTyp;
  Omfattning: number;
  BeslutFrom: string;
  BeslutTom: string;
}

export interface AfSvar {
  Schemaversion: string;
  Referensnummer: string;
  LagParagraf: string;
  IdentitetsbeteckningFysiskPerson: string;
  Fornamn?: string;
  Efternamn?: string;
  Sekretessmarkering?: boolean;
  ArbetssokandeInfo?: AfArbetssokandeInfo;
  BeslutInfo?: { EkonomiskaBeslut: { Beslut?: AfBeslut[] } };
  Akassetillhorighet?: string;
  StatusSokandeinformationKod: AfStatusKod;
  StatusSokandeinformationKodText: string;
}

/** Canonical JSON of contracts/base-services/af.schema.json. */
export interface AfPayload {
  Fraga: AfFraga;
  Svar: AfSvar;
}

/** The version the simulator writes in `Svar/Schemaversion` (the major version of the ers_stod namespace). */
export const AF_SCHEMAVERSION = '2.0';

/** `StatusSokandeinformationKod`: 0 answered normally, 1 the person is not registered at Arbetsförmedlingen. */
export const AF_STATUS = {
  0: 'Frågan har behandlats normalt och ett giltigt svar har returnerats.',
  1: 'Personen är inte inskriven som arbetssökande hos Arbetsförmedlingen.',
} as const;
export type AfStatusKod = keyof typeof AF_STATUS;

/** `AktivitetsRapportMeddelande` is "<code> - <text>" with one of these codes. */
export const AF_AKTIVITETSRAPPORT = {
  200: 'Aktivitetsrapport har lämnats under perioden.',
  500: 'Uppgift om aktivitetsrapport saknas i registret.',
  501: 'Ingen aktivitetsrapport har lämnats under perioden.',
  502: 'Tekniskt fel, uppgift om aktivitetsrapport kunde inte hämtas.',
} as const;
export type AfAktivitetsrapportKod = keyof typeof AF_AKTIVITETSRAPPORT;

/** The message text for an activity-report code, e.g. "200 - Aktivitetsrapport har lämnats under perioden.". */
export function aktivitetsrapportMeddelande(code: AfAktivitetsrapportKod): string {
  return `${code} - ${AF_AKTIVITETSRAPPORT[code]}`;
}

/** Chance that a month's activity report was never submitted. */
const MISSED_REPORT = 0.12;

/** What AF echoes of the query it received. */
export function afFraga(request: BaseServiceRequest): AfFraga {
  const fraga: AfFraga = {
    OrganisationsnummerForIngivare: request.ingivare.organisationsnummer,
    NamnPaIngivare: request.ingivare.namn,
    KontonamnForHandlaggare: request.ingivare.handlaggare,
    Referensnummer: request.arendeidentitet,
    From: request.tidsperiod.fromDatum,
    Tom: request.tidsperiod.tomDatum,
    SyfteMedFraga: request.syfte,
    LagParagraf: request.lagtext,
    IdentitetsbeteckningFysiskPerson: request.personidentitet,
  };
  const bitrade = request.personuppgiftsbitrade?.[0];
  // AF's Organisationsnummer type is 10 to 12 characters; the composite's query does not constrain it.
  if (
    bitrade !== undefined &&
    bitrade.organisationsnummer.length >= 10 &&
    bitrade.organisationsnummer.length <= 12
  ) {
    fraga.OrganisationsnummerForPersonuppgiftsbitrade = bitrade.organisationsnummer;
    fraga.NamnPaPersonuppgiftsbitrade = bitrade.namn;
  }
  return fraga;
}

/** The head of every Svar: the person's identity; names only when AF knows the person and the identity is not protected. */
function svar(
  person: PersonProfile,
  request: BaseServiceRequest,
  withNames: boolean,
  status: AfStatusKod,
  rest: Partial<AfSvar> = {},
): AfSvar {
  const names =
    withNames && !person.protected ? { Fornamn: person.fornamn, Efternamn: person.efternamn } : {};
  return {
    Schemaversion: AF_SCHEMAVERSION,
    Referensnummer: request.arendeidentitet,
    LagParagraf: request.lagtext,
    IdentitetsbeteckningFysiskPerson: request.personidentitet,
    ...names,
    Sekretessmarkering: person.protected,
    ...rest,
    StatusSokandeinformationKod: status,
    StatusSokandeinformationKodText: AF_STATUS[status],
  };
}

/**
 * AF's answer for a person it has no registration for (its "no data"): the query echoed, the
 * identity and the protected-identity marking, status code 1, no ArbetssokandeInfo. Not an error.
 */
export function afNotRegistered({ person, request }: GenerateInput): AfPayload {
  return { Fraga: afFraga(request), Svar: svar(person, request, false, 1) };
}

/** The registration as a job seeker (inskrivning) in force: from `timeline.unemployedSince` on. */
interface Registration {
  from: string;
}

/**
 * The registration reported for a period ending `tom`: the current one, when it began by `tom` and
 * by today. AF keeps no earlier registration: before it the person is not registered.
 */
function registrationFor(person: PersonProfile, tom: string, today: string): Registration | undefined {
  const { unemployed, activitySupport } = person.situation;
  const from = person.timeline.unemployedSince;
  if (!(unemployed || activitySupport) || from === undefined) return undefined;
  return from <= tom && from <= today ? { from } : undefined;
}

/**
 * The latest activity report of a registration submitted on or before `tom`. The report for a
 * month is submitted between the 1st and the 14th of the next month, unless the person missed it.
 */
function latestReport(seed: number, registration: Registration, tom: string): string | undefined {
  const first = `${registration.from.slice(0, 7)}-01`;
  for (let month = `${addMonths(tom, -1).slice(0, 7)}-01`; month >= first; month = addMonths(month, -1)) {
    const r = createRandom(seed, 'aktivitetsrapport', month);
    if (r.chance(MISSED_REPORT)) continue;
    const submitted = addDays(addMonths(month, 1), r.int(0, 13));
    if (submitted <= tom) return submitted;
  }
  return undefined;
}

/** The activity-report part: 200 with the latest report in the period, 501 when none in the period, 500 when the registration has none yet. */
function aktivitetsrapport(
  seed: number,
  registration: Registration,
  from: string,
  tom: string,
): AfArbetssokandeInfo['AktivetetsRapportDatum'] {
  const latest = latestReport(seed, registration, tom);
  if (latest === undefined) return { AktivitetsRapportMeddelande: aktivitetsrapportMeddelande(500) };
  if (latest < from) return { AktivitetsRapportMeddelande: aktivitetsrapportMeddelande(501) };
  return {
    AktivitetsRapportMeddelande: aktivitetsrapportMeddelande(200),
    SenasteAktivitetsRapportDatum: latest,
  };
}

/**
 * The decisions on the programme's compensation that overlap [from, tom]: back to back from
 * `timeline.programmeSince` (90 to 200 days each), each made before it starts, so none starts after
 * today or after the period. The compensation is the programme's (see programmeCompensation).
 */
function decisionsOverlapping(
  seed: number,
  person: PersonProfile,
  from: string,
  tom: string,
  today: string,
): AfBeslut[] {
  const out: AfBeslut[] = [];
  const first = person.timeline.programmeSince;
  const typ = programmeCompensation(person);
  if (first === undefined || typ === undefined) return out;
  const last = minDate(tom, today);
  let start = first;
  for (let k = 0; start <= last; k++) {
    const r = createRandom(seed, 'beslut', k);
    const end = addDays(start, r.int(90, 200) - 1);
    const omfattning = r.pick([100, 100, 100, 75, 50]);
    if (end >= from)
      out.push({ ErsattningTyp: typ, Omfattning: omfattning, BeslutFrom: start, BeslutTom: end });
    start = addDays(end, 1);
  }
  return out;
}

/**
 * AF's answer: for a registered job seeker (`situation.unemployed` or `situation.activitySupport`)
 * whose registration (from `timeline.unemployedSince`) began by the end of the period and by today,
 * that registration, the job-seeker category and scope, the activity reports of the period, the
 * decisions on the programme's compensation overlapping the period (from `timeline.programmeSince`)
 * and the a-kassa; for anyone else the "not registered" answer. A protected identity is marked and
 * its names withheld.
 */
export function generateAf(input: GenerateInput): AfPayload {
  const { person, request, random, today } = input;
  // Fixed draws first, so the history does not depend on the period asked.
  const seed = random.seed32();
  const kind = random.pick<AfSkat>([
    'Arbetslös',
    'Arbetslös',
    'Arbetslös',
    'Deltidsarbetslös',
    'Timanställd',
  ]);
  const scope = {
    Arbetslös: random.pick([100, 100, 100, 75, 50]),
    Deltidsarbetslös: random.pick([25, 50, 75]),
    Timanställd: random.pick([50, 75, 100]),
  };

  const { activitySupport, akassa } = person.situation;
  const { fromDatum: from, tomDatum: tom } = request.tidsperiod;
  const registration = registrationFor(person, tom, today);
  if (registration === undefined) return afNotRegistered(input);

  // In the programme once it has begun (by the end of the period and by today); a job seeker before.
  const programme = person.timeline.programmeSince;
  const inProgramme = activitySupport && programme !== undefined && programme <= minDate(tom, today);
  const skat: AfSkat = inProgramme ? 'I program med aktivitetsstöd' : kind;
  const rest: Partial<AfSvar> = {
    ArbetssokandeInfo: {
      Arbetssokande: true,
      ArbetssokandeSKAT: skat,
      ArbetssokandeRegistrerad: registration.from,
      ArbetssokandeOmfattning:
        skat === 'I program med aktivitetsstöd' || skat === 'Anställd' ? 100 : scope[skat],
      // Reports are only known once submitted: none after today.
      AktivetetsRapportDatum: aktivitetsrapport(seed, registration, from, minDate(tom, today)),
    },
  };
  if (activitySupport) {
    const beslut = decisionsOverlapping(seed, person, from, tom, today);
    rest.BeslutInfo = { EkonomiskaBeslut: beslut.length > 0 ? { Beslut: beslut } : {} };
  }
  if (akassa !== null) rest.Akassetillhorighet = akassa;
  return { Fraga: afFraga(request), Svar: svar(person, request, true, 0, rest) };
}
