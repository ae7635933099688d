/**
 * The harness's core model: cases (data, from YAML suites), what running one produced, and the
 * executors (provider mode, client mode) that run them. Reporters and the CLI only see these types.
 */

export type Level = 'MUST' | 'SHOULD';
export type Mode = 'provider' | 'client';

/** One conformance case, as loaded from a suite file (common fields checked; `body` checked by its mode's schema). */
export interface Case {
  /** Unique in the suite, e.g. "P-ECHO-001". */
  id: string;
  /** Given/When/Then. */
  title: string;
  /** The contract element or the clause of the terms of use it checks. */
  requirement: string;
  level: Level;
  mode: Mode;
  /** The suite directory name under harness/suites, e.g. "provider". */
  suite: string;
  /** Where the case is written (for reports): file relative to the repository, and line. */
  file: string;
  line: number;
  /** The mode-specific part: every field of the case except the common ones above (`tags` and `skip` included). */
  body: Record<string, unknown>;
}

/** One expectation that did not hold. */
export interface Failure {
  /** Which expectation, in words a reader recognises (e.g. "sources in contract order"). */
  expectation: string;
  message: string;
}

/** One HTTP exchange (or adapter run) made for a case, kept for the reports. */
export interface Exchange {
  label?: string;
  request: { method: string; url: string; headers: Record<string, string>; body: string };
  response?: { status: number; headers: Record<string, string>; body: string };
  durationMs: number;
  error?: string;
}

export type Verdict = 'pass' | 'fail' | 'skip' | 'error';

/** What an executor found for a case. */
export interface CaseOutcome {
  verdict: Verdict;
  /** Why skipped, or what went wrong (verdict error: the case could not be run, e.g. adapter crashed). */
  reason?: string;
  failures: Failure[];
  exchanges: Exchange[];
}

/** A case with its outcome and timing, as reporters see it. */
export interface CaseResult extends CaseOutcome {
  id: string;
  title: string;
  requirement: string;
  level: Level;
  suite: string;
  file: string;
  line: number;
  durationMs: number;
}

export interface RunSummary {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
  errors: number;
  mustFailed: number;
  shouldFailed: number;
}

/** A whole run. */
export interface RunResult {
  mode: Mode;
  /** What was judged: the provider URL, or the client's adapter command. */
  target: string;
  startedAt: string;
  durationMs: number;
  results: CaseResult[];
  summary: RunSummary;
}

/** Runs cases of one mode. Throw TargetUnreachable from prepare/run when the target cannot be reached at all. */
export interface CaseExecutor {
  prepare?(): Promise<void>;
  run(c: Case): Promise<CaseOutcome>;
  close?(): Promise<void>;
}

/** The target could not be reached at all (exit code 3). */
export class TargetUnreachable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetUnreachable';
  }
}

/** Person kinds and query identities resolved for a target environment (harness/mappings/*.yaml). */
export interface Mapping {
  /** Person kind (ordinary, protected, unknown, student, samordningsnummer, ...) to personidentitet. */
  persons: Record<string, string>;
  ingivare: { organisationsnummer: string; namn: string; handlaggare: string };
  /** FK's LEFI aktorsid for the ingivare. */
  aktorsid: string;
  /** A valid period for queries. */
  tidsperiod: { fromDatum: string; tomDatum: string };
  syfte: string;
  lagtext: string;
}

/** What a reporter learns when a run starts: the cases it will hear about, in order. */
export interface RunStart {
  mode: Mode;
  target: string;
  startedAt: string;
  cases: readonly Case[];
}

/** Receives a run as it happens (console progress) or at its end (files). Every hook is optional. */
export interface Reporter {
  onStart?(start: RunStart): void | Promise<void>;
  /** After each case, in order; `index` counts from 1 up to `total`. */
  onCase?(result: CaseResult, index: number, total: number): void | Promise<void>;
  onEnd?(run: RunResult): void | Promise<void>;
}
