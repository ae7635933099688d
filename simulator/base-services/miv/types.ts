/** Canonical JSON of contracts/base-services/miv.schema.json (findByPersonnummerResponse). */

export interface MivSvar {
  anledning?: string;
  anledningNamn?: string;
  ansokningsdatum?: string;
  arendeTyp?: string;
  arendeTypNamn?: string;
  beslutsKod?: string;
  beslutsKodNamn?: string;
  beslutsTyp?: string;
  beslutsTypNamn?: string;
  beslutsdatum?: string;
  fromDatum?: string;
  giltighetstid?: 'PERMANENT' | 'TIDBEGRANSAT';
  tomDatum?: string;
}

export interface MivResponse {
  korrelationsid?: string;
  correlationid: string;
  efternamn?: string;
  fornamn?: string;
  hemland?: string;
  inresedatum?: string;
  personnummer?: string;
  /** Entries are nillable in the XSD; the simulator never writes a nil one. */
  svarCollection?: { svar?: (MivSvar | null)[] };
}

export interface MivPayload {
  response?: MivResponse;
}
