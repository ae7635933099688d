import { readFileSync, statSync } from 'node:fs';
import { isAlias, isMap, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { contracts } from '../contracts/registry.ts';
import { checkPersonidentitet } from '../domain/identity.ts';
import { deepFreeze } from '../domain/lru.ts';
import { checkPersonaOverrides } from './check-overrides.ts';
import { checkReferences } from './check-references.ts';
import { normalizeScenario, type RawScenario } from './normalize.ts';
import type { Scenario } from './types.ts';

/** One problem in a scenario file, located as file:line:column with the JSON path of the value. */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  message: string;
}

/** Thrown when a scenario cannot be loaded; holds every problem found, never a partial scenario. */
export class ScenarioError extends Error {
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
  }
}

export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.path === '' ? '' : `${p.path}: `}${p.message}`;
}

function pointerParts(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .filter((p) => p !== '')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function locate(doc: Document, lines: LineCounter, pointer: string, key = false): { line: number; column: number } {
  const parts = pointerParts(pointer);
  // The deepest node that exists on the path.
  for (let n = parts.length; n >= 0; n--) {
    const path = parts.slice(0, n);
    const node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isNode(node) || isAlias(node)) {
      let offset = node.range?.[0] ?? 0;
      if (key && n === parts.length && path.length > 0) {
        const parent: unknown = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
        const pair = (parent as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] }).items?.find(
          (i) => i.key?.value === path[path.length - 1],
        );
        if (pair?.key?.range) offset = pair.key.range[0];
      }
      const pos = lines.linePos(offset);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

function jsonPath(pointer: string): string {
  return pointerParts(pointer)
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
}

/** The largest scenario accepted (the shipped ones are under 10 KB; the admin API takes at most 1 MiB too). */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/** How deeply values may nest (the schema's structure needs about 10 levels; overrides are free-form). */
export const MAX_SCENARIO_DEPTH = 64;
/** At most this many problems are listed; the rest are counted in one last problem. */
export const MAX_SCENARIO_PROBLEMS = 50;
/** How many alias expansions toJS allows (the yaml package's guard against alias bombs). */
const MAX_ALIAS_COUNT = 100;

const tooLarge = (bytes: number): string =>
  `the scenario is ${(bytes / 1048576).toFixed(1)} MiB; at most ${MAX_SCENARIO_BYTES / 1048576} MiB is accepted`;

/** Problems (errors and warnings) the YAML parser reported, a run of "call stack" errors (deep nesting) folded into one. */
function syntaxProblems(doc: Document, lines: LineCounter, file: string): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  let deep = false;
  // Warnings too (an unknown tag such as !!js/function would otherwise be read silently as plain text).
  for (const err of [...doc.errors, ...doc.warnings]) {
    const tooDeep = /call stack/i.test(err.message);
    if (tooDeep && deep) continue;
    deep ||= tooDeep;
    const pos = lines.linePos(err.pos[0]);
    const message = tooDeep ? `YAML nested too deeply to be read (at most ${MAX_SCENARIO_DEPTH} levels are accepted)` : `YAML syntax: ${err.message.split('\n')[0] ?? err.message}`;
    out.push({ file, line: pos.line, column: pos.col, path: '', message });
  }
  return out;
}

/**
 * Mapping keys that are repeated, or are not plain scalars (a collection or an alias as a key), found in
 * one pass with a set per mapping: the yaml package's own uniqueKeys check compares every pair, which a
 * file of many keys turns into minutes.
 */
function keyProblems(doc: Document, lines: LineCounter, file: string): ScenarioProblem[] {
  const out: ScenarioProblem[] = [];
  visit(doc, {
    Map(_key, map) {
      if (!isMap(map)) return;
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key: unknown = pair.key;
        const range = isNode(key) || isAlias(key) ? key.range : undefined;
        const pos = lines.linePos(range?.[0] ?? map.range?.[0] ?? 0);
        if (!isScalar(key)) {
          out.push({ file, line: pos.line, column: pos.col, path: '', message: 'YAML syntax: a mapping key must be plain text, not a collection or an alias' });
          continue;
        }
        const name = String(key.value);
        if (seen.has(name)) out.push({ file, line: pos.line, column: pos.col, path: '', message: `YAML syntax: Map keys must be unique ("${name}" is repeated)` });
        seen.add(name);
      }
      return out.length >= MAX_SCENARIO_PROBLEMS ? visit.BREAK : undefined;
    },
  });
  return out;
}

/** Where the first alias of the document is, for an alias problem toJS reports without a position. */
function firstAlias(doc: Document, lines: LineCounter): { line: number; column: number } {
  let offset = 0;
  visit(doc, {
    Alias(_key, node) {
      offset = node.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  const pos = lines.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** The JSON pointer of the first value nested deeper than MAX_SCENARIO_DEPTH, or undefined (iterative: no recursion). */
function tooDeep(value: unknown): string | undefined {
  const stack: { v: unknown; pointer: string; depth: number }[] = [{ v: value, pointer: '', depth: 0 }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    if (top.v === null || typeof top.v !== 'object') continue;
    if (top.depth >= MAX_SCENARIO_DEPTH) return top.pointer;
    for (const [k, v] of Object.entries(top.v)) stack.push({ v, pointer: `${top.pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth: top.depth + 1 });
  }
  return undefined;
}

