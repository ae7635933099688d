import { addDays, addMonths, ageOn } from '../../domain/dates.ts';
import type { PersonProfile } from '../../domain/person.ts';
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

/** Youngest age at which AF registers a job seeker: the registration history starts on the 16th birthday. */
const FIRST_REGISTRATION_AGE = 16;
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

/** One registration as a job seeker (inskrivning): from `from` up to, not including, `next`. */
interface Registration {
  from: string;
  next: string;
}

/**
 * The registration in force on `day`, from a stable history of back-to-back registrations
 * (6 to 36 months each) starting on the person's 16th birthday; undefined before that.
 */
function registrationOn(seed: number, epoch: string, day: string): Registration | undefined {
  if (day < epoch) return undefined;
  let from = epoch;
  for (let k = 0; ; k++) {
    const next = addDays(from, createRandom(seed, 'inskrivning', k).int(180, 1100));
    if (day < next) return { from, next };
    from = next;
  }
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

/** Etableringsersättning for a newly arrived person (residence permit, 20 or older), utvecklingsersättning under 25, else aktivitetsstöd. */
function ersattningTyp(person: PersonProfile, on: string): AfErsattningTyp {
  const age = ageOn(person.birthDate, on);
  if (person.situation.residencePermit && age >= 20) return 'Etableringsersättning';
  if (age < 25) return 'Utvecklingsersättning';
  return 'Aktivitetsstöd';
}

/** Decisions from a stable back-to-back history (90 to 200 days each, from `epoch`) that overlap [from, tom]. */
function decisionsOverlapping(
  seed: number,
  person: PersonProfile,
  epoch: string,
  from: string,
  tom: string,
): AfBeslut[] {
  const out: AfBeslut[] = [];
  let start = epoch;
  for (let k = 0; start <= tom; k++) {
    const r = createRandom(seed, 'beslut', k);
    const end = addDays(start, r.int(90, 200) - 1);
    const omfattning = r.pick([100, 100, 100, 75, 50]);
    if (end >= from)
      out.push({
        ErsattningTyp: ersattningTyp(person, start),
        Omfattning: omfattning,
        BeslutFrom: start,
        BeslutTom: end,
      });
    start = addDays(end, 1);
  }
  return out;
}

/**
 * AF's answer: for a registered job seeker (`situation.unemployed` or `situation.activitySupport`)
 * the registration in force at the end of the period, the job-seeker category and scope, the
 * activity reports of the period, the decisions on activity support overlapping the period and the
 * a-kassa; for anyone else the "not registered" answer. A protected identity is marked and its names withheld.
 */
export function generateAf(input: GenerateInput): AfPayload {
  const { person, request, random } = input;
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

  const { unemployed, activitySupport, akassa } = person.situation;
  const { fromDatum: from, tomDatum: tom } = request.tidsperiod;
  const epoch = addMonths(person.birthDate, FIRST_REGISTRATION_AGE * 12);
  const registration = unemployed || activitySupport ? registrationOn(seed, epoch, tom) : undefined;
  if (registration === undefined) return afNotRegistered(input);

  const skat: AfSkat = activitySupport ? 'I program med aktivitetsstöd' : kind;
  const rest: Partial<AfSvar> = {
    ArbetssokandeInfo: {
      Arbetssokande: true,
      ArbetssokandeSKAT: skat,
      ArbetssokandeRegistrerad: registration.from,
      ArbetssokandeOmfattning:
        skat === 'I program med aktivitetsstöd' || skat === 'Anställd' ? 100 : scope[skat],
      AktivetetsRapportDatum: aktivitetsrapport(seed, registration, from, tom),
    },
  };
  if (activitySupport) {
    const beslut = decisionsOverlapping(seed, person, epoch, from, tom);
    rest.BeslutInfo = { EkonomiskaBeslut: beslut.length > 0 ? { Beslut: beslut } : {} };
  }
  if (akassa !== null) rest.Akassetillhorighet = akassa;
  return { Fraga: afFraga(request), Svar: svar(person, request, true, 0, rest) };
}
