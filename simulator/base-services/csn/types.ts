/** The canonical JSON of contracts/base-services/csn.schema.json (CSNSvar, kommunfraga v4.0) and its parts. */

export type CsnTakt = '0' | '20' | '40' | '50' | '60' | '75' | '100';

export type CsnStodform =
  | 'GRUND'
  | 'GRUNDU'
  | 'MLÅN'
  | 'MLÅNU'
  | 'TLÅN'
  | 'TILB'
  | 'SH'
  | 'SHU'
  | 'SB'
  | 'SBU'
  | 'EXTRA'
  | 'EXTRAU'
  | 'INACK'
  | 'INACKU'
  | 'LÄRLE'
  | 'HUT'
  | 'SSSTÖD'
  | 'OSS';

export type CsnBeloppstyp =
  | 'GRUNDB'
  | 'GRUNDF'
  | 'GRUNDL'
  | 'GRUNFL'
  | 'MERKL'
  | 'TILL'
  | 'TILB'
  | 'EXTRA'
  | 'INACK'
  | 'STUDB'
  | 'LÄRERS'
  | 'HUT'
  | 'STÖDB'
  | 'STÖDT'
  | 'OSSBID'
  | 'OSSLÅN';

export type CsnArendeStatus =
  '' | '          ' | 'BESLUTAD' | 'INITIERAD' | 'AVSLUTAD' | 'BESLUTAT' | 'INITIERAT' | 'AVSLUTAT';

export interface CsnBelopp {
  beloppstyp: CsnBeloppstyp;
  klartext: string;
  belopp: string;
  totbelopp: string;
}

export interface CsnBeloppen {
  Belopp?: CsnBelopp[];
}

export interface CsnSokttid {
  soktfrom: string;
  sokttom: string;
  soktomfattning: CsnTakt;
  soktlan?: '' | ' ' | 'J';
}

export interface CsnBeviljadtid {
  starttid: string;
  sluttid: string;
  takt?: CsnTakt;
  gr_takt?: string;
  Beloppen: CsnBeloppen;
  totbelopp: string;
}

export interface CsnUtbetaldtid {
  startvecka?: string;
  slutvecka?: string;
  Beloppen: CsnBeloppen;
  totbelopp: string;
}

export interface CsnUtbetalning {
  utbetdatum: string;
  utbetstatus: 'Utbetald' | 'Planerad' | 'UTBETALAD';
  Utbetaldatider: { Utbetaldtid?: CsnUtbetaldtid[] };
  totbelopp: string;
}

export interface CsnUtbetalningsPlan {
  Utbetalning?: CsnUtbetalning[];
}

/** A case of studiemedel, studiehjälp, studiestartsstöd or omställningsstudiestöd (the last has no relarende). */
export interface CsnStudieArende {
  lopnummer: string;
  stodform: CsnStodform;
  klartext: string;
  status: CsnArendeStatus;
  relarende?: string;
  soktaTider: { soktTid?: CsnSokttid[] };
  BeviljadeTider: { BeviljadTid?: CsnBeviljadtid[] };
  UtbetalningsPlan: CsnUtbetalningsPlan;
}

/** A hemutrustningslån. */
export interface CsnHutArende {
  lopnummer: string;
  medlanare?: string;
  stodform: CsnStodform;
  klartext: string;
  status: CsnArendeStatus;
  UtbetalningsPlan: CsnUtbetalningsPlan;
}

/** One kind of student aid of a person: empty, or the cases in the answer. */
export interface CsnArendeLista<A> {
  Arenden?: { Arende?: A[] };
}

export interface CsnStudiestodstypforteckning {
  studiemedel: string;
  studiehjalp: string;
  hemutrustningslan: string;
  studiestartsstod: string;
  omstallningsstudiestod: string;
}

export interface CsnPerson {
  personnummer: string;
  Status?: '' | '          ' | 'Ej träff';
  sekretess?: string;
  sekel?: string;
  Studiestodstypforteckning: CsnStudiestodstypforteckning;
  Studiemedel: CsnArendeLista<CsnStudieArende>;
  Studiehjalp: CsnArendeLista<CsnStudieArende>;
  HemutrustningsLan: CsnArendeLista<CsnHutArende>;
  Studiestartsstod: CsnArendeLista<CsnStudieArende>;
  Omstallningsstudiestod: CsnArendeLista<Omit<CsnStudieArende, 'relarende'>>;
}

/** Canonical JSON of contracts/base-services/csn.schema.json: the whole CSNSvar document. */
export interface CsnPayload {
  schemaVersion: string;
  GemensamtSvarEkbistand: { Resultat: { ResultatKod: string; ResultatText: string } };
  GemensamtFragaEkbistand: Record<string, never>;
  Personer: { Person?: CsnPerson[] };
}
