import { addDays, ageOn, endOfMonth, maxDate } from '../../domain/dates.ts';
import { makePersonidentitet } from '../../domain/identity.ts';
import type { PersonProfile } from '../../domain/person.ts';
import { createRandom, type Random } from '../../domain/random.ts';
import type { GenerateInput } from '../types.ts';
import {
  autumnTerm,
  bankDayOnOrBefore,
  schoolYearOf,
  schoolYearPayments,
  springTerm,
  termPayments,
  type WeekSpan,
} from './calendar.ts';
import {
  omstallningsstudiestodPerWeek,
  prisbasbelopp,
  STUDIEBIDRAG_PER_MONTH,
  studiemedelPerWeek,
  studiestartsstodPerWeek,
  tillaggsbidragPerWeek,
} from './levels.ts';
import type { CsnBeloppstyp, CsnStodform, CsnTakt } from './types.ts';

/** The kinds of student aid, named as the Person's elements. */
export type CaseKind =
  'Studiemedel' | 'Studiehjalp' | 'HemutrustningsLan' | 'Studiestartsstod' | 'Omstallningsstudiestod';

/** One kind of amount: `belopp` the rate (per week; per month for studiebidrag; the sum lent for a loan), `totbelopp` the total. */
export interface AmountLine {
  beloppstyp: CsnBeloppstyp;
  klartext: string;
  belopp: number;
  totbelopp: number;
}

/** A period granted; `application` is absent when the aid needs none (studiehjälp). */
export interface Grant {
  weeks: WeekSpan;
  takt: CsnTakt;
  application?: { loan: boolean };
  amounts: AmountLine[];
}

/** A payment: its date, the weeks it pays for (none for a loan paid out at once) and its amounts. */
export interface Payment {
  date: string;
  weeks?: WeekSpan;
  amounts: AmountLine[];
}

/** One case (ärende) at CSN, over its whole life, in ISO dates. */
export interface CaseRecord {
  kind: CaseKind;
  stodform: CsnStodform;
  klartext: string;
  lopnummer: string;
  medlanare?: string;
  decided: string;
  /** The last day the case covers or pays. */
  ends: string;
  grants: Grant[];
  payments: Payment[];
}

type StudyKind = Exclude<CaseKind, 'HemutrustningsLan'>;

/** What stays the same for a person across their study years. */
interface StudyPrefs {
  loan: boolean;
  ossLoan: boolean;
  ossIncome: number;
  children: number;
}

const STODFORM: Record<StudyKind, { stodform: CsnStodform; klartext: string }> = {
  Studiemedel: { stodform: 'GRUND', klartext: 'Studiemedel för studier i Sverige' },
  Studiehjalp: { stodform: 'SH', klartext: 'Studiehjälp' },
  Studiestartsstod: { stodform: 'SSSTÖD', klartext: 'Studiestartsstöd' },
  Omstallningsstudiestod: { stodform: 'OSS', klartext: 'Omställningsstudiestöd' },
};

function line(beloppstyp: CsnBeloppstyp, klartext: string, belopp: number, units: number): AmountLine {
  return { beloppstyp, klartext, belopp, totbelopp: belopp * units };
}

/** A weekly rate of aid. */
interface Rate {
  beloppstyp: CsnBeloppstyp;
  klartext: string;
  rate: number;
}

