import { isAlias, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { Problem } from './problems.ts';

/** A parsed YAML file that can say where any JSON pointer in it is written. */
export interface YamlSource {
  file: string;
  /** The document as plain data; undefined when the YAML has syntax errors. */
  value: unknown;
  /** Syntax errors, located. */
  syntaxProblems: Problem[];
  /** A problem at the value (or, with `key`, the key) of `pointer` (JSON pointer, e.g. `/cases/0/id`). */
  problem(pointer: string, message: string, key?: boolean): Problem;
  /** The 1-based line where the value at `pointer` starts. */
  lineOf(pointer: string): number;
}

function pointerParts(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .filter((p) => p !== '')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** `/cases/0/level` as `cases[0].level`. */
export function pointerToPath(pointer: string): string {
  return pointerParts(pointer)
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
}

function offsetOf(doc: Document, pointer: string, key: boolean): number {
  const parts = pointerParts(pointer);
  // The deepest node that exists on the path.
  for (let n = parts.length; n >= 0; n--) {
    const path = parts.slice(0, n);
    const node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (!isNode(node) && !isAlias(node)) continue;
    if (key && n === parts.length && path.length > 0) {
      const parent: unknown = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
      const items = (parent as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] })
        .items;
      const pair = items?.find((i) => i.key?.value === path[path.length - 1]);
      if (pair?.key?.range) return pair.key.range[0];
    }
    return node.range?.[0] ?? 0;
  }
  return 0;
}

/** Parses one YAML document (unique keys, aliases bounded) keeping what is needed to locate problems. */
export function readYamlSource(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntaxProblems = doc.errors.map((err): Problem => {
    const pos = lines.linePos(err.pos[0]);
    return {
      file,
      line: pos.line,
      column: pos.col,
      path: '',
      message: `YAML syntax: ${err.message.split('\n')[0] ?? err.message}`,
    };
  });
  let value: unknown;
  if (syntaxProblems.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      syntaxProblems.push({ file, line: 1, column: 1, path: '', message: `YAML: ${(e as Error).message}` });
    }
  }
  const at = (pointer: string, key = false): { line: number; column: number } => {
    const pos = lines.linePos(offsetOf(doc, pointer, key));
    return { line: pos.line, column: pos.col };
  };
  return {
    file,
    value,
    syntaxProblems,
    problem: (pointer, message, key = false) => ({
      file,
      ...at(pointer, key),
      path: pointerToPath(pointer),
      message,
    }),
    lineOf: (pointer) => at(pointer).line,
  };
}
