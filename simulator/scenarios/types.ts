import type { LifeSituation } from '../domain/person.ts';
import type { SourceCode } from '../domain/sources.ts';

/** What a persona fixes of one source's answer: "nodata", or a partial payload merged over the generated one. */
export type SourceOverride = 'nodata' | Record<string, unknown>;

/** A delay: fixed, or drawn from the scenario's seeded random source (contracts/scenario: $defs/Latency). */
export type Latency =
  | { model: 'fixed'; ms: number }
  | { model: 'uniform'; min: number; max: number }
  | { model: 'normal'; mean: number; sd: number }
  | { model: 'lognormal'; median: number; p99: number }
  | { model: 'lognormal'; median: number; sigma: number };

/** When something happens; every condition given must hold, none given means always. */
export interface Trigger {
  probability?: number;
  everyNth?: number;
  firstN?: number;
  calls?: number[];
  /** HH:MM daily in the scenario's time zone, or ISO date-times. */
  window?: { from: string; to: string };
  personas?: string[];
}

export const FAILURE_MODES = ['technical-error', 'http-error', 'timeout', 'reset', 'empty', 'truncated', 'invalid-payload'] as const;
export type FailureMode = (typeof FAILURE_MODES)[number];

/** A way a base service misbehaves, and when (normalised: `personas` shorthand folded into `when`). */
export interface Failure {
  mode: FailureMode;
  felkod?: string;
  felmeddelande?: string;
  /** http-error: the HTTP status (default 503). */
  status?: number;
  when: Trigger;
}

/** How one base service behaves (normalised from the YAML's latencyMs/latency, failure/failures, sequence). */
export interface SourceBehaviour {
  latency?: Latency;
  /** How long the composite waits for this source, in ms (overrides composite.timeoutMs). */
  timeoutMs?: number;
  /** The first whose trigger holds applies. */
  failures: Failure[];
  /** What call 1, 2, 3... do ('ok' or a failure); after the end ok, or again from the start when repeat. */
  sequence?: ('ok' | Omit<Failure, 'when'>)[];
  repeat?: boolean;
}

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
  /** Per-source behaviour for this person only (replaces the source's). */
  behaviour?: Partial<Record<SourceCode, SourceBehaviour>>;
}

export interface Caseworker {
  id: string;
  name?: string;
  status: 'active' | 'revoked';
  instructionsAcknowledged: boolean;
}

export interface Case {
  id: string;
  status: 'ongoing' | 'closed';
  personidentitet?: string;
}

/** A municipality (its social welfare board) as the service knows it. */
export interface Municipality {
  organisationsnummer: string;
  namn: string;
  /** The municipality's actor id at LEFI (Försäkringskassan); FK's base service answers 403 to any other. */
  aktorsid: string;
  status: 'connected' | 'pending' | 'terminated';
  caseworkers: Caseworker[];
  cases: Case[];
}

/** The terms of use's access rules; absent means everything is allowed. */
export interface AccessRules {
  strictCases: boolean;
  /** Case-insensitive regular expressions; syfte must match one. */
  syfte: string[];
  /** Case-insensitive regular expressions; lagtext must match one. */
  lagtext: string[];
}

/** The scenario clock: real time, a fixed instant, or real time offset to start at `at` on load. */
export type ClockSpec = { mode: 'real' } | { mode: 'fixed'; at: string } | { mode: 'offset'; at: string };

/** An operational notice (driftinformation). */
export interface Notice {
  id: string;
  kind: 'planned' | 'acute' | 'resolved';
  title: string;
  text?: string;
  from: string;
  to?: string;
  sources?: SourceCode[];
}

/** The composite's own behaviour. */
export interface CompositeBehaviour {
  timeoutMs: number;
  latency?: Latency;
  unavailable?: { retryAfterSeconds: number; message?: string; when: Trigger };
  fault?: { felkod: string; felmeddelande: string; when: Trigger };
  maintenance: { from: string; to: string; message?: string }[];
}

/** A loaded, validated, normalised and frozen scenario. */
export interface Scenario {
  schemaVersion: 1;
  name: string;
  description?: string;
  seed: string;
  clock: ClockSpec;
  /** IANA time zone for HH:MM windows. */
  timezone: string;
  composite: CompositeBehaviour;
  sources: Partial<Record<SourceCode, SourceBehaviour>>;
  personas: Persona[];
  /** Known municipalities; when empty, LEFI accepts any aktorsid (and, without access rules, any organisation asks). */
  municipalities: Municipality[];
  access?: AccessRules;
  history: { retentionHours: number };
  driftinformation: Notice[];
  /** Where the scenario was loaded from (for messages), or "<inline>". */
  origin: string;
}