/** The rates of a term for a kind of aid, at the term's year and pace (amounts of 0 left out). */
function ratesOf(
  kind: Exclude<StudyKind, 'Studiehjalp'>,
  year: number,
  pace: number,
  loan: boolean,
  prefs: StudyPrefs,
): Rate[] {
  const rates: Rate[] = [];
  const add = (beloppstyp: CsnBeloppstyp, klartext: string, rate: number): void => {
    if (rate > 0) rates.push({ beloppstyp, klartext, rate });
  };
  const tillagg = tillaggsbidragPerWeek(year, prefs.children, pace);
  switch (kind) {
    case 'Studiemedel': {
      const { bidrag, lan } = studiemedelPerWeek(year, pace);
      add('GRUNDB', 'Bidrag', bidrag);
      if (loan) add('GRUNDL', 'Lån', lan);
      add('TILB', 'Tilläggsbidrag', tillagg);
      break;
    }
    case 'Studiestartsstod':
      add('STÖDB', 'Studiestartsstöd bidrag', studiestartsstodPerWeek(year, pace));
      add('STÖDT', 'Studiestartsstöd tilläggsbidrag', tillagg);
      break;
    case 'Omstallningsstudiestod': {
      const { bidrag, lan } = omstallningsstudiestodPerWeek(year, prefs.ossIncome, pace);
      add('OSSBID', 'Omställningsstudiestöd bidrag', bidrag);
      if (loan) add('OSSLÅN', 'Omställningsstudiestöd lån', lan);
      break;
    }
  }
  return rates;
}

/** A school year of studiehjälp: granted without application, paid monthly September to June. */
function schoolYearCase(year: number): Omit<CaseRecord, 'lopnummer'> {
  const weeks = { from: autumnTerm(year).from, to: endOfMonth(`${year + 1}-06-01`) };
  const payments = schoolYearPayments(year).map(({ date, month }) => ({
    date,
    weeks: month,
    amounts: [line('STUDB', 'Studiebidrag', STUDIEBIDRAG_PER_MONTH, 1)],
  }));
  return {
    kind: 'Studiehjalp',
    ...STODFORM.Studiehjalp,
    decided: addDays(weeks.from, -21),
    ends: weeks.to,
    grants: [{ weeks, takt: '100', amounts: [line('STUDB', 'Studiebidrag', STUDIEBIDRAG_PER_MONTH, 10)] }],
    payments,
  };
}

/** A school year of studiemedel, studiestartsstöd or omställningsstudiestöd: one or both terms, paid monthly. */
function studyYearCase(
  kind: Exclude<StudyKind, 'Studiehjalp'>,
  year: number,
  r: Random,
  prefs: StudyPrefs,
): Omit<CaseRecord, 'lopnummer'> {
  const autumn = autumnTerm(year);
  const spring = springTerm(year + 1);
  const terms = r.chance(0.15) ? [r.pick([autumn, spring])] : [autumn, spring];
  const takt = r.pick<CsnTakt>(['100', '100', '100', '100', '75', '50']);
  const pace = Number(takt);
  const loan =
    kind === 'Studiemedel' ? prefs.loan : kind === 'Omstallningsstudiestod' ? prefs.ossLoan : false;
  const grants: Grant[] = [];
  const payments: Payment[] = [];
  for (const term of terms) {
    const rates = ratesOf(kind, Number(term.from.slice(0, 4)), pace, loan, prefs);
    const amounts = (weeks: number): AmountLine[] =>
      rates.map((x) => line(x.beloppstyp, x.klartext, x.rate, weeks));
    grants.push({ weeks: term, takt, application: { loan }, amounts: amounts(20) });
    for (const p of termPayments(term))
      payments.push({ date: p.date, weeks: p.weeks, amounts: amounts(p.count) });
  }
  const first = terms[0] ?? autumn;
  const last = terms[terms.length - 1] ?? spring;
  return {
    kind,
    ...STODFORM[kind],
    decided: addDays(first.from, -r.int(14, 70)),
    ends: last.to,
    grants,
    payments,
  };
}

