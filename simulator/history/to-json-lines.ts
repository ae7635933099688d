import type { HistoryEntry } from './history-entry.ts';
import { orderedEntry } from './ordered-entry.ts';

/**
 * The entries as JSON Lines: one JSON object per entry, each ending in "\n", keys always in the same
 * order (id, time, scenario, municipality, caseworker, personidentitet, arendeidentitet, syfte, lagtext,
 * korrelationsid, sources, result, felkod, durationMs, via). U+2028 and U+2029 are escaped as well, so
 * no tool splits a line inside a value.
 */
export function toJsonLines(entries: readonly HistoryEntry[]): string {
  return entries
    .map(
      (e) =>
        `${JSON.stringify(orderedEntry(e))
          .replace(/\u2028/g, '\\u2028')
          .replace(/\u2029/g, '\\u2029')}\n`,
    )
    .join('');
}
