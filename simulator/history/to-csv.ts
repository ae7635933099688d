import type { HistoryEntry, HistorySource } from './history-entry.ts';

/** The CSV columns, in order: the header row names them. */
export const CSV_COLUMNS = [
  'id',
  'time',
  'scenario',
  'municipality.organisationsnummer',
  'municipality.namn',
  'caseworker',
  'personidentitet',
  'arendeidentitet',
  'syfte',
  'lagtext',
  'korrelationsid',
  'sources',
  'result',
  'felkod',
  'durationMs',
  'via',
] as const;

/** The asked sources in one cell: "AF:data;CSN:error SSBT-101" (timings are in the JSON Lines export only). */
export function sourcesCell(sources: readonly HistorySource[]): string {
  return sources
    .map((s) =>
      s.outcome === 'data'
        ? `${s.code}:data`
        : `${s.code}:error${s.felkod === undefined ? '' : ` ${s.felkod}`}`,
    )
    .join(';');
}

/**
 * One CSV field. A value a spreadsheet would read as a formula (starting with = + - @, or tab or
 * carriage return) gets a leading apostrophe, as OWASP recommends against CSV injection; then a field
 * holding a quote, comma, CR or LF is quoted with inner quotes doubled (RFC 4180).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(e: HistoryEntry): string[] {
  return [
    e.id,
    e.time,
    e.scenario,
    e.municipality.organisationsnummer,
    e.municipality.namn,
    e.caseworker,
    e.personidentitet,
    e.arendeidentitet,
    e.syfte,
    e.lagtext,
    e.korrelationsid ?? '',
    sourcesCell(e.sources),
    e.result,
    e.felkod ?? '',
    String(e.durationMs),
    e.via,
  ];
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, so Excel reads å, ä and ö right. Default false. */
  bom?: boolean;
}

/**
 * The entries as CSV (RFC 4180): a header row of CSV_COLUMNS, one row per entry, CRLF after every row,
 * to be sent as UTF-8 (text/csv; charset=utf-8). Every cell is guarded against formula injection
 * (see csvField): a handlaggare given as =1+1 is written '=1+1.
 */
export function toCsv(entries: readonly HistoryEntry[], options: CsvOptions = {}): string {
  const lines = [CSV_COLUMNS.join(','), ...entries.map((e) => row(e).map(csvField).join(','))];
  return `${options.bom === true ? '\uFEFF' : ''}${lines.map((l) => `${l}\r\n`).join('')}`;
}
