import type { Faker } from '@faker-js/faker';
// The Swedish locale alone (sv, then en, then base: the same chain as `new Faker({ locale: [sv, en, base] })`);
// the package's root would load every locale (about 20 MB and most of faker's start-up time).
import { faker as swedishFaker } from '@faker-js/faker/locale/sv';
import { addDays, addMonths, ageOn, maxDate, minDate } from './dates.ts';
import { checkPersonidentitet } from './identity.ts';
import { createRandom, type Random } from './random.ts';

/**
 * What a person's life looks like, which decides what each source knows about them.
 * Derived from the seed for any personidentitet; a persona in the scenario overrides any part.
 */
export interface LifeSituation {
  /** False for a person none of the sources know: every source gives its "no data" answer. */
  knownToSources: boolean;
  /** Registered as a job seeker at Arbetsförmedlingen. */
  unemployed: boolean;
  /** Name of the unemployment fund (a-kassa) the person belongs to, or null. Payments when also unemployed. */
  akassa: string | null;
  /** Receives student aid (studiemedel) from CSN. */
  student: boolean;
  /** Has a CSN loan being repaid (återbetalning). */
  studentLoanRepayment: boolean;
  /** Receives sickness benefit (sjukpenning) from Försäkringskassan. */
  sickLeave: boolean;
  /** Receives parental benefit (föräldrapenning). */
  parentalLeave: boolean;
  /** Receives old-age pension (Pensionsmyndigheten) and housing supplement. */
  pensioner: boolean;
  /** Receives housing allowance (bostadsbidrag). */
  housingAllowance: boolean;
  /** Number of children under 18 (child allowance, maintenance support). */
  children: number;
  /** Receives activity support (aktivitetsstöd) in a labour market programme. */
  activitySupport: boolean;
  /** Number of vehicles owned (Transportstyrelsen). */
  vehicles: number;
  /** Has a residence permit decision at Migrationsverket. */
  residencePermit: boolean;
  /** Yearly income from employment in SEK (Skatteverket), 0 for none. */
  yearlyIncome: number;
  /** Persona override of `timeline.unemployedSince` (YYYY-MM-DD); sources read the timeline. */
  unemployedSince?: string;
  /** Persona override of `timeline.programmeSince` (YYYY-MM-DD); sources read the timeline. */
  programmeSince?: string;
  /** Persona override of `timeline.arrivalDate` (YYYY-MM-DD); sources read the timeline. */
  arrivalDate?: string;
}

/**
 * The dates of the person's life that more than one source reports, decided once so the sources
 * agree on them. Derived from the seed relative to `today` (see deriveTimeline); a persona fixes any
 * of them with the same-named field of `situation`.
 */
export interface LifeTimeline {
  /**
   * First day of the current spell of unemployment, when `unemployed` or `activitySupport`: the
   * Arbetsförmedlingen registration in force starts on it, and so does the a-kassa's benefit spell.
   */
  unemployedSince?: string;
  /**
   * First day of the labour-market programme, when `activitySupport`: Arbetsförmedlingen's decisions
   * and Försäkringskassan's aktivitetsstöd (or etableringsersättning) start on it. Never before
   * `unemployedSince` when derived.
   */
  programmeSince?: string;
  /**
   * The day the person arrived in Sweden (Migrationsverket's inresedatum), when `residencePermit`.
   * Registration at Arbetsförmedlingen and a hemutrustningslån come after it when derived.
   */
  arrivalDate?: string;
}

/** The compensation of a labour-market programme (Arbetsförmedlingen decides, Försäkringskassan pays). */
export type ProgrammeCompensation = 'Aktivitetsstöd' | 'Utvecklingsersättning' | 'Etableringsersättning';

/** One synthetic person, the same in every source's answer. */
export interface PersonProfile {
  personidentitet: string;
  birthDate: string;
  samordningsnummer: boolean;
  sex: 'M' | 'K';
  fornamn: string;
  efternamn: string;
  /** Protected identity (sekretessmarkering / skyddad folkbokföring): every source marks it its own way. */
  protected: boolean;
  address: { utdelningsadress: string; postnummer: string; postort: string };
  situation: LifeSituation;
  /** The shared dates of the person's life (unemployment, programme, arrival): every source uses these. */
  timeline: LifeTimeline;
  /** The persona id when the person is a scenario persona. */
  personaId?: string;
}