/** The school years a person studied with aid from CSN, and the kind of aid of each. */
function studyYears(person: PersonProfile, today: string, r: Random): { year: number; kind: StudyKind }[] {
  const birthYear = Number(person.birthDate.slice(0, 4));
  const current = schoolYearOf(today);
  const years: { year: number; kind: StudyKind }[] = [];
  if (person.situation.student) {
    for (let y = birthYear + 16; y <= birthYear + 18; y++) years.push({ year: y, kind: 'Studiehjalp' });
    const start = Math.max(birthYear + 19, current - r.int(0, 4));
    const oss = start - birthYear >= 30 && r.chance(0.35);
    const sss = !oss && start - birthYear >= 25 && r.chance(0.25);
    for (let y = start; y <= current + 1; y++) {
      const kind: StudyKind =
        oss && y >= 2022 && y < start + 2
          ? 'Omstallningsstudiestod'
          : sss && y === start
            ? 'Studiestartsstod'
            : 'Studiemedel';
      years.push({ year: y, kind });
    }
  } else if (person.situation.studentLoanRepayment) {
    const end = current - r.int(2, 10);
    const start = Math.max(birthYear + 19, end - r.int(0, 3));
    for (let y = start; y <= end; y++) years.push({ year: y, kind: 'Studiemedel' });
  }
  return years;
}

/**
 * A hemutrustningslån for a person with a residence permit (some of them): paid once, one to eleven
 * months after arrival (`timeline.arrivalDate`, Migrationsverket's inresedatum), sometimes topped up;
 * none for a person who was under 18 when it would have been paid.
 */
function homeLoan(person: PersonProfile, today: string, r: Random): CaseRecord | undefined {
  const arrival = person.timeline.arrivalDate;
  if (
    !person.situation.residencePermit ||
    person.samordningsnummer ||
    arrival === undefined ||
    !r.chance(0.6)
  )
    return undefined;
  const date = bankDayOnOrBefore(addDays(arrival, r.int(30, 330)));
  const year = Number(date.slice(0, 4));
  const amount = Math.round((prisbasbelopp(year) * (0.3 + r.next() * 0.3)) / 100) * 100;
  const payments: Payment[] = [{ date, amounts: [line('HUT', 'Hemutrustningslån', amount, 1)] }];
  if (r.chance(0.3)) {
    const extra = r.int(20, 80) * 100;
    payments.push({
      date: bankDayOnOrBefore(addDays(date, r.int(30, 120))),
      amounts: [line('HUT', 'Hemutrustningslån', extra, 1)],
    });
  }
  const lopnummer = String(r.int(1_000_000, 9_999_999));
  const coBorrower = r.chance(0.3)
    ? makePersonidentitet(addDays(person.birthDate, r.int(-2000, 2000)), r.int(100, 998))
    : undefined;
  if (date > today || ageOn(person.birthDate, date) < 18) return undefined;
  const ends = payments.reduce((last, p) => maxDate(last, p.date), date);
  const loan: CaseRecord = {
    kind: 'HemutrustningsLan',
    stodform: 'HUT',
    klartext: 'Hemutrustningslån',
    lopnummer,
    decided: addDays(date, -14),
    ends,
    grants: [],
    payments,
  };
  return coBorrower === undefined ? loan : { ...loan, medlanare: coBorrower };
}

/**
 * Everything CSN knows about the person, over time: a stable history drawn from the person and the
 * seeded random source alone (not from the asked period), so overlapping periods agree. Cases are
 * numbered in order; a case exists once decided (on or before `today`).
 */
export function csnHistory({
  person,
  random,
  today,
}: Pick<GenerateInput, 'person' | 'random' | 'today'>): CaseRecord[] {
  const seed = random.seed32();
  const draw = (...parts: (string | number)[]): Random => createRandom(seed, ...parts);
  const prefsRandom = draw('prefs');
  const prefs: StudyPrefs = {
    loan: prefsRandom.chance(0.65),
    ossLoan: prefsRandom.chance(0.3),
    ossIncome: prefsRandom.int(300, 520) * 1000,
    children: person.situation.children,
  };
  const studies = studyYears(person, today, draw('plan'))
    .map(({ year, kind }) =>
      kind === 'Studiehjalp' ? schoolYearCase(year) : studyYearCase(kind, year, draw('year', year), prefs),
    )
    .filter((c) => c.decided <= today);
  const cases: CaseRecord[] = studies.map((c, i) => ({ ...c, lopnummer: String(i + 1) }));
  const loan = homeLoan(person, today, draw('hemutrustningslan'));
  if (loan !== undefined) cases.push(loan);
  return cases;
}
