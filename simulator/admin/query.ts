/** One problem with a request's query string or body, located by parameter name or JSON path. */
export interface InputProblem {
  path: string;
  message: string;
}

/** Reads a request's query parameters, collecting every problem instead of stopping at the first. */
export class QueryReader {
  readonly problems: InputProblem[] = [];

  constructor(
    private readonly query: Record<string, unknown>,
    allowed: readonly string[],
  ) {
    for (const name of Object.keys(query)) {
      if (!allowed.includes(name)) this.problems.push({ path: name, message: `unknown query parameter (allowed: ${allowed.join(', ')})` });
    }
  }

  /** A text parameter, or undefined when absent. */
  text(name: string): string | undefined {
    const v = this.query[name];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') {
      this.problems.push({ path: name, message: 'must be given once' });
      return undefined;
    }
    return v;
  }

  /** One of `values`, or undefined when absent. */
  oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const v = this.text(name);
    if (v === undefined) return undefined;
    if ((values as readonly string[]).includes(v)) return v as T;
    this.problems.push({ path: name, message: `must be one of ${values.join(', ')}` });
    return undefined;
  }

  /** true or false, or `fallback` when absent. */
  bool(name: string, fallback: boolean): boolean {
    const v = this.oneOf(name, ['true', 'false'] as const);
    return v === undefined ? fallback : v === 'true';
  }

  /** An integer in [min, max], or `fallback` when absent. */
  int(name: string, min: number, max: number, fallback: number): number {
    const v = this.text(name);
    if (v === undefined) return fallback;
    const n = /^-?\d+$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.problems.push({ path: name, message: `must be an integer from ${min} to ${max}` });
      return fallback;
    }
    return n;
  }

  /** An instant: YYYY-MM-DD (midnight UTC) or an ISO 8601 date-time with offset; undefined when absent. */
  instant(name: string): Date | undefined {
    const v = this.text(name);
    if (v === undefined) return undefined;
    const ok = /^\d{4}-\d{2}-\d{2}$/.test(v) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v);
    const d = new Date(v);
    if (!ok || Number.isNaN(d.getTime())) {
      this.problems.push({ path: name, message: 'must be a date (YYYY-MM-DD) or a date-time with offset (2026-11-27T10:00:00Z)' });
      return undefined;
    }
    return d;
  }
}