/** The parts of a persona that shape the person (see the scenario contract). */
export interface PersonOverrides {
  id?: string;
  fornamn?: string;
  efternamn?: string;
  protected?: boolean;
  situation?: Partial<LifeSituation>;
}

const AKASSOR = [
  'Akademikernas a-kassa',
  'Unionens a-kassa',
  'Byggnads a-kassa',
  'Handels a-kassa',
  'Kommunals a-kassa',
  'IF Metalls a-kassa',
  'Vision och Ledarnas a-kassa',
  'Alfa-kassan',
] as const;

const fakerInstance: Faker = swedishFaker;

/** The Swedish faker, seeded from `random`. Use it synchronously: the instance is shared. */
export function seededFaker(random: Random): Faker {
  fakerInstance.seed(random.seed32());
  return fakerInstance;
}

function deriveSituation(random: Random, age: number, samordningsnummer: boolean): LifeSituation {
  const pensioner = age >= 66;
  const student = !pensioner && age >= 18 && age <= 35 && random.chance(0.25);
  const unemployed = !pensioner && !student && age >= 18 && random.chance(0.35);
  const akassa = !pensioner && random.chance(0.5) ? random.pick(AKASSOR) : null;
  const children = age >= 22 && age <= 55 ? random.pick([0, 0, 1, 1, 2, 3]) : 0;
  return {
    knownToSources: true,
    unemployed,
    akassa,
    student,
    studentLoanRepayment: !student && age >= 25 && age <= 60 && random.chance(0.3),
    sickLeave: !pensioner && age >= 18 && random.chance(0.1),
    parentalLeave: children > 0 && age <= 45 && random.chance(0.25),
    pensioner,
    housingAllowance: children > 0 && random.chance(0.4),
    children,
    activitySupport: unemployed && akassa === null && random.chance(0.5),
    vehicles: age >= 18 && random.chance(0.4) ? random.int(1, 2) : 0,
    residencePermit: samordningsnummer || random.chance(0.08),
    yearlyIncome: pensioner ? random.int(120, 260) * 1000 : unemployed || student ? random.int(0, 120) * 1000 : random.int(180, 520) * 1000,
  };
}

/** Youngest age at which Arbetsförmedlingen registers a job seeker. */
const FIRST_REGISTRATION_AGE = 16;
/** How long after arrival a programme counts as the newly arrived's establishment (etablering), in months. */
const ESTABLISHMENT_MONTHS = 36;

/**
 * The shared dates, from their own random source (so the names and the situation drawn before them
 * do not change), in one fixed sequence of draws whatever the situation:
 * - `arrivalDate` (residencePermit): 30 days to two years ago for a samordningsnummer, else at an
 *   age from 15 years ago to last year; never before birth, at least 30 days before today.
 * - `unemployedSince` (unemployed or activitySupport): 6 to 36 months before the first of today's
 *   month, or for about one in eight (not in a programme) 5 to 40 days before today; after arrival
 *   (a week to two months after it, or today for one who arrived since); never before the 16th
 *   birthday, so for a child it lies in the future (not yet registered).
 * - `programmeSince` (activitySupport): two weeks to eight months after `unemployedSince`, but at
 *   least six weeks before today when that leaves it on or after `unemployedSince`.
 * A persona's `situation` value of the same name replaces the derived one (and the dates derived
 * after it follow it).
 */
