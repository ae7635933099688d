/** History as JSON Lines: one JSON object per line, each line ended by a newline. */
export function defaultJsonLines(entries: readonly object[]): string {
  return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * History as CSV (RFC 4180): a header of every field met, in order of first appearance; nested
 * values as JSON; CRLF line ends.
 */
export function defaultCsv(entries: readonly object[]): string {
  const columns: string[] = [];
  for (const e of entries) for (const k of Object.keys(e)) if (!columns.includes(k)) columns.push(k);
  const rows = entries.map((e) => columns.map((c) => cell((e as Record<string, unknown>)[c])).join(','));
  return [columns.map(cell).join(','), ...rows].map((line) => `${line}\r\n`).join('');
}
