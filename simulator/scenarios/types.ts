import type { LifeSituation } from '../domain/person.ts';
import type { SourceCode } from '../domain/sources.ts';

/** What a persona fixes of one source's answer: "nodata", or a partial payload merged over the generated one. */
export type SourceOverride = 'nodata' | Record<string, unknown>;

/** A named synthetic person of a scenario (see contracts/scenario/scenario.schema.json). */
export interface Persona {
  id: string;
  personidentitet: string;
  description: string;
  fornamn?: string;
  efternamn?: string;
  protected?: boolean;
  situation?: Partial<LifeSituation>;
  sources?: Partial<Record<SourceCode, SourceOverride>>;
}

/** A failure a source shows: a technical error the base service reports, or no answer in time. */
export type FailureSpec =
  | { mode: 'technical-error'; felkod?: string; felmeddelande?: string; personas?: string[] }
  | { mode: 'timeout'; personas?: string[] };

/** How one base service behaves. */
export interface SourceBehaviour {
  /** Fixed delay before the base service answers, in ms. */
  latencyMs?: number;
  /** How long the composite waits for this source, in ms (overrides composite.timeoutMs). */
  timeoutMs?: number;
  failure?: FailureSpec;
}

/** A connected municipality (its social welfare board) as the service knows it. */
export interface Municipality {
  organisationsnummer: string;
  namn: string;
  /** The municipality's actor id at LEFI (Försäkringskassan); FK's base service answers 403 to any other. */
  aktorsid: string;
}

/** A loaded, validated and frozen scenario. */
export interface Scenario {
  schemaVersion: 1;
  name: string;
  description?: string;
  seed: string;
  composite: { timeoutMs: number };
  sources: Partial<Record<SourceCode, SourceBehaviour>>;
  personas: Persona[];
  /** Connected municipalities; when empty, any organisation and any LEFI aktorsid is accepted. */
  municipalities: Municipality[];
  /** Where the scenario was loaded from (for messages), or "<inline>". */
  origin: string;
}