function deriveTimeline(
  random: Random,
  birthDate: string,
  today: string,
  samordningsnummer: boolean,
  situation: LifeSituation,
): LifeTimeline {
  const age = Math.max(0, ageOn(birthDate, today));
  const recentArrivalDays = random.int(30, 720);
  const earlierArrivalAge = random.int(Math.max(0, age - 15), Math.max(0, age - 1));
  const arrivalDay = random.int(0, 364);
  const recent = random.chance(0.12);
  const monthsBack = random.int(6, 36);
  const dayInMonth = random.int(0, 27);
  const daysBack = random.int(5, 40);
  const afterArrival = random.int(7, 60);
  const programmeDelay = random.int(14, 240);

  const timeline: LifeTimeline = {};
  const drawnArrival = samordningsnummer
    ? addDays(today, -recentArrivalDays)
    : addDays(addMonths(birthDate, 12 * earlierArrivalAge), arrivalDay);
  const arrivalDate =
    situation.arrivalDate ??
    (situation.residencePermit ? maxDate(birthDate, minDate(drawnArrival, addDays(today, -30))) : undefined);
  if (arrivalDate !== undefined) timeline.arrivalDate = arrivalDate;

  const inProgramme = situation.activitySupport;
  if (situation.unemployedSince !== undefined) timeline.unemployedSince = situation.unemployedSince;
  else if (situation.unemployed || inProgramme) {
    const anchor = `${today.slice(0, 7)}-01`;
    let since =
      recent && !inProgramme
        ? addDays(today, -daysBack)
        : addDays(addMonths(anchor, -monthsBack), dayInMonth);
    if (arrivalDate !== undefined)
      since = maxDate(since, maxDate(arrivalDate, minDate(addDays(arrivalDate, afterArrival), today)));
    timeline.unemployedSince = maxDate(since, addMonths(birthDate, 12 * FIRST_REGISTRATION_AGE));
  }

  if (situation.programmeSince !== undefined) timeline.programmeSince = situation.programmeSince;
  else if (inProgramme && timeline.unemployedSince !== undefined) {
    const since = timeline.unemployedSince;
    timeline.programmeSince = maxDate(since, minDate(addDays(since, programmeDelay), addDays(today, -42)));
  }
  return timeline;
}

/**
 * The compensation of the person's programme, one for the whole programme (decided by the person at
 * `timeline.programmeSince`), so Arbetsförmedlingen's decisions and Försäkringskassan's payments name
 * the same: etableringsersättning for a newly arrived person (a residence permit, 20 to 65, the
 * programme starting within 36 months of arrival), else utvecklingsersättning under 25, else
 * aktivitetsstöd. Undefined for a person in no programme.
 */
export function programmeCompensation(person: PersonProfile): ProgrammeCompensation | undefined {
  const since = person.timeline.programmeSince;
  if (since === undefined) return undefined;
  const age = ageOn(person.birthDate, since);
  const arrival = person.timeline.arrivalDate;
  if (
    person.situation.residencePermit &&
    arrival !== undefined &&
    age >= 20 &&
    age <= 65 &&
    since >= arrival &&
    since < addMonths(arrival, ESTABLISHMENT_MONTHS)
  )
    return 'Etableringsersättning';
  return age < 25 ? 'Utvecklingsersättning' : 'Aktivitetsstöd';
}

/**
 * The synthetic person behind a personidentitet: deterministic from the scenario seed and the
 * personidentitet, with the persona's overrides applied. `today` decides the age and anchors the timeline.
 */
export function buildPerson(seed: string | number, personidentitet: string, today: string, overrides: PersonOverrides = {}): PersonProfile {
  const checked = checkPersonidentitet(personidentitet);
  const birthDate = checked.ok ? checked.info.birthDate : '1980-01-01';
  const samordningsnummer = checked.ok && checked.info.samordningsnummer;
  const sex = checked.ok ? checked.info.sex : 'K';
  const random = createRandom(seed, personidentitet, 'person');
  const faker = seededFaker(random);
  const fornamn = overrides.fornamn ?? faker.person.firstName(sex === 'M' ? 'male' : 'female');
  const efternamn = overrides.efternamn ?? faker.person.lastName();
  const address = {
    utdelningsadress: faker.location.streetAddress(),
    postnummer: faker.location.zipCode('#####'),
    postort: faker.location.city(),
  };
  const situation = { ...deriveSituation(random, ageOn(birthDate, today), samordningsnummer), ...overrides.situation };
  const timelineRandom = createRandom(seed, personidentitet, 'timeline');
  const timeline = deriveTimeline(timelineRandom, birthDate, today, samordningsnummer, situation);
  const person: PersonProfile = {
    personidentitet,
    birthDate,
    samordningsnummer,
    sex,
    fornamn,
    efternamn,
    protected: overrides.protected ?? false,
    address,
    situation,
    timeline,
  };
  if (overrides.id !== undefined) person.personaId = overrides.id;
  return person;
}
