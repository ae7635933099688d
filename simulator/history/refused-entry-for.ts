import type { HistoryVia, NewHistoryEntry } from './history-entry.ts';
import { wholeMs } from './history-entry-for.ts';

/** Why a query was refused: the whole request's felkod, and how long it took to refuse it. */
export interface Refusal {
  felkod: string;
  durationMs?: number;
}

/** An element's text, from canonical JSON (a string) or parsed XML (a string, or an element with #text). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  if (value !== null && typeof value === 'object') return textOf((value as Record<string, unknown>)['#text']);
  return undefined;
}

function child(value: unknown, name: string): Record<string, unknown> | undefined {
  const v =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)[name]
      : undefined;
  const first: unknown = Array.isArray(v) ? v[0] : v;
  return first !== null && typeof first === 'object' && !Array.isArray(first)
    ? (first as Record<string, unknown>)
    : undefined;
}

/**
 * The history entry for a refused query, from whatever of it could be read: `candidate` is the query
 * as received, before or after any check failed (the canonical JSON, or the operation element's parsed
 * XML content); a field that cannot be read is the empty string. No source was asked, so `sources` is
 * empty.
 *
 * Returns undefined when the candidate is not recognisably a query (no generellaFrageparametrar
 * element): a body that could not be parsed at all names no caseworker and no person, so it adds
 * nothing to "which user asked for which person's data", and the raw request is in the request journal
 * for debugging. Keeping unreadable bodies here would also store arbitrary client input for the whole
 * retention period.
 */
export function refusedEntryFor(
  candidate: unknown,
  refusal: Refusal,
  via: HistoryVia,
  scenarioName: string,
  municipalityName?: string,
): NewHistoryEntry | undefined {
  const g = child(candidate, 'generellaFrageparametrar');
  if (g === undefined) return undefined;
  const ingivare = child(g, 'ingivare');
  const read = (from: Record<string, unknown> | undefined, name: string): string =>
    textOf(from?.[name]) ?? '';
  const entry: NewHistoryEntry = {
    scenario: scenarioName,
    municipality: {
      organisationsnummer: read(ingivare, 'organisationsnummer'),
      namn: municipalityName ?? read(ingivare, 'namn'),
    },
    caseworker: read(ingivare, 'handlaggare'),
    personidentitet: read(g, 'personidentitet'),
    arendeidentitet: read(g, 'arendeidentitet'),
    syfte: read(g, 'syfte'),
    lagtext: read(g, 'lagtext'),
    sources: [],
    result: 'refused',
    felkod: refusal.felkod,
    durationMs: wholeMs(refusal.durationMs ?? 0),
    via,
  };
  const korrelationsid = textOf(g.korrelationsid);
  if (korrelationsid !== undefined) entry.korrelationsid = korrelationsid;
  return entry;
}
