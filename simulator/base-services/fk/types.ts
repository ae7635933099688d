/**
 * TypeScript form of LEFI v9's answer (contracts/base-services/fk.schema.json and fk/*.schema.json),
 * for the parts the simulator generates. Every other list of LEFI's answer is typed as unknown[].
 */

/** A period as one or two dates (YYYY-MM-DD, or YYYY-MM); one date alone is an open period. */
export interface FranTill {
  fran?: string;
  till?: string;
}

export interface Belopp {
  summa: number;
  valuta: 'SEK';
}

export interface Sifferkod {
  id: number;
  beskrivning: string;
}

export interface Bokstavskod {
  id: string;
  beskrivning: string;
}

export interface Omfattning {
  taljare: number;
  namnare: number;
}

export interface Land {
  kod: string;
  namn: string;
}

export interface Adress {
  roller?: Sifferkod[];
  utdelningadress?: string[];
  postnummer?: string;
  postort?: string;
  land?: Land;
}

/** Basic data of a related person (LefiPerson). */
export interface LefiPerson {
  personnummer?: string;
  foddes?: string;
  namn?: string;
  skyddad?: boolean;
}

export interface Personinformation {
  personnummer: string;
  foddes: string;
  namn: string;
  skyddad: boolean;
  adress?: Adress[];
  barn?: LefiPerson[];
  civilstand?: Sifferkod;
  folkbokford?: { lan: string; kommun: string }[];
  medborgarskap?: { datum?: string; land: Land }[];
}

/** Fields every FK decision (beslut) has; the rest is per benefit. */
export interface BeslutBas {
  fattades: string;
  definitivt: boolean;
  forman: Bokstavskod;
  period: FranTill;
}

export interface SjukpenningBeslut extends BeslutBas {
  omfattning: Omfattning;
  dagar: number;
  karens: boolean;
  beslutsutfall: string;
  beslutstyp: string;
  ersattningsdagar: { ersattningsdatum: string; ersattningsbelopp: Belopp; karensavdragsbelopp?: Belopp }[];
}

export interface SjukpenningArende {
  startades: string;
  aktivt: boolean;
  beslut: SjukpenningBeslut[];
}

export interface ForaldrapenningBeslut extends BeslutBas {
  omfattning: Omfattning;
  dagar: number;
  ersattning: Sifferkod;
  ersattningsdagar: { dag: string; niva: Bokstavskod; bruttobelopp: Belopp }[];
}

export interface ForaldrapenningArende {
  startades: string;
  aktivt: boolean;
  avslaget: boolean;
  grunduppgifter: { barn: LefiPerson };
  beslut: ForaldrapenningBeslut[];
}

export interface TillfalligForaldrapenningBeslut extends BeslutBas {
  omfattning: Omfattning;
  dagar: number;
  ersattning: Sifferkod;
  bedomdadagar: { dag: string; bedomtBelopp: Belopp; inkomsttyp: Sifferkod; berakningssatt: Sifferkod }[];
}

export interface TillfalligForaldrapenningArende {
  startades: string;
  aktivt: boolean;
  avslaget: boolean;
  grunduppgifter: { barn: LefiPerson };
  beslut: TillfalligForaldrapenningBeslut[];
}

/** A decision paid at a periodicity (barnbidrag, bostadsbidrag, underhållsstöd, pensions...). */
export interface PeriodiskBeslut extends BeslutBas {
  delforman?: Bokstavskod;
  periodicitet: Sifferkod;
  beslutatBruttobelopp: Belopp;
}

export interface BarnbidragBeslut extends PeriodiskBeslut {
  underlag?: { skolgang?: boolean; myndighetsplacering?: boolean };
}

export interface BarnbidragArende {
  grunduppgifter: { barn: LefiPerson };
  beslut: BarnbidragBeslut[];
}

export interface UnderhallsstodBeslut extends PeriodiskBeslut {
  ersattning: Sifferkod;
}

export interface UnderhallsstodArende {
  startades: string;
  aktivt: boolean;
  avslaget: boolean;
  grunduppgifter: { barn: LefiPerson };
  beslut: UnderhallsstodBeslut[];
}

export interface BostadsbidragBeslut extends PeriodiskBeslut {
  underlag: {
    totalBostadskostnad: Belopp;
    inkomster: Belopp[];
    hemmavarandeBarn?: LefiPerson[];
  };
}

export interface BostadsbidragArende {
  startades: string;
  aktivt: boolean;
  avslaget: boolean;
  beslut: BostadsbidragBeslut[];
}

export interface BostadstillaggBeslut extends PeriodiskBeslut {
  underlag: { arsbruttokostnad: Belopp; bostadstillaggsnettokostnad: Belopp };
}

export interface BostadstillaggArende {
  startades: string;
  aktivt: boolean;
  avslaget: boolean;
  beslut: BostadstillaggBeslut[];
}

export interface AllmanpensionBeslut extends PeriodiskBeslut {
  omfattning: Omfattning;
}

export interface AllmanpensionArende {
  beslut: AllmanpensionBeslut[];
}

export interface AktivitetsstodBeslut extends PeriodiskBeslut {
  dagar: number;
  karens: boolean;
  ersattning: Sifferkod;
}

export interface AktivitetsstodArende {
  startades: string;
  aktivt: boolean;
  avslaget: boolean;
  grunduppgifter: { atgardstyp: Sifferkod };
  beslut: AktivitetsstodBeslut[];
}

