import type { SourceCode } from '../domain/sources.ts';

/** Which of the composite's two front doors a query came through. */
export type HistoryVia = 'SOAP' | 'JSON';

/** One asked source in a history entry: whether it gave data or an error, and when (ms from the query's start). */
export interface HistorySource {
  code: SourceCode;
  outcome: 'data' | 'error';
  /** Who failed, when outcome is error: the composite (SSBT) or the base service (BT). */
  kalla?: 'SSBT' | 'BT';
  felkod?: string;
  startedMs: number;
  endedMs: number;
}

/**
 * One line of the processing history (behandlingshistorik): which caseworker of which municipality
 * asked for which person's data, in which case, why, under which law, and how it ended. The answer
 * itself is never part of it.
 */
export interface HistoryEntry {
  /** Monotonic within a store: h-000001, h-000002, ... */
  id: string;
  /** When it was recorded, ISO 8601 on the store's (scenario) clock. */
  time: string;
  /** The scenario the query was answered under. */
  scenario: string;
  municipality: { organisationsnummer: string; namn: string };
  /** The handläggare the query names. */
  caseworker: string;
  personidentitet: string;
  arendeidentitet: string;
  syfte: string;
  lagtext: string;
  korrelationsid?: string;
  /** The asked sources in contract order (none when the query was refused). */
  sources: HistorySource[];
  result: 'answered' | 'refused';
  /** The whole request's felkod, when refused. */
  felkod?: string;
  durationMs: number;
  via: HistoryVia;
}

/** An entry as the caller gives it to the store, which adds id and time. */
export type NewHistoryEntry = Omit<HistoryEntry, 'id' | 'time'>;
