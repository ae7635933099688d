import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, MAX_SCENARIO_BYTES, parseScenario, ScenarioError, type ScenarioProblem } from '../../simulator/scenarios/load.ts';

const HEAD = 'schemaVersion: 1\nname: hostile\nseed: s\n';

/** The problems of a scenario that must not load, and how long it took to say so. */
function problemsOf(text: string): { problems: ScenarioProblem[]; ms: number } {
  const t0 = performance.now();
  try {
    parseScenario(text, 'hostile.yaml');
  } catch (e) {
    const ms = performance.now() - t0;
    if (!(e instanceof ScenarioError)) throw new Error(`expected a ScenarioError, got ${String(e)}`);
    for (const p of e.problems) {
      expect(p.file).toBe('hostile.yaml');
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeGreaterThanOrEqual(1);
    }
    return { problems: e.problems, ms };
  }
  throw new Error('expected the scenario to be refused');
}

const dir = mkdtempSync(join(tmpdir(), 'ssbtek-hostile-yaml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('alias and merge-key bombs', () => {
  it('Given nine levels of aliases each repeating the last nine times, Then refused at once as an alias bomb, at the first alias', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const { problems, ms } = problemsOf(`${HEAD}${levels.join('\n')}\n`);
    expect(ms).toBeLessThan(2000);
    expect(problems).toEqual([expect.objectContaining({ line: 5, column: 8, message: expect.stringMatching(/alias/) as string })]);
  });

  it('Given an alias used 500 times in a list, Then refused as an alias bomb', () => {
    const { problems } = problemsOf(`${HEAD}description: &d text\npersonas: [${Array(500).fill('*d').join(', ')}]\n`);
    expect(problems[0]?.message).toMatch(/alias/);
  });

  it('Given merge keys nested to multiply a map, Then refused quickly (merge keys are not YAML 1.2: "<<" is a repeated key)', () => {
    const { problems, ms } = problemsOf(`${HEAD}x1: &a {a: 1, b: 2}\nx2: &b {<<: *a, <<: *a}\nx3: &c {<<: [*b, *b, *b, *b, *b, *b]}\nx4: {<<: [*c, *c, *c, *c, *c, *c]}\n`);
    expect(ms).toBeLessThan(2000);
    expect(problems[0]).toMatchObject({ line: 5, message: expect.stringMatching(/"<<" is repeated/) as string });
  });

  it('Given a single merge key, Then "unknown property <<" says merge keys are not supported, at the key', () => {
    const { problems } = problemsOf(`${HEAD}composite: &c {timeoutMs: 100}\nsources:\n  AF: {<<: *c}\n`);
    expect(problems).toEqual([expect.objectContaining({ line: 6, column: 8, path: 'sources.AF.<<', message: expect.stringMatching(/merge keys are not supported/) as string })]);
  });

  it('Given an alias to an anchor that does not exist, Then a located problem, not a ReferenceError', () => {
    const { problems } = problemsOf(`${HEAD.replace('name: hostile', 'name: *nope')}`);
    expect(problems).toEqual([expect.objectContaining({ line: 2, column: 7, message: expect.stringMatching(/Unresolved alias/) as string })]);
  });

  it('Given an alias inside its own anchor (a cycle), Then refused as too deep, not a hang', () => {
    const { problems, ms } = problemsOf(`${HEAD}personas:\n  - id: p\n    personidentitet: "198507142381"\n    description: d\n    sources:\n      AF: &loop {x: [*loop]}\n`);
    expect(ms).toBeLessThan(2000);
    expect(problems[0]?.message).toMatch(/nested more than 64 levels deep/);
  });
});

