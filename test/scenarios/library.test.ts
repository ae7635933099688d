import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIO_DIR = join(ROOT, 'scenarios');
const SCHEMA_FILE = join(ROOT, 'contracts/scenario/scenario.schema.json');
const REFERENCE_FILE = join(ROOT, 'docs/scenario-reference.md');

/** Every scenario file of the library, default.yaml included. */
const FILES = readdirSync(SCENARIO_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

type SchemaNode = Record<string, unknown>;

/**
 * Every property path of the scenario schema as docs/scenario-reference.md writes it: dotted from the
 * root (`composite.unavailable.when`), `[]` for the items of a list (`composite.maintenance[].from`),
 * and a $defs shape by its own name (`Trigger`, `Trigger.window.from`), walked once where a $ref first
 * reaches it. oneOf/anyOf/allOf branches add their properties to the same path.
 */
function schemaPaths(schema: SchemaNode): Set<string> {
  const defs = (schema.$defs ?? {}) as Record<string, SchemaNode>;
  const paths = new Set<string>();
  const walkedDefs = new Set<string>();
  const walk = (node: SchemaNode, prefix: string): void => {
    if (typeof node.$ref === 'string') {
      const name = node.$ref.replace(/^#\/\$defs\//, '');
      const def = defs[name];
      if (def === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
      paths.add(name);
      if (!walkedDefs.has(name)) {
        walkedDefs.add(name);
        walk(def, name);
      }
      return;
    }
    for (const [key, child] of Object.entries((node.properties ?? {}) as Record<string, SchemaNode>)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      paths.add(path);
      walk(child, path);
    }
    if (node.items !== undefined && typeof node.items === 'object')
      walk(node.items as SchemaNode, `${prefix}[]`);
    for (const keyword of ['oneOf', 'anyOf', 'allOf']) {
      for (const branch of (node[keyword] ?? []) as SchemaNode[]) walk(branch, prefix);
    }
  };
  walk(schema, '');
  return paths;
}

/** Splits a Markdown table row into cells (a `\|` stays inside its cell). */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/** The backticked names in the first cell of every row of every Markdown table whose first header cell is `header`. */
function firstColumnNames(markdown: string, header: string): Set<string> {
  const names = new Set<string>();
  let inTable = false;
  for (const line of markdown.split('\n')) {
    if (!line.trim().startsWith('|')) {
      inTable = false;
      continue;
    }
    const row = cells(line);
    const first = row[0] ?? '';
    if (!inTable) {
      inTable = first === header;
      continue;
    }
    if (/^:?-+:?$/.test(first)) continue;
    for (const m of first.matchAll(/`([^`]+)`/g)) names.add(m[1] ?? '');
  }
  return names;
}

/** The leading comment block of a YAML file (lines starting with #, before the first other line). */
function headerComment(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line.replace(/^#\s?/, ''));
  }
  return lines;
}

describe('the scenario library (scenarios/*.yaml)', () => {
  it('has at least ten scenarios besides default.yaml', () => {
    expect(FILES).toContain('default.yaml');
    expect(FILES.filter((f) => f !== 'default.yaml').length).toBeGreaterThanOrEqual(10);
  });

  it.each(FILES)('%s loads (schema, references, persona overrides) and is named after its file', (file) => {
    const scenario = loadScenarioFile(join(SCENARIO_DIR, file));
    expect(scenario.name).toBe(basename(file, '.yaml'));
    expect(scenario.personas.length).toBeGreaterThan(0);
  });

  it.each(FILES)(
    '%s begins with a header comment saying what it shows (and, in the library, for whom)',
    (file) => {
      const header = headerComment(readFileSync(join(SCENARIO_DIR, file), 'utf8'));
      expect(header.length, `${file} must begin with a comment of at least two lines`).toBeGreaterThanOrEqual(
        2,
      );
      expect(header.join(' ').length).toBeGreaterThan(80);
      if (file !== 'default.yaml') {
        expect(header.join(' '), `${file}: the header must say who the scenario is for`).toMatch(
          /\b(trainers?|(client )?developers?|CI|testers?)\b/i,
        );
      }
    },
  );

  it('uses only valid personidentiteter with serial numbers 980-999 for its personas', () => {
    for (const file of FILES) {
      for (const p of loadScenarioFile(join(SCENARIO_DIR, file)).personas) {
        const serial = Number(p.personidentitet.slice(8, 11));
        expect(serial, `${file}: ${p.id} ${p.personidentitet}`).toBeGreaterThanOrEqual(980);
      }
    }
  });
});

describe('docs/scenario-reference.md', () => {
  const reference = readFileSync(REFERENCE_FILE, 'utf8');
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as SchemaNode;
  const expected = schemaPaths(schema);
  const documented = firstColumnNames(reference, 'path');

  it('the schema walk finds nested, $ref, array-item and oneOf paths', () => {
    for (const p of [
      'composite.unavailable.when',
      'Trigger.window.from',
      'composite.maintenance[].from',
      'Latency.sigma',
      'Persona.behaviour.CSN',
      'SourceBehaviour.sequence',
      'Failure.mode',
      'Caseworker.instructionsAcknowledged',
      'SourceCode',
    ]) {
      expect(expected).toContain(p);
    }
  });

  it('has a row for every property path of contracts/scenario/scenario.schema.json', () => {
    const missing = [...expected].filter((p) => !documented.has(p));
    expect(missing, 'fields of the schema without a row in docs/scenario-reference.md').toEqual([]);
  });

  it('has no row for a field the schema does not have', () => {
    const stale = [...documented].filter((p) => !expected.has(p));
    expect(stale, 'rows in docs/scenario-reference.md naming no field of the schema').toEqual([]);
  });

  it('lists every scenario file in its library table', () => {
    const listed = firstColumnNames(reference, 'file');
    const missing = FILES.filter((f) => !listed.has(f));
    expect(missing, 'scenario files missing from the library table of docs/scenario-reference.md').toEqual(
      [],
    );
  });
});
