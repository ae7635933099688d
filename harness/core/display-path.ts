import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (package) root: harness/core/../../ */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A file's path for reports and problems: relative to the repository when inside it, else absolute. */
export function displayPath(file: string): string {
  const abs = resolve(file);
  const rel = relative(REPO_ROOT, abs);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
}