describe('size and depth', () => {
  it(`Given a text over ${MAX_SCENARIO_BYTES / 1048576} MiB, Then refused at once at 1:1, saying the size and the limit`, () => {
    const { problems, ms } = problemsOf(`${HEAD}description: "${'a'.repeat(MAX_SCENARIO_BYTES)}"\n`);
    expect(ms).toBeLessThan(500);
    expect(problems).toEqual([expect.objectContaining({ line: 1, column: 1, message: 'the scenario is 1.0 MiB; at most 1 MiB is accepted' })]);
  });

  it('Given a file over the limit, Then refused before it is read', () => {
    const file = join(dir, 'huge.yaml');
    writeFileSync(file, `${HEAD}description: "${'a'.repeat(3 * 1048576)}"\n`);
    expect(() => loadScenarioFile(file)).toThrow(/huge\.yaml:1:1: the scenario is 3\.0 MiB; at most 1 MiB is accepted/);
  });

  it('Given a FIFO or a folder named .yaml, Then "not a regular file" at once (a FIFO would never end)', () => {
    mkdirSync(join(dir, 'folder.yaml'));
    expect(() => loadScenarioFile(join(dir, 'folder.yaml'))).toThrow(/not a regular file/);
    let fifo = true;
    try {
      execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    } catch {
      fifo = false;
    }
    if (fifo) expect(() => loadScenarioFile(join(dir, 'pipe.yaml'))).toThrow(/not a regular file/);
  });

  it('Given 60 000 unknown keys (just under the limit), Then refused in seconds, the first 50 listed and the rest counted', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const { problems, ms } = problemsOf(`${HEAD}${keys}\n`);
    expect(ms).toBeLessThan(10_000);
    expect(problems).toHaveLength(51);
    expect(problems[0]).toMatchObject({ line: 4, column: 1, path: 'k0', message: 'unknown property "k0"' });
    expect(problems[50]?.message).toBe('and 59950 more problems (only the first 50 are listed)');
  });

  it('Given 60 000 repeated keys, Then refused in seconds (the check is one pass, not every pair)', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `k: ${i}`).join('\n');
    const { problems, ms } = problemsOf(`${HEAD}${keys}\n`);
    expect(ms).toBeLessThan(10_000);
    expect(problems[0]).toMatchObject({ line: 5, column: 1, message: 'YAML syntax: Map keys must be unique ("k" is repeated)' });
    expect(problems).toHaveLength(51);
  });

  it.each([
    ['flow sequences', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['flow mappings', `${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`],
  ])('Given %s nested 5000 deep, Then one problem "nested too deeply", located', (_name, value) => {
    const { problems, ms } = problemsOf(`${HEAD}description: ${value}\n`);
    expect(ms).toBeLessThan(3000);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, message: expect.stringMatching(/nested too deeply/) as string });
  });

  it('Given block sequences nested 900 deep, Then refused with a location, never a stack overflow', () => {
    const lines = Array.from({ length: 900 }, (_, i) => `${' '.repeat(i + 1)}-`).join('\n');
    const { problems, ms } = problemsOf(`${HEAD}description:\n${lines} x\n`);
    expect(ms).toBeLessThan(3000);
    expect(problems.length).toBeLessThanOrEqual(51);
    expect(problems[0]?.message).toMatch(/nested/);
  });

  it('Given a free-form source override nested 100 deep, Then refused at the value 64 levels down', () => {
    const deep = `${'{a: '.repeat(100)}1${'}'.repeat(100)}`;
    const { problems } = problemsOf(`${HEAD}personas:\n  - {id: p, personidentitet: "198507142381", description: d, sources: {AF: ${deep}}}\n`);
    expect(problems).toEqual([expect.objectContaining({ line: 5, message: expect.stringMatching(/nested more than 64 levels deep/) as string })]);
    expect(problems[0]?.path).toMatch(/^personas\[0\]\.sources\.AF\.a\.a/);
  });
});

describe('unknown keys, wrong types and odd YAML, each with file:line:column', () => {
  it.each<[string, string, Partial<ScenarioProblem>]>([
    ['an unknown top-level key', `${HEAD}bogus: 1\n`, { line: 4, column: 1, path: 'bogus', message: 'unknown property "bogus"' }],
    ['an unknown nested key', `${HEAD}composite:\n  timeoutMs: 100\n  tiemout: 5\n`, { line: 6, column: 3, path: 'composite.tiemout', message: 'unknown property "tiemout"' }],
    ['a string for an integer', `${HEAD}composite:\n  timeoutMs: fast\n`, { line: 5, column: 14, path: 'composite.timeoutMs', message: 'must be integer' }],
    ['a list for a string', `schemaVersion: 1\nname: [x]\nseed: s\n`, { line: 2, column: 7, path: 'name', message: 'must be string' }],
    ['a map for a list', `${HEAD}personas: {a: 1}\n`, { line: 4, column: 11, path: 'personas', message: 'must be array' }],
    ['a float where an integer is needed', `${HEAD}composite: {timeoutMs: 1.5}\n`, { line: 4, column: 24, path: 'composite.timeoutMs', message: 'must be integer' }],
    ['a number too big for JSON', `${HEAD.replace('seed: s', 'seed: 1e400')}`, { line: 3, column: 7, path: 'seed' }],
    ['a wrong schemaVersion', HEAD.replace('schemaVersion: 1', 'schemaVersion: "1"'), { line: 1, column: 16, path: 'schemaVersion', message: 'must be one of 1' }],
    ['a repeated key', `${HEAD}name: again\n`, { line: 4, column: 1, message: 'YAML syntax: Map keys must be unique ("name" is repeated)' }],
    ['a collection as a key', `${HEAD}? [a, b]\n: 1\n`, { line: 4, column: 3, message: 'YAML syntax: a mapping key must be plain text, not a collection or an alias' }],
    ['a tab as indentation', `${HEAD}composite:\n\ttimeoutMs: 1\n`, { line: 5, message: expect.stringMatching(/^YAML syntax: Tabs/) as string }],
    ['two documents', `${HEAD}---\nfoo: 1\n`, { line: 4, column: 1, message: expect.stringMatching(/multiple documents/) as string }],
    ['a list as the document', '- a\n- b\n', { line: 1, column: 1 }],
    ['an empty document', '', { line: 1, column: 1, message: expect.stringMatching(/must be a YAML mapping/) as string }],
    ['__proto__ as a key', `${HEAD}__proto__: {polluted: 1}\n`, { line: 4, column: 1, path: '__proto__', message: 'unknown property "__proto__"' }],
    ['an unknown tag', `${HEAD.replace('seed: s', 'seed: !!js/function "x"')}`, { line: 3, column: 7, message: expect.stringMatching(/^YAML syntax: Unresolved tag/) as string }],
  ])('Given %s, Then the problem is located', (_name, text, expected) => {
    const { problems } = problemsOf(text);
    expect(problems[0]).toMatchObject(expected);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
