/** The request headers the journal keeps; every other header (cookies, authorization...) is dropped. */
export const JOURNAL_HEADERS = [
  'content-type',
  'soapaction',
  'user-agent',
  'x-ssbtek-scenario',
  'x-correlation-id',
] as const;
export type JournalHeaderName = (typeof JOURNAL_HEADERS)[number];
export type JournalHeaders = Partial<Record<JournalHeaderName, string>>;

/**
 * The kept headers of a request, names lower-cased (as Node's IncomingHttpHeaders, or any casing);
 * a repeated header's values joined with ", ".
 */
export function pickJournalHeaders(
  headers: Readonly<Record<string, string | readonly string[] | number | undefined>>,
): JournalHeaders {
  const out: JournalHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (value === undefined || !(JOURNAL_HEADERS as readonly string[]).includes(key)) continue;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    const prior = out[key as JournalHeaderName];
    out[key as JournalHeaderName] = prior === undefined ? text : `${prior}, ${text}`;
  }
  return out;
}
