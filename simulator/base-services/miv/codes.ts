/** The simulator's code lists for Migrationsverket's answer (documented in docs/sources/miv.md). */

/**
 * Grounds for a permit (anledning): the case type (arendeTyp) each is handled as, the lengths of a
 * time-limited permit in months, whether the first application is made from abroad, whether it can
 * lead to a permanent permit, and the ages (at arrival) it applies to.
 */
export const GROUNDS = {
  ARB: {
    namn: 'ARBETE',
    arendeTyp: 'UAT',
    months: [24],
    fromAbroad: true,
    permanent: true,
    minAge: 18,
    maxAge: 120,
  },
  ANK: {
    namn: 'ANKNYTNING',
    arendeTyp: 'UAT',
    months: [24],
    fromAbroad: true,
    permanent: true,
    minAge: 0,
    maxAge: 120,
  },
  STU: {
    namn: 'STUDIER',
    arendeTyp: 'UT',
    months: [12],
    fromAbroad: true,
    permanent: false,
    minAge: 18,
    maxAge: 35,
  },
  SKY: {
    namn: 'SKYDDSBEHOV',
    arendeTyp: 'UAT',
    months: [13, 36],
    fromAbroad: false,
    permanent: true,
    minAge: 0,
    maxAge: 120,
  },
  TSK: {
    namn: 'TILLFÄLLIGT SKYDD',
    arendeTyp: 'UAT',
    months: [12],
    fromAbroad: false,
    permanent: false,
    minAge: 0,
    maxAge: 120,
  },
} as const;

export type Ground = keyof typeof GROUNDS;

export const CASE_TYPES = { UAT: 'UPPEHÅLLS- OCH ARBETSTILLSTÅND', UT: 'UPPEHÅLLSTILLSTÅND' } as const;

export const DECISION_CODES = { BEV: 'ANSÖKAN BEVILJAS', AVS: 'ANSÖKAN AVSLÅS' } as const;

export const DECISION_TYPES = {
  PUT: 'PERMANENT UPPEHÅLLSTILLSTÅND',
  TUT: 'TIDSBEGRÄNSAT UPPEHÅLLSTILLSTÅND',
} as const;

/** Plausible countries of origin per ground, as Migrationsverket names them (Swedish, capitals). */
export const HOMELANDS: Record<Ground, readonly string[]> = {
  ARB: ['INDIEN', 'TURKIET', 'KINA', 'PAKISTAN', 'FILIPPINERNA', 'THAILAND'],
  ANK: ['THAILAND', 'IRAK', 'SYRIEN', 'TURKIET', 'SOMALIA', 'VIETNAM'],
  STU: ['INDIEN', 'KINA', 'PAKISTAN', 'IRAN', 'BANGLADESH'],
  SKY: ['SYRIEN', 'AFGHANISTAN', 'ERITREA', 'SOMALIA', 'IRAK', 'IRAN'],
  TSK: ['UKRAINA'],
};

/** Temporary protection under the EU directive applies to arrivals from this day. */
export const TEMPORARY_PROTECTION_FROM = '2022-03-04';
