import { Faker, base, en, sv } from '@faker-js/faker';
import { ageOn } from './dates.ts';
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
}

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

const fakerInstance = new Faker({ locale: [sv, en, base] });

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

/**
 * The synthetic person behind a personidentitet: deterministic from the scenario seed and the
 * personidentitet, with the persona's overrides applied. `today` decides the age.
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
  };
  if (overrides.id !== undefined) person.personaId = overrides.id;
  return person;
}
