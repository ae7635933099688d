/** One problem in a suite or mapping file, located as file:line:column with the path of the value. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Path of the value in the file, e.g. `cases[2].level`; empty for the whole file. */
  path: string;
  message: string;
}

/** `file:line:column: path: message`, the form editors and CI logs link to. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`;
}

/** Thrown when a file set cannot be loaded; holds every problem found, one per line in `message`. */
export class ProblemsError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ProblemsError';
  }
}

/** A suite could not be loaded (YAML syntax, schema, duplicate ids, unreadable directory). */
export class SuiteError extends ProblemsError {
  constructor(problems: Problem[]) {
    super(problems);
    this.name = 'SuiteError';
  }
}

/** A mapping file could not be loaded. */
export class MappingError extends ProblemsError {
  constructor(problems: Problem[]) {
    super(problems);
    this.name = 'MappingError';
  }
}

/** The problems without repeats (two schemas may report the same thing), in first-seen order. */
export function dedupeProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
