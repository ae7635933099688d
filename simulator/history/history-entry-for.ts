import type { QueryResult } from '../composite/answer-types.ts';
import type { SourceOutcome } from '../composite/fan-out.ts';
import type { CheckedQuery } from '../composite/query-types.ts';
import { SOURCE_CODES } from '../domain/sources.ts';
import type { HistorySource, HistoryVia, NewHistoryEntry } from './history-entry.ts';

/** Milliseconds as the history keeps them: whole, never negative. */
export function wholeMs(ms: number): number {
  return Math.max(0, Math.round(ms));
}

function historySource(o: SourceOutcome): HistorySource {
  const timing = { startedMs: wholeMs(o.startedMs), endedMs: wholeMs(o.endedMs) };
  if ('data' in o.result) return { code: o.code, outcome: 'data', ...timing };
  return {
    code: o.code,
    outcome: 'error',
    kalla: o.result.error.kalla,
    felkod: o.result.error.felkod,
    ...timing,
  };
}

/**
 * The history entry for an answered query: who asked (municipality, caseworker), about whom, in which
 * case, why and under which law, and how each asked source ended (contract order). Nothing of the
 * answer's data is taken. `municipalityName` is the name in the scenario's register when known; the
 * query's ingivare/namn otherwise.
 */
export function historyEntryFor(
  checked: CheckedQuery,
  result: QueryResult,
  via: HistoryVia,
  scenarioName: string,
  municipalityName?: string,
): NewHistoryEntry {
  const g = checked.query.generellaFrageparametrar;
  const order = (o: SourceOutcome): number => SOURCE_CODES.indexOf(o.code);
  const entry: NewHistoryEntry = {
    scenario: scenarioName,
    municipality: {
      organisationsnummer: g.ingivare.organisationsnummer,
      namn: municipalityName ?? g.ingivare.namn,
    },
    caseworker: g.ingivare.handlaggare,
    personidentitet: g.personidentitet,
    arendeidentitet: g.arendeidentitet,
    syfte: g.syfte,
    lagtext: g.lagtext,
    sources: [...result.outcomes].sort((a, b) => order(a) - order(b)).map(historySource),
    result: 'answered',
    durationMs: wholeMs(result.durationMs),
    via,
  };
  if (g.korrelationsid !== undefined) entry.korrelationsid = g.korrelationsid;
  return entry;
}
