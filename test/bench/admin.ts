/** The simulator's admin API, as the benchmark uses it: reset the records, read the history and journal. */
import { request } from 'undici';

/** One asked source in a history entry (docs/processing-history.md). */
export interface HistorySource {
  code: string;
  outcome: 'data' | 'error';
  kalla?: string;
  felkod?: string;
  startedMs: number;
  endedMs: number;
}

export interface HistoryEntry {
  id: string;
  scenario: string;
  personidentitet: string;
  korrelationsid?: string;
  sources: HistorySource[];
  result: 'answered' | 'refused';
  felkod?: string;
  durationMs: number;
}

async function json<T>(url: string, init: { method?: 'GET' | 'POST'; body?: string } = {}): Promise<T> {
  const res = await request(url, {
    method: init.method ?? 'GET',
    ...(init.body === undefined ? {} : { body: init.body, headers: { 'content-type': 'application/json' } }),
  });
  const text = await res.body.text();
  if (res.statusCode >= 300)
    throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${res.statusCode} ${text.slice(0, 300)}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

/** Resets call counters, and clears the history and the journal. */
export async function resetRecords(baseUrl: string): Promise<void> {
  await json(`${baseUrl}/admin/reset`, {
    method: 'POST',
    body: JSON.stringify({ history: true, journal: true }),
  });
}

/** Every entry of the processing history (newest first), paged 10 000 at a time. */
export async function readHistory(baseUrl: string): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  for (let offset = 0; ; offset += 10_000) {
    const page = await json<{ entries: HistoryEntry[] }>(
      `${baseUrl}/admin/history?limit=10000&offset=${offset}`,
    );
    out.push(...page.entries);
    if (page.entries.length < 10_000) return out;
  }
}

/** The latest journal entries (oldest first). */
export async function readJournal(baseUrl: string, limit = 10): Promise<Record<string, unknown>[]> {
  const page = await json<{ entries: Record<string, unknown>[] }>(`${baseUrl}/admin/journal?limit=${limit}`);
  return page.entries;
}

export interface HistoryCheck {
  /** Queries recorded. */
  queries: number;
  /** Queries refused as a whole (a SOAP Fault). */
  refused: number;
  /** Asked sources that ended in an error (timeout, no connection, BT error...). */
  sourceErrors: number;
  /** The first few felkoder seen, for the report. */
  felkoder: string[];
}

/** What the history says about every query since the last reset: refusals and source errors. */
export async function checkHistory(baseUrl: string): Promise<HistoryCheck> {
  const entries = await readHistory(baseUrl);
  const felkoder = new Set<string>();
  let refused = 0;
  let sourceErrors = 0;
  for (const e of entries) {
    if (e.result === 'refused') {
      refused += 1;
      if (e.felkod !== undefined) felkoder.add(e.felkod);
    }
    for (const s of e.sources) {
      if (s.outcome !== 'error') continue;
      sourceErrors += 1;
      felkoder.add(`${s.code}:${s.felkod ?? '?'}`);
    }
  }
  return { queries: entries.length, refused, sourceErrors, felkoder: [...felkoder].slice(0, 10) };
}