export interface ProgramersattningBeslut extends PeriodiskBeslut {
  ersattningsdagar: { dag: string; ersattning: Bokstavskod; belopp: Belopp }[];
  ersattning: Bokstavskod;
}

export interface ProgramersattningArende {
  beslut: ProgramersattningBeslut[];
}

export interface Programanvisning {
  period: FranTill;
  omfattning: Omfattning;
  program: Sifferkod;
}

export interface Programjobdagar {
  antalForbrukade: number;
  harForbrukatMaxAntal: boolean;
}

export interface SjukpenninggrundandeInkomstUppgift {
  faststalldes: string;
  typ: Sifferkod;
  anstallning: Belopp;
}

export interface StudiemedelAvisering {
  typ: Sifferkod;
  period: FranTill;
}

export interface UtbetalningDetalj {
  forman: Bokstavskod;
  period: FranTill;
  beloppstyp: Bokstavskod;
  dagar?: number;
  bruttobelopp?: Belopp;
  skattebelopp?: Belopp;
  avdragsbelopp?: Belopp;
}

/** A preliminary or effected FK-model payment (LefiUtbetalningUppgift). */
export interface UtbetalningUppgift {
  typ: Sifferkod;
  foretag: Sifferkod;
  formansfamilj: Bokstavskod;
  datum: string;
  period: FranTill;
  bruttobelopp: Belopp;
  skattebelopp: Belopp;
  avdragsbelopp: Belopp;
  nettobelopp: Belopp;
  utbetalningsdetalj: UtbetalningDetalj[];
}

/** Försäkringskassan's information model (LefiFormansinformation). */
export interface Formansinformation {
  generellPersoninformation?: Personinformation[];
  aktivitetsstodsarende?: AktivitetsstodArende[];
  allmanpensionsarende?: AllmanpensionArende[];
  barnbidragsarende?: BarnbidragArende[];
  bostadsbidragsarende?: BostadsbidragArende[];
  bostadstillaggsarende?: BostadstillaggArende[];
  foraldrapenningarende?: ForaldrapenningArende[];
  preliminarautbetalningar?: UtbetalningUppgift[];
  programanvisning?: Programanvisning[];
  programersattningsarende?: ProgramersattningArende[];
  programjobdagar?: Programjobdagar[];
  sjukpenningarende?: SjukpenningArende[];
  sjukpenninggrundandeInkomstuppgift?: SjukpenninggrundandeInkomstUppgift[];
  studiemedelsavisering?: StudiemedelAvisering[];
  tillfalligForaldrapenningarende?: TillfalligForaldrapenningArende[];
  underhallsstodsmottag?: UnderhallsstodArende[];
  utbetalningsuppgift?: UtbetalningUppgift[];
  [key: string]: unknown[] | undefined;
}

/** A code with its Swedish description, as PM's model writes every code. */
export interface KodBeskrivning<K extends string = string> {
  kod: K;
  beskrivning: string;
}

export interface PmPeriod {
  from: string;
  tom?: string;
}

export interface PmFormanAnsprak {
  ansprakid: string;
  ankomstdatum: string;
  formansgrupp: KodBeskrivning;
  yrkadPeriod: PmPeriod;
}

export interface PmBeslutadErsattning {
  beslutatBelopp: { belopp: number; beloppsfrekvens: KodBeskrivning };
  period: PmPeriod;
  ersattningstyp: KodBeskrivning;
  omfattning?: number;
}

export interface PmFormanBeslut {
  beslutsid: string;
  beslutsdatum: string;
  formansgrupp: KodBeskrivning;
  beslutsstatus: KodBeskrivning;
  beslutsutfall: KodBeskrivning;
  beslutadErsattning: PmBeslutadErsattning[];
  tillagg?: {
    allmanpension?: { samordningMedPensionFranAnnatLand: boolean; anvantCivilstand: KodBeskrivning };
    bostadsInkomststod?: {
      berakningsunderlag: { bostadskostnadBrutto: number; bostadskostnadNettoBt: number };
    };
  };
}

export interface PmUtbetalningRad {
  formansgrupp: KodBeskrivning;
  belopp: number;
  utbetalningsforman: KodBeskrivning;
  beloppstyp: KodBeskrivning;
}

export interface PmFormanUtbetalning {
  utbetalningsdatum: string;
  utbetalningsperiod: { from: string; tom: string };
  bruttobelopp: number;
  nettobelopp: number;
  avdrag: { belopp: number; avdragstyp: KodBeskrivning }[];
  utbetalningsrader: PmUtbetalningRad[];
}

export interface PmOvrigInformation {
  informationstyp: KodBeskrivning;
  pensionsunderlag?: { intjanandear: { artal: string; pensionsgrundandeInkomst: number }[] };
}

export interface UtlamnareTillstand {
  utlamnare: { kod: 'FK' | 'PM'; namn: string };
  tillstand: { kod: 'OK' | 'FELANDE' | 'OTILLGANGLIG'; beskrivning: string };
}

/** Canonical JSON of contracts/base-services/fk.schema.json: LEFI's own JSON answer. */
export interface FkPayload {
  utlamnare?: UtlamnareTillstand[];
  avvikelser?: Record<string, unknown[]>;
  formansinformation?: Formansinformation;
  ansprak?: PmFormanAnsprak[];
  beslut?: PmFormanBeslut[];
  preliminaraUtbetalningar?: PmFormanUtbetalning[];
  utbetalningar?: PmFormanUtbetalning[];
  ovrigInformation?: PmOvrigInformation[];
}