/**
 * Parses, validates (contracts/scenario/scenario.schema.json, all errors) and freezes a scenario.
 * Every problem is reported with file, line, column and path; nothing is half-loaded.
 */
export function parseScenario(text: string, file = '<inline>'): Scenario {
  // A rough bound first (a UTF-8 byte is at most one UTF-16 unit), so a huge text is not even measured.
  if (text.length > MAX_SCENARIO_BYTES) throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: tooLarge(Buffer.byteLength(text)) }]);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_SCENARIO_BYTES) throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: tooLarge(bytes) }]);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const syntax = syntaxProblems(doc, lines, file);
  if (syntax.length > 0) throw new ScenarioError(capped(syntax));
  let value: unknown;
  try {
    const keys = keyProblems(doc, lines, file);
    if (keys.length > 0) throw new ScenarioError(capped(keys));
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    // Aliases: one that names no anchor, or expansion past the limit (an alias bomb); nesting past the stack.
    const at = e instanceof RangeError ? { line: 1, column: 1 } : firstAlias(doc, lines);
    const message =
      e instanceof RangeError
        ? `YAML nested too deeply to be read (at most ${MAX_SCENARIO_DEPTH} levels are accepted)`
        : /excessive alias/i.test((e as Error).message)
          ? `YAML aliases expand too much (an alias bomb?): at most ${MAX_ALIAS_COUNT} alias uses are followed`
          : `YAML alias: ${(e as Error).message}`;
    throw new ScenarioError([{ file, ...at, path: '', message }]);
  }
  const problems: ScenarioProblem[] = [];
  // Locating costs a walk of the document, so past the cap problems are only counted.
  let unlisted = 0;
  const add = (pointer: string, message: string, key = false): void => {
    if (problems.length >= MAX_SCENARIO_PROBLEMS) {
      unlisted++;
      return;
    }
    const at = locate(doc, lines, pointer, key);
    problems.push({ file, ...at, path: jsonPath(pointer), message });
  };
  const fail = (): ScenarioError => {
    const listed = dedupe(problems);
    const last = listed[listed.length - 1];
    if (unlisted > 0 && last !== undefined) listed.push({ ...last, path: '', message: `and ${unlisted} more problems (only the first ${MAX_SCENARIO_PROBLEMS} are listed)` });
    return new ScenarioError(listed);
  };
  const deep = tooDeep(value);
  if (deep !== undefined) {
    add(deep, `nested more than ${MAX_SCENARIO_DEPTH} levels deep (or an alias refers to itself)`);
    throw fail();
  }
  if (value === null || typeof value !== 'object') {
    add('', 'a scenario must be a YAML mapping with schemaVersion, name, seed and personas');
    throw fail();
  }
  const validate = contracts().validator('scenario/scenario.schema.json');
  if (!validate(value)) {
    for (const e of validate.errors ?? []) {
      const params = e.params as Record<string, unknown>;
      if (e.keyword === 'additionalProperties') {
        const name = String(params.additionalProperty);
        add(`${e.instancePath}/${name}`, `unknown property "${name}"${name === '<<' ? ' (YAML merge keys are not supported: write the values out, or use an alias for a whole value)' : ''}`, true);
      } else if (e.keyword === 'required') {
        add(e.instancePath, `missing required property "${String(params.missingProperty)}"`);
      } else if (e.keyword === 'enum' || e.keyword === 'const') {
        const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
        add(e.instancePath, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`);
      } else if (e.keyword === 'oneOf' || e.keyword === 'if') {
        continue;
      } else {
        add(e.instancePath, e.message ?? 'is invalid');
      }
    }
    throw fail();
  }
  const raw = value as RawScenario;
  const personas = raw.personas ?? [];
  const ids = new Map<string, number>();
  const pnrs = new Map<string, number>();
  personas.forEach((p, i) => {
    if (ids.has(p.id)) add(`/personas/${i}/id`, `duplicate persona id "${p.id}" (also personas[${ids.get(p.id)}])`);
    else ids.set(p.id, i);
    if (pnrs.has(p.personidentitet)) add(`/personas/${i}/personidentitet`, `duplicate personidentitet (also personas[${pnrs.get(p.personidentitet)}])`);
    else pnrs.set(p.personidentitet, i);
    const checked = checkPersonidentitet(p.personidentitet);
    if (!checked.ok) {
      const why = checked.problem === 'date' ? 'holds no real birth date' : checked.problem === 'checkDigit' ? 'has a wrong check digit (Luhn)' : 'must be 12 digits';
      add(`/personas/${i}/personidentitet`, `personidentitet ${p.personidentitet} ${why}: the composite would refuse every query for it`);
    }
  });
  for (const problem of checkReferences(raw, new Set(ids.keys()))) add(problem.pointer, problem.message);
  if (problems.length > 0) throw fail();
  const scenario = normalizeScenario(raw, file);
  for (const p of checkPersonaOverrides(scenario)) add(p.pointer, p.message);
  if (problems.length > 0) throw fail();
  return deepFreeze(scenario);
}

/** Validates and normalises a scenario given as an object (YAML's shape); problems located by path only. */
export function scenarioFromObject(value: unknown, origin = '<inline>'): Scenario {
  return parseScenario(JSON.stringify(value, null, 1), origin);
}

/** The first MAX_SCENARIO_PROBLEMS problems, and one more counting the rest. */
function capped(problems: ScenarioProblem[]): ScenarioProblem[] {
  if (problems.length <= MAX_SCENARIO_PROBLEMS) return problems;
  const rest = problems[MAX_SCENARIO_PROBLEMS] as ScenarioProblem;
  return [...problems.slice(0, MAX_SCENARIO_PROBLEMS), { ...rest, message: `and ${problems.length - MAX_SCENARIO_PROBLEMS} more problems (only the first ${MAX_SCENARIO_PROBLEMS} are listed)` }];
}

function dedupe(problems: ScenarioProblem[]): ScenarioProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = formatProblem(p);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}


/**
 * Reads and parses a scenario file (with parseScenario, or `parse`: the CLI's cached equivalent,
 * simulator/cli/scenario-cache.ts). A file that cannot be read is one problem.
 */
export function loadScenarioFile(file: string, parse: (text: string, file: string) => Scenario = parseScenario): Scenario {
  let text: string;
  try {
    // Not a regular file (a FIFO or device would never end) or too large: refused before reading.
    const stat = statSync(file);
    if (!stat.isFile()) throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: 'not a regular file' }]);
    if (stat.size > MAX_SCENARIO_BYTES) throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: tooLarge(stat.size) }]);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    const code = (e as { code?: string }).code ?? 'unreadable';
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: `cannot read the file (${code})` }]);
  }
  return parse(text, file);
}
