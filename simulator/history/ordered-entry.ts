import type { HistoryEntry, HistorySource } from './history-entry.ts';

function orderedSource(s: HistorySource): HistorySource {
  const out: Partial<HistorySource> = { code: s.code, outcome: s.outcome };
  if (s.kalla !== undefined) out.kalla = s.kalla;
  if (s.felkod !== undefined) out.felkod = s.felkod;
  out.startedMs = s.startedMs;
  out.endedMs = s.endedMs;
  return out as HistorySource;
}

/** A copy of the entry with its keys in the documented order (absent optional keys left out). */
export function orderedEntry(e: HistoryEntry): HistoryEntry {
  const out: Partial<HistoryEntry> = {
    id: e.id,
    time: e.time,
    scenario: e.scenario,
    municipality: { organisationsnummer: e.municipality.organisationsnummer, namn: e.municipality.namn },
    caseworker: e.caseworker,
    personidentitet: e.personidentitet,
    arendeidentitet: e.arendeidentitet,
    syfte: e.syfte,
    lagtext: e.lagtext,
  };
  if (e.korrelationsid !== undefined) out.korrelationsid = e.korrelationsid;
  out.sources = e.sources.map(orderedSource);
  out.result = e.result;
  if (e.felkod !== undefined) out.felkod = e.felkod;
  out.durationMs = e.durationMs;
  out.via = e.via;
  return out as HistoryEntry;
}
