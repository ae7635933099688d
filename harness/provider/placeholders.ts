/** Thrown for a placeholder a case names that the harness does not know. */
export class UnknownPlaceholder extends Error {
  constructor(name: string, known: string[]) {
    super(
      `{{${name}}} is not one of ${known.map((k) => `{{${k}}}`).join(', ')} (dates may be moved by days: {{tomDatum-30d}})`,
    );
    this.name = 'UnknownPlaceholder';
  }
}

function moveDate(date: string, days: number): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Replaces {{name}} in a text with its value; a date value may be moved by days ({{tomDatum-30d}},
 * {{fromDatum+7d}}). Throws UnknownPlaceholder for a name without a value.
 */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(
    /\{\{\s*([A-Za-z]+)\s*(?:([+-])\s*(\d+)d)?\s*\}\}/g,
    (_, name: string, sign?: string, days?: string) => {
      const value = values[name];
      if (value === undefined) throw new UnknownPlaceholder(name, Object.keys(values));
      if (sign === undefined || days === undefined) return value;
      if (!/^\d{4}-\d{2}-\d{2}/.test(value))
        throw new UnknownPlaceholder(`${name}${sign}${days}d`, Object.keys(values));
      return moveDate(value, sign === '-' ? -Number(days) : Number(days));
    },
  );
}

/** The same for every string inside a JSON value (a case's query overrides). */
export function fillPlaceholdersDeep(value: unknown, values: Record<string, string>): unknown {
  if (typeof value === 'string') return fillPlaceholders(value, values);
  if (Array.isArray(value)) return value.map((v) => fillPlaceholdersDeep(v, values));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholdersDeep(v, values)]));
  }
  return value;
}
