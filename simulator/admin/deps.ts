import type { Request } from 'express';
import type { HistoryFilter as StoreHistoryFilter } from '../history/history-filter.ts';
import type { SimContext } from '../domain/context.ts';
import type { LiveScenarioStore } from '../scenarios/store.ts';
import type { SourceCode } from '../domain/sources.ts';
import type { Failure, Notice, Scenario } from '../scenarios/types.ts';

/** What GET /admin/history asks the store for: the history's own filter, always paged. */
export type HistoryFilter = StoreHistoryFilter & { limit: number; offset: number };

/**
 * The processing history (behandlingshistorik) as the admin API needs it. Structural: the store of
 * simulator/history/history-store.ts fits as it is.
 */
export interface HistoryStoreLike {
  query(filter: HistoryFilter): readonly object[];
  /** Deletes records older than `retentionHours` (the active scenario's history.retentionHours); called before each read. */
  prune?(retentionHours: number): unknown;
  clear(): unknown;
}

/** The request journal as the admin API needs it (structural; simulator/journal/journal.ts fits). */
export interface JournalLike {
  /** Entries with an id greater than `since` (all when absent), oldest first, at most `limit`. */
  list(page: { since?: number; limit: number }): readonly object[];
  clear(): unknown;
}

/** Everything the admin router is given; nothing is reached through globals. */
export interface AdminDeps {
  /** The simulator's context: its clock and run-time state (live faults, counters). */
  ctx: SimContext;
  /** The scenario store; ctx.scenarios should be this same store, so switches reach the composite. */
  store: LiveScenarioStore;
  history?: HistoryStoreLike;
  journal?: JournalLike;
  /** Sources served by another process (--base-urls): a live fault set here could not reach them. */
  remoteSources?: Partial<Record<SourceCode, string>>;
  // The two formatters are methods, not function properties, so a formatter typed for the history
  // store's own entry type fits (method parameters are compared bivariantly).
  /** History as JSON Lines (default: one JSON object per line). */
  toJsonLines?(entries: readonly object[]): string;
  /** History as CSV (default: a header of every field, nested values as JSON, RFC 4180 quoting). */
  toCsv?(entries: readonly object[]): string;
  /** The simulator's version (package.json). */
  version: string;
  /** The release notes as Markdown. */
  releaseNotes: () => string;
  /**
   * The operational notices in force or planned for a scenario at its clock's `now`, given the live
   * faults (simulator/drift/driftinformation.ts fits as it is).
   */
  driftinformation: (scenario: Scenario, now: Date, liveFaults: Partial<Record<SourceCode, Failure>>) => readonly Notice[];
  /** When set, every request needs `Authorization: Bearer <token>`, from any address; otherwise only loopback is served. */
  token?: string;
  /** The directory POST /admin/scenarios {path} may load from (default: the project's scenarios/). */
  scenariosDir?: string;
  /** The peer address of a request (default: the socket's); tests inject it to simulate a remote client. */
  remoteAddress?: (req: Request) => string | undefined;
}
