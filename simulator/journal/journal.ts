import type { Clock } from '../domain/clock.ts';
import { capBody, DEFAULT_MAX_BODY_BYTES } from './cap-body.ts';
import { pickJournalHeaders, type JournalHeaders } from './journal-headers.ts';

/** A request as the HTTP layer hands it to the journal (after the answer, when status is known). */
export interface JournalRequest {
  method: string;
  path: string;
  /** All the request's headers; only JOURNAL_HEADERS are kept. */
  headers: Readonly<Record<string, string | readonly string[] | number | undefined>>;
  /** The raw body as text. */
  body: string;
  remoteAddress?: string;
  /** The HTTP status answered. */
  status?: number;
  /** hamtaBastjanstInformation or testaBastjanstInformation, when the request got that far. */
  operation?: string;
  /** The fault's felkod, when the request failed as a whole. */
  felkod?: string;
}

/** One journalled request. */
export interface JournalEntry {
  /** 1, 2, 3...: never reused, not even after clear(). */
  id: number;
  /** When it was recorded, ISO 8601 on the journal's clock. */
  time: string;
  method: string;
  path: string;
  headers: JournalHeaders;
  /** The body, cut to the journal's cap (256 KiB by default) when `truncated`. */
  body: string;
  /** The whole body's size in UTF-8 bytes. */
  bodyBytes: number;
  truncated: boolean;
  remoteAddress?: string;
  status?: number;
  operation?: string;
  felkod?: string;
}

/** Which page of the journal to list: entries after id `since`, at most `limit` of them, oldest first. */
export interface JournalPage {
  since?: number;
  limit?: number;
}

/**
 * The request journal: what each client sent, raw, for the conformance harness and debugging. It holds
 * bodies with personal identities in them, so it lives only in memory, keeps at most `maxEntries`
 * requests (the oldest go first) and is meant for local test use, never for a shared deployment.
 */
export interface Journal {
  record(request: JournalRequest): JournalEntry;
  /** Entries with an id greater than `since` (default 0), oldest first, at most `limit` (default all). */
  list(page?: JournalPage): JournalEntry[];
  /** How many entries are kept. */
  size(): number;
  /** Forgets every entry; ids keep counting, so a client paging with `since` misses nothing new. */
  clear(): void;
}

export interface JournalOptions {
  clock: Clock;
  /** The most requests kept. Default 1000. */
  maxEntries?: number;
  /** The most body bytes kept per request. Default 256 KiB. */
  maxBodyBytes?: number;
}

function wholeNumber(value: number | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`journal ${name} must be a whole number >= ${min}, got ${value}`);
  return value;
}

/** A request journal in memory on an injected clock. */
export function createJournal(options: JournalOptions): Journal {
  const maxEntries = wholeNumber(options.maxEntries, 'maxEntries', 1) ?? 1000;
  const maxBodyBytes = wholeNumber(options.maxBodyBytes, 'maxBodyBytes', 0) ?? DEFAULT_MAX_BODY_BYTES;
  let entries: JournalEntry[] = [];
  let lastId = 0;
  return {
    record(request) {
      lastId += 1;
      const capped = capBody(request.body, maxBodyBytes);
      const entry: JournalEntry = {
        id: lastId,
        time: options.clock.now().toISOString(),
        method: request.method,
        path: request.path,
        headers: pickJournalHeaders(request.headers),
        body: capped.body,
        bodyBytes: capped.bytes,
        truncated: capped.truncated,
      };
      if (request.remoteAddress !== undefined) entry.remoteAddress = request.remoteAddress;
      if (request.status !== undefined) entry.status = request.status;
      if (request.operation !== undefined) entry.operation = request.operation;
      if (request.felkod !== undefined) entry.felkod = request.felkod;
      Object.freeze(entry.headers);
      entries.push(Object.freeze(entry));
      if (entries.length > maxEntries) entries.splice(0, entries.length - maxEntries);
      return entry;
    },
    list(page = {}) {
      const since = wholeNumber(page.since, 'since', 0) ?? 0;
      const limit = wholeNumber(page.limit, 'limit', 0);
      const after = entries.filter((e) => e.id > since);
      return limit === undefined ? after : after.slice(0, limit);
    },
    size: () => entries.length,
    clear() {
      entries = [];
    },
  };
}
