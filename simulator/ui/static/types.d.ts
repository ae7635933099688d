// Types of what the trainer page reads from the simulator. Only for type-checking the page's modules
// (tsconfig.json beside this file); not served.

export type SourceCode = 'AF' | 'CSN' | 'FK' | 'SKV' | 'SO' | 'TNS' | 'MIV';

/** error{kalla, felkod, felmeddelande} of one source in svarsdata. */
export interface SourceError {
  /** SSBT: the composite failed towards the source; BT: the base service reported it. */
  kalla: string;
  felkod: string;
  felmeddelande: string[];
}

export type DecodedSource =
  { data: unknown; protectedMarked?: boolean; error?: undefined } | { error: SourceError; data?: undefined };

/** POST /ui/api/decode as the server sends it (simulator/ui/api/decode.ts). */
export type DecodeBody =
  | {
      kind: 'answer';
      answer: {
        svarsdata?: Partial<Record<SourceCode, { data?: unknown; error?: SourceError }>>;
        korrelationsid?: string;
      };
      protectedMarked?: Partial<Record<SourceCode, boolean>>;
      protectedIdentity?: boolean;
    }
  | { kind: 'ping'; ping: PingAnswer }
  | { kind: 'fault'; fault: { felkod: string; felmeddelande: string[] } };

/** The decoded answer as the page reads it. */
export interface Decoded {
  svarsdata?: Partial<Record<SourceCode, DecodedSource>>;
  fault?: { felkod: string; felmeddelande: string[] };
  korrelationsid?: string;
}

export interface Persona {
  id: string;
  personidentitet: string;
  description?: string;
  protected?: boolean;
  name?: string;
}

export interface ScenarioSummary {
  name: string;
  description?: string;
  active?: boolean;
}

/** GET /ui/api/personas. */
export interface PersonasAnswer {
  scenario: ScenarioSummary;
  scenarios?: ScenarioSummary[];
  personas: Persona[];
}

/** A failure as the admin API shows it. */
export interface Failure {
  mode: string;
  felkod?: string;
  felmeddelande?: string;
  status?: number;
  when?: {
    probability?: number;
    everyNth?: number;
    firstN?: number;
    calls?: number[];
    window?: unknown;
    personas?: string[];
  };
}

/** One entry of GET /admin/sources. */
export interface SourceView {
  code: SourceCode;
  name: string;
  liveFault: Failure | null;
  behaviour: { failures?: Failure[]; sequence?: unknown[]; latency?: unknown; timeoutMs?: number } | null;
}

/** The JSON ping: one TestSvar per source. */
export type PingAnswer = Partial<Record<SourceCode, { anropad: boolean; error?: SourceError }>>;

/** One asked source of GET /ui/api/last-query. */
export interface TimelineSource {
  code: SourceCode;
  name?: string;
  outcome: 'data' | 'error';
  kalla?: string;
  felkod?: string;
  startedMs: number;
  endedMs: number;
  timeoutMs?: number | null;
}

/** GET /ui/api/last-query (404 before the first query). */
export interface LastQuery {
  id: string;
  time: string;
  scenario: string;
  via: string;
  result: 'answered' | 'refused';
  felkod?: string;
  korrelationsid?: string;
  personidentitet: string;
  durationMs: number;
  sources: TimelineSource[];
}

export interface HistorySource {
  code: SourceCode;
  outcome: 'data' | 'error';
  kalla?: string;
  felkod?: string;
  startedMs: number;
  endedMs: number;
  timeoutMs?: number;
}

export interface HistoryEntry {
  id: string;
  time: string;
  scenario: string;
  municipality: { organisationsnummer: string; namn?: string };
  caseworker: string;
  personidentitet: string;
  arendeidentitet: string;
  syfte?: string;
  lagtext?: string;
  korrelationsid?: string;
  sources: HistorySource[];
  result: 'answered' | 'refused';
  felkod?: string;
  durationMs: number;
  via: string;
}

export interface Notice {
  id: string;
  /** planned, acute or resolved. */
  kind: string;
  title: string;
  text?: string;
  from: string;
  to?: string;
  sources?: SourceCode[];
}

export interface Driftinformation {
  scenario?: string;
  now?: string;
  active: Notice[];
  planned: Notice[];
}

export interface DescribedElement {
  path: string;
  name: string;
  depth: number;
  description?: string;
  type?: string;
  repeated?: boolean;
  required?: boolean;
  attribute?: boolean;
  values?: (string | number | boolean | null)[];
}

/** One base service as GET /ui/api/sources describes it. */
export interface SourceDescription {
  code: SourceCode;
  name?: string;
  title?: string;
  description?: string;
  schema?: string;
  rootElement?: string;
  mediaType?: string;
  information?: { sammanfattning?: string; skyddadIdentitet?: string; ingaUppgifter?: string };
  period?: { kind?: string; text?: string };
  elements?: DescribedElement[];
}

/** Anything the DOM helpers take as a child. */
export type Child = Node | string | number | null | undefined | false | Child[];

/** Loosely typed JSON: the payloads are read defensively. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
