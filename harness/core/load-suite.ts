import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ErrorObject } from 'ajv';
import { contracts, type ContractRegistry } from '../../simulator/contracts/registry.ts';
import { deepFreeze } from './deep-freeze.ts';
import { displayPath } from './display-path.ts';
import { dedupeProblems, SuiteError, type Problem } from './problems.ts';
import { schemaProblems } from './schema-problems.ts';
import type { Case, Level, Mode } from './types.ts';
import { readYamlSource, type YamlSource } from './yaml-source.ts';

/** The schema every case must meet, whatever its mode. */
export const CASE_SCHEMA = 'harness/case.schema.json';

/** The schema of a mode's cases (used only when the file exists in contracts/). */
export function modeCaseSchema(mode: Mode): string {
  return `harness/${mode}-case.schema.json`;
}

/** The fields every case has; everything else goes into `Case.body`. */
const COMMON = new Set(['id', 'title', 'requirement', 'level']);

export interface LoadSuiteOptions {
  /** Where schemas are found (tests pass their own); default: the project's contracts. */
  registry?: ContractRegistry;
}

function hasSchema(registry: ContractRegistry, rel: string): boolean {
  try {
    registry.schema(rel);
    return true;
  } catch {
    return false;
  }
}

function rewrite(e: ErrorObject): string | undefined {
  if (e.keyword !== 'pattern') return undefined;
  if (e.instancePath.endsWith('/title'))
    return 'must read as "Given ..., when ..., then ..." (the Given part may be left out)';
  if (e.instancePath.endsWith('/id') && e.instancePath.split('/').length <= 2)
    return 'must be capitals, digits and hyphens starting with a capital, e.g. P-ECHO-001';
  return undefined;
}

interface Entry {
  pointer: string;
  value: unknown;
}

/** The cases written in one file: the file itself, or each item of its `cases:` list. */
function entriesOf(source: YamlSource, problems: Problem[]): Entry[] {
  const v = source.value;
  if (v === null || v === undefined) {
    problems.push(
      source.problem('', 'empty file: write one case (id, title, requirement, level, ...) or a cases: list'),
    );
    return [];
  }
  if (typeof v !== 'object' || Array.isArray(v)) {
    problems.push(
      source.problem(
        '',
        'must be a case (a mapping with id, title, requirement, level) or a mapping with a cases: list',
      ),
    );
    return [];
  }
  if (!('cases' in v)) return [{ pointer: '', value: v }];
  for (const key of Object.keys(v).filter((k) => k !== 'cases')) {
    problems.push(
      source.problem(
        `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        `unknown property "${key}": a file holds one case or only a cases: list`,
        true,
      ),
    );
  }
  const list = v.cases;
  if (!Array.isArray(list) || list.length === 0) {
    problems.push(source.problem('/cases', 'must be a non-empty list of cases'));
    return [];
  }
  return (list as unknown[]).map((value, i) => ({ pointer: `/cases/${i}`, value }));
}

function toCase(value: Record<string, unknown>, mode: Mode, suite: string, file: string, line: number): Case {
  const body = Object.fromEntries(Object.entries(value).filter(([k]) => !COMMON.has(k)));
  return {
    id: value.id as string,
    title: value.title as string,
    requirement: value.requirement as string,
    level: value.level as Level,
    mode,
    suite,
    file,
    line,
    body,
  };
}

/**
 * Loads every case of a suite directory (its `*.yaml` and `*.yml` files, sorted by name; cases in
 * file order). Each case is checked against contracts/harness/case.schema.json and, when that file
 * exists, its mode's schema (`harness/<mode>-case.schema.json`, given the whole case); ids must be
 * unique across the suite. Every problem is collected and thrown as one SuiteError; the cases
 * returned are frozen.
 */
export function loadSuite(dir: string, mode: Mode, options: LoadSuiteOptions = {}): Case[] {
  const shown = displayPath(dir);
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'unreadable';
    const why =
      code === 'ENOENT'
        ? 'no such suite directory'
        : code === 'ENOTDIR'
          ? 'not a directory'
          : `cannot read the suite directory (${code})`;
    throw new SuiteError([{ file: shown, line: 1, column: 1, path: '', message: why }]);
  }
  if (names.length === 0)
    throw new SuiteError([
      { file: shown, line: 1, column: 1, path: '', message: 'no case files (*.yaml) in the suite directory' },
    ]);

  const registry = options.registry ?? contracts();
  const common = registry.validator(CASE_SCHEMA);
  const modeSchema = hasSchema(registry, modeCaseSchema(mode))
    ? registry.validator(modeCaseSchema(mode))
    : undefined;
  const suite = basename(resolve(dir));
  const problems: Problem[] = [];
  const cases: Case[] = [];
  const seen = new Map<string, string>();

  for (const name of names) {
    const file = displayPath(join(dir, name));
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch (e) {
      problems.push({
        file,
        line: 1,
        column: 1,
        path: '',
        message: `cannot read the file (${(e as { code?: string }).code ?? 'unreadable'})`,
      });
      continue;
    }
    const source = readYamlSource(text, file);
    if (source.syntaxProblems.length > 0) {
      problems.push(...source.syntaxProblems);
      continue;
    }
    for (const { pointer, value } of entriesOf(source, problems)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        problems.push(
          source.problem(pointer, 'must be a case: a mapping with id, title, requirement, level'),
        );
        continue;
      }
      const found: Problem[] = [];
      if (!common(value)) found.push(...schemaProblems(common.errors, source, pointer, rewrite));
      if (modeSchema !== undefined && !modeSchema(value))
        found.push(...schemaProblems(modeSchema.errors, source, pointer, rewrite));
      const id = (value as { id?: unknown }).id;
      const line = source.lineOf(pointer);
      if (typeof id === 'string') {
        const first = seen.get(id);
        if (first !== undefined)
          found.push(source.problem(`${pointer}/id`, `duplicate case id "${id}" (first in ${first})`));
        else seen.set(id, `${file}:${line}`);
      }
      problems.push(...dedupeProblems(found));
      if (found.length === 0) cases.push(toCase(value as Record<string, unknown>, mode, suite, file, line));
    }
  }
  if (problems.length > 0) throw new SuiteError(problems);
  return deepFreeze(cases);
}
