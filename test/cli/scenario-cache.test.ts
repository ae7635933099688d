/**
 * The scenarios `start` loads are kept between starts (simulator/cli/scenario-cache.ts, issue 7): the cached
 * scenario must be the one parsing gives, a file whose text changed must be parsed again, and a file that does not
 * load must be reported exactly as without the cache, and never stored.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIOS_DIR } from '../../simulator/cli/main.ts';
import { scenarioCache } from '../../simulator/cli/scenario-cache.ts';
import { loadScenarioFile, parseScenario, ScenarioError } from '../../simulator/scenarios/load.ts';
import { loadScenarioDir } from '../../simulator/scenarios/watch.ts';

const fresh = (prefix: string): string => mkdtempSync(join(tmpdir(), `ssbtek-${prefix}-`));
const library = readdirSync(DEFAULT_SCENARIOS_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => join(DEFAULT_SCENARIOS_DIR, f));

function problemsOf(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return { message: e.message, problems: e.problems };
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

describe('the scenario cache of the start-up bundle', () => {
  it('gives every library scenario exactly as parsing does, deep-frozen, the first time and from the stored copy', () => {
    const dir = fresh('scenario-cache');
    for (const file of library) {
      const parsed = loadScenarioFile(file);
      const first = scenarioCache(dir).load(file);
      expect(first).toStrictEqual(parsed);
      // A new cache on the same directory (the next start) reads the stored copy.
      const again = scenarioCache(dir).load(file);
      expect(again).toStrictEqual(parsed);
      expect(again).not.toBe(first);
      expect(isDeepFrozen(again)).toBe(true);
    }
    expect(readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(library.length);
  });

  it('reads the stored copy instead of parsing, and parses again when the text changed', () => {
    const dir = fresh('scenario-cache');
    const file = join(fresh('scenario-files'), 'default.yaml');
    copyFileSync(join(DEFAULT_SCENARIOS_DIR, 'default.yaml'), file);
    expect(scenarioCache(dir).load(file).name).toBe('default');
    // Proof that a stored copy is used: change it behind the cache's back.
    const [stored = ''] = readdirSync(dir);
    const path = join(dir, stored);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"name":"default"', '"name":"from-the-cache"'));
    expect(scenarioCache(dir).load(file).name).toBe('from-the-cache');
    // The file edited: another text, parsed (and stored) anew.
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: default$/m, 'name: edited'));
    expect(scenarioCache(dir).load(file).name).toBe('edited');
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('reports a file that does not load exactly as loadScenarioFile does, and stores nothing', () => {
    const dir = fresh('scenario-cache');
    const files = fresh('scenario-files');
    const bad = join(files, 'bad.yaml');
    writeFileSync(
      bad,
      'schemaVersion: 1\nname: bad\nseed: 1\npersonas:\n  - { id: x, personidentitet: "123", description: kort }\n',
    );
    const missing = join(files, 'missing.yaml');
    for (const file of [bad, missing, files]) {
      expect(problemsOf(() => scenarioCache(dir).load(file))).toEqual(
        problemsOf(() => loadScenarioFile(file)),
      );
    }
    expect(problemsOf(() => scenarioCache(dir).parse('name: [', bad))).toEqual(
      problemsOf(() => parseScenario('name: [', bad)),
    );
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });

  it('still loads every scenario when its directory cannot be written', () => {
    const blocker = join(fresh('scenario-cache'), 'a-file');
    writeFileSync(blocker, '');
    const cache = scenarioCache(join(blocker, 'cache'));
    for (const file of library.slice(0, 3)) expect(cache.load(file)).toEqual(loadScenarioFile(file));
  });

  it('loadScenarioDir through the cache finds the same files, scenarios and errors (duplicates and bad files too)', () => {
    const dir = fresh('scenario-dir');
    for (const file of library.slice(0, 4))
      copyFileSync(file, join(dir, file.slice(DEFAULT_SCENARIOS_DIR.length)));
    copyFileSync(library[0] ?? '', join(dir, 'zz-same-name.yaml'));
    writeFileSync(
      join(dir, 'zz-bad.yaml'),
      'schemaVersion: 1\nname: bad\nseed: 1\npersonas: []\nunknown: 1\n',
    );
    const cache = fresh('scenario-cache');
    const plain = loadScenarioDir(dir);
    expect(plain.errors).toHaveLength(2);
    for (let i = 0; i < 2; i++) expect(loadScenarioDir(dir, scenarioCache(cache).parse)).toEqual(plain);
  });
});
