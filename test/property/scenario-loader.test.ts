import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseScenario, ScenarioError } from '../../simulator/scenarios/load.ts';

const DEFAULT_YAML = readFileSync(new URL('../../scenarios/default.yaml', import.meta.url), 'utf8');
const DEFAULT = parse(DEFAULT_YAML) as Record<string, unknown>;

/** Loads a text: a scenario, or a ScenarioError whose every problem is located; any other exception fails the property. */
function loadsOrLocates(text: string): void {
  try {
    const scenario = parseScenario(text, 'prop.yaml');
    expect(typeof scenario.name).toBe('string');
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    expect(e.problems.length).toBeGreaterThan(0);
    expect(e.problems.length).toBeLessThanOrEqual(51);
    const lines = text.split('\n').length;
    for (const p of e.problems) {
      expect(p.file).toBe('prop.yaml');
      expect(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines + 1).toBe(true);
      expect(Number.isInteger(p.column) && p.column >= 1).toBe(true);
      expect(p.message.trim()).not.toBe('');
    }
  }
}

/** The paths of the default scenario's values. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
const PATHS = paths(DEFAULT).filter((p) => p.length > 0);

function setAt(target: unknown, path: (string | number)[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const copy: Record<string | number, unknown> = Array.isArray(target) ? [...(target as unknown[])] as never : { ...(target as Record<string, unknown>) };
  if (rest.length === 0 && value === undefined) delete copy[head];
  else copy[head] = setAt(copy[head], rest, value);
  return copy;
}

const valueMutation = fc.record({
  path: fc.oneof(fc.constantFrom(...PATHS), fc.tuple(fc.constantFrom(...PATHS), fc.string({ maxLength: 6 })).map(([p, k]) => [...p, k])),
  value: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('', 'nodata', -1, 0, 1e21, true, null, [], {}, '198507142381', '198507142382')),
});

const LINES = DEFAULT_YAML.split('\n');
const textMutation = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat({ max: LINES.length - 1 }) }),
  fc.record({ kind: fc.constant('insert-line' as const), at: fc.nat({ max: LINES.length }), text: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('  - *x', '&a x', 'x: &a [*a]', '<<: *a', '\t', '---', '? [a]', 'bogus: 1', '  bogus: 1', '!!binary x', '"unterminated')) }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat({ max: LINES.length - 1 }), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: DEFAULT_YAML.length }) }),
);
type TextMutation = typeof textMutation extends fc.Arbitrary<infer M> ? M : never;

function applyText(lines: string[], m: TextMutation): string[] {
  switch (m.kind) {
    case 'delete-line':
      return lines.filter((_, i) => i !== m.at);
    case 'insert-line':
      return [...lines.slice(0, m.at), m.text, ...lines.slice(m.at)];
    case 'indent':
      return lines.map((l, i) => (i !== m.at ? l : m.by >= 0 ? `${' '.repeat(m.by)}${l}` : l.slice(Math.min(-m.by, l.length - l.trimStart().length))));
    case 'cut':
      return lines.join('\n').slice(0, m.at).split('\n');
  }
}

describe('the scenario loader gives a scenario or located problems for any YAML (property)', () => {
  it('the default scenario itself loads (the mutations start from a good file)', () => {
    expect(() => parseScenario(DEFAULT_YAML, 'default.yaml')).not.toThrow();
  });

  it('arbitrary JSON values written as YAML', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        loadsOrLocates(stringify(value));
      }),
      { numRuns: 200 },
    );
  });

  it('arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(fc.constantFrom('a', ':', ' ', '-', '\n', '&x', '*x', '[', ']', '{', '}', '"', "'", '#', '<<', '? ', '!!str', '|', '>', '---', '...', '%YAML 1.2', '\t'), { maxLength: 40 }).map((a) => a.join(''))), (text) => {
        loadsOrLocates(text);
      }),
      { numRuns: 300 },
    );
  });

  it('one to three changes of values in scenarios/default.yaml', () => {
    fc.assert(
      fc.property(fc.array(valueMutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        loadsOrLocates(stringify(mutations.reduce<unknown>((s, m) => setAt(s, m.path, m.value), DEFAULT)));
      }),
      { numRuns: 40 },
    );
  });

  it('one to three edits of the text of scenarios/default.yaml', () => {
    fc.assert(
      fc.property(fc.array(textMutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        loadsOrLocates(mutations.reduce(applyText, LINES).join('\n'));
      }),
      { numRuns: 40 },
    );
  });
});
