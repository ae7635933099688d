/** Canonical JSON of contracts/base-services/skv.schema.json (the taxation document inside `svar`). */

/** 999 data follows, 100 not in the taxation records, 200 protected identity (data withheld). */
export type SkvStatusKod = '999' | '100' | '200';

export const SKV_STATUS = { found: '999', unknown: '100', protected: '200' } as const satisfies Record<
  string,
  SkvStatusKod
>;

export interface SkvKapitaluppgift {
  Taxeringsar: string;
  SummaIntakterPaKapital: number;
  OverskottPaKapital: number;
}

/** The simulator's extension: earned income and final tax of one taxation year. */
export interface SkvForvarvsinkomstuppgift {
  Taxeringsar: string;
  SummaInkomstAvTjanst: number;
  FaststalldForvarvsinkomst: number;
  SlutligSkatt: number;
}

export interface SkvPersonuppgift {
  IdentitetsbeteckningFysiskPerson: string;
  Fornamn?: string;
  Efternamn?: string;
  StatusPersonuppgiftKod: SkvStatusKod;
  Kapitaluppgift?: SkvKapitaluppgift[];
  Forvarvsinkomstuppgift?: SkvForvarvsinkomstuppgift[];
}

export interface SkvPayload {
  PersonuppgiftLista: { Personuppgift: SkvPersonuppgift[] };
}
