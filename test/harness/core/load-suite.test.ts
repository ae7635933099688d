import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../../harness/core/load-suite.ts';
import { SuiteError } from '../../../harness/core/problems.ts';
import { caseYaml, coreRegistry, writeDir } from './support.ts';

const registry = coreRegistry();

function problemsOf(dir: string, mode: 'provider' | 'client' = 'provider', reg = registry): string[] {
  try {
    loadSuite(dir, mode, { registry: reg });
  } catch (e) {
    if (e instanceof SuiteError) return e.message.split('\n').map((l) => l.replace(`${dir}/`, ''));
    throw e;
  }
  return [];
}

describe('loadSuite', () => {
  it('loads files sorted by name, cases in file order, with the mode fields in body', () => {
    const dir = writeDir({
      'b.yaml': `cases:\n  - ${caseYaml('B-ONE').split('\n').join('\n    ')}\n  - ${caseYaml('B-TWO', 'tags: [fk]\n', 'SHOULD').split('\n').join('\n    ')}`,
      'a.yaml': caseYaml('A-ONE', 'request:\n  person: protected\nskip: not yet\n'),
      'notes.txt': 'ignored',
    });
    const cases = loadSuite(dir, 'provider', { registry });
    expect(cases.map((c) => [c.id, c.level, c.line])).toEqual([
      ['A-ONE', 'MUST', 1],
      ['B-ONE', 'MUST', 2],
      ['B-TWO', 'SHOULD', 7],
    ]);
    expect(cases[0]).toEqual({
      id: 'A-ONE',
      title: 'Given a person, when asked about A-ONE, then it answers',
      requirement: 'contract A-ONE',
      level: 'MUST',
      mode: 'provider',
      suite: dir.split('/').pop(),
      file: join(dir, 'a.yaml'),
      line: 1,
      body: { request: { person: 'protected' }, skip: 'not yet' },
    });
    expect(cases[2]?.body).toEqual({ tags: ['fk'] });
    expect(Object.isFrozen(cases[0]?.body)).toBe(true);
  });

  it('reports bad YAML as file:line:column', () => {
    expect(problemsOf(writeDir({ 'a.yaml': 'id: A-ONE\ntitle: [unclosed\n' }))).toEqual([
      expect.stringMatching(/^a\.yaml:3:1: YAML syntax: /),
    ]);
  });

  it('reports a missing field, a bad level, a bad id and a bad title, each located', () => {
    const dir = writeDir({ 'a.yaml': 'id: a-one\ntitle: It works\nlevel: MAY\n' });
    expect(problemsOf(dir)).toEqual([
      'a.yaml:1:1: missing required property "requirement"',
      'a.yaml:1:5: id: must be capitals, digits and hyphens starting with a capital, e.g. P-ECHO-001',
      'a.yaml:2:8: title: must read as "Given ..., when ..., then ..." (the Given part may be left out)',
      'a.yaml:3:8: level: must be one of "MUST", "SHOULD"',
    ]);
  });

  it('reports duplicate ids across the suite, naming where the first is', () => {
    const dir = writeDir({
      'a.yaml': caseYaml('A-ONE'),
      'b.yaml': `cases:\n  - id: A-ONE\n    title: When x then y\n    requirement: r\n    level: MUST\n`,
    });
    expect(problemsOf(dir)).toEqual([
      `b.yaml:2:9: cases[0].id: duplicate case id "A-ONE" (first in ${join(dir, 'a.yaml')}:1)`,
    ]);
  });

  it('collects the problems of every file and refuses files that hold no case', () => {
    const dir = writeDir({
      'a.yaml': '',
      'b.yaml': '- id: X\n',
      'c.yaml': 'cases: []\nextra: 1\n',
      'd.yaml': 'cases:\n  - just text\n',
    });
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(/^a\.yaml:1:1: empty file/),
      expect.stringMatching(/^b\.yaml:1:1: must be a case/),
      'c.yaml:2:1: extra: unknown property "extra": a file holds one case or only a cases: list',
      'c.yaml:1:8: cases: must be a non-empty list of cases',
      'd.yaml:2:5: cases[0]: must be a case: a mapping with id, title, requirement, level',
    ]);
  });

  it('refuses a missing or empty suite directory', () => {
    const missing = join(writeDir({}), 'nope');
    expect(() => loadSuite(missing, 'provider', { registry })).toThrow(
      `${missing}:1:1: no such suite directory`,
    );
    const empty = writeDir({});
    expect(() => loadSuite(empty, 'provider', { registry })).toThrow('no case files (*.yaml)');
  });

  it("checks the whole case against its mode's schema when contracts/ has one, without repeating the common problems", () => {
    const modeSchema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://schemas.ssbtek-sim.local/harness/client-case.schema.json',
      type: 'object',
      allOf: [{ $ref: 'case.schema.json' }],
      required: ['person'],
      properties: { person: { type: 'string' } },
    };
    const withMode = coreRegistry({ 'harness/client-case.schema.json': modeSchema });
    const dir = writeDir({
      'a.yaml': caseYaml('A-ONE'),
      'b.yaml': caseYaml('B-ONE', 'person: ordinary\n', 'OFTEN'),
    });
    expect(problemsOf(dir, 'client', withMode)).toEqual([
      'a.yaml:1:1: missing required property "person"',
      'b.yaml:4:8: level: must be one of "MUST", "SHOULD"',
    ]);
    // Provider mode has no schema in this registry: only the common part is checked.
    expect(
      loadSuite(writeDir({ 'a.yaml': caseYaml('A-ONE') }), 'provider', { registry: withMode }).map(
        (c) => c.id,
      ),
    ).toEqual(['A-ONE']);
  });
});
