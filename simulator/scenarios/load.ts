import { readFileSync } from 'node:fs';
import { isAlias, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { contracts } from '../contracts/registry.ts';
import { checkPersonidentitet } from '../domain/identity.ts';
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

/**
 * Parses, validates (contracts/scenario/scenario.schema.json, all errors) and freezes a scenario.
 * Every problem is reported with file, line, column and path; nothing is half-loaded.
 */
export function parseScenario(text: string, file = '<inline>'): Scenario {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const problems: ScenarioProblem[] = [];
  for (const err of doc.errors) {
    const pos = lines.linePos(err.pos[0]);
    problems.push({ file, line: pos.line, column: pos.col, path: '', message: `YAML syntax: ${err.message.split('\n')[0] ?? err.message}` });
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const add = (pointer: string, message: string, key = false): void => {
    const at = locate(doc, lines, pointer, key);
    problems.push({ file, ...at, path: jsonPath(pointer), message });
  };
  if (value === null || typeof value !== 'object') {
    add('', 'a scenario must be a YAML mapping with schemaVersion, name, seed and personas');
    throw new ScenarioError(problems);
  }
  const validate = contracts().validator('scenario/scenario.schema.json');
  if (!validate(value)) {
    for (const e of validate.errors ?? []) {
      const params = e.params as Record<string, unknown>;
      if (e.keyword === 'additionalProperties') {
        add(`${e.instancePath}/${String(params.additionalProperty)}`, `unknown property "${String(params.additionalProperty)}"`, true);
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
    throw new ScenarioError(dedupe(problems));
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
  if (problems.length > 0) throw new ScenarioError(problems);
  const scenario = normalizeScenario(raw, file);
  for (const p of checkPersonaOverrides(scenario)) add(p.pointer, p.message);
  if (problems.length > 0) throw new ScenarioError(problems);
  return deepFreeze(scenario);
}

/** Validates and normalises a scenario given as an object (YAML's shape); problems located by path only. */
export function scenarioFromObject(value: unknown, origin = '<inline>'): Scenario {
  return parseScenario(JSON.stringify(value, null, 1), origin);
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

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Reads and parses a scenario file (see parseScenario). A file that cannot be read is one problem. */
export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'unreadable';
    throw new ScenarioError([{ file, line: 1, column: 1, path: '', message: `cannot read the file (${code})` }]);
  }
  return parseScenario(text, file);
}
