/** Canonical JSON of contracts/base-services/so.schema.json (GetUnemploymentBenefitPaymentResponseType). */

export type SoStatus = 'OK' | 'TEKNISKT_FEL' | 'EJ_SVAR';

export interface SoUtbetalning {
  Utbetalningsdatum: string;
  NettoEfterSkatt: number;
  NettoEfterAvdrag: number;
  Ersattningsdagar: number;
  AvserFrom: string;
  AvserTom: string;
}

export interface SoAvstangning {
  AvstangdFrom: string;
  AvstangdTom: string;
}

export interface SoAnsoktOmErsattning {
  /** Null (xsi:nil) while the application has no decision. */
  BeslutOmRattTillErsattning: string | null;
  AnsokanOmUtbetalningInlamnad: boolean;
}

/** What one fund answers about the person. */
export interface SoArbetsloshetsersattning {
  SvarandeOrganisation: string;
  StatusSvarandeOrganisation: SoStatus;
  Utbetalningar?: SoUtbetalning[];
  Avstangningar?: SoAvstangning[];
  AnsoktOmErsattning?: SoAnsoktOmErsattning;
}

/** What SO echoes of the query it received. */
export interface SoEcho {
  OrganisationsnummerIngivare: string;
  NamnIngivare: string;
  KontonamnHandlaggare: string;
  Referensnummer: string;
  From: string;
  Tom: string;
  Syfte: string;
  Paragraf: string;
  OrganisationsnummerPersonuppgiftsbitrade?: string[];
  NamnPersonuppgiftsbitrade?: string[];
  IdentificationNumber: string;
}

export interface SoPayload extends SoEcho {
  ArbetsloshetsersattningLista: { Arbetsloshetsersattning?: SoArbetsloshetsersattning[] };
}
