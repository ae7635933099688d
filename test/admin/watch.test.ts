import { mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { formatProblem, loadScenarioFile, type ScenarioError } from '../../simulator/scenarios/load.ts';
import { createScenarioStore, type LiveScenarioStore } from '../../simulator/scenarios/store.ts';
import { loadScenarioDir, watchScenarioFiles } from '../../simulator/scenarios/watch.ts';
import { makeScenario } from '../support/factories.ts';
import { scenarioYaml } from './app.ts';

const dir = mkdtempSync(join(tmpdir(), 'ssbtek-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** Polls until `check` holds (up to ~2 s). */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A store with the file's scenario loaded and active (beside another), watching the file. */
function watched(file: string) {
  const store: LiveScenarioStore = createScenarioStore({ clock: fixedClock('2026-11-27T10:00:00Z'), initial: [loadScenarioFile(file), makeScenario({ name: 'other' })], active: 'live' });
  const errors: ScenarioError[] = [];
  const reloads: string[] = [];
  closers.push(watchScenarioFiles(store, [file], { onReload: (s) => reloads.push(s.description ?? ''), onError: (e) => errors.push(e) }));
  return { store, errors, reloads };
}

const BROKEN = 'schemaVersion: 1\nname: live\nseed: 1\ncomposite:\n  timeoutMs: soon\n';

describe('watching scenario files', () => {
  it('applies a valid edit, keeps the last good one on a broken edit (problems with line:column), and applies the fix', async () => {
    const file = join(dir, 'live.yaml');
    writeFileSync(file, scenarioYaml('live', 'v1'));
    const { store, errors, reloads } = watched(file);
    store.activate('other');

    writeFileSync(file, scenarioYaml('live', 'v2'));
    await eventually(() => store.get('live')?.description === 'v2', 'v2');
    expect(store.activeName()).toBe('other');
    expect(reloads).toEqual(['v2']);

    writeFileSync(file, BROKEN);
    await eventually(() => errors.length > 0, 'the error');
    expect(store.get('live')?.description).toBe('v2');
    expect(errors[0]?.problems.map(formatProblem)).toEqual([`${file}:5:14: composite.timeoutMs: must be integer`]);
    expect(store.lastError('live')).toEqual(errors[0]?.problems);
    expect(store.list().find((e) => e.name === 'live')?.lastError).toHaveLength(1);

    writeFileSync(file, scenarioYaml('live', 'v3'));
    await eventually(() => store.get('live')?.description === 'v3', 'v3');
    expect(store.lastError('live')).toBeUndefined();
    expect(store.activeName()).toBe('other');
  });

  it('keeps watching after an editor replaces the file by renaming a new one over it', async () => {
    const file = join(dir, 'renamed.yaml');
    writeFileSync(file, scenarioYaml('live', 'v1'));
    const { store } = watched(file);
    const tmp = join(dir, '.renamed.yaml.swp');
    writeFileSync(tmp, scenarioYaml('live', 'v2'));
    renameSync(tmp, file);
    await eventually(() => store.get('live')?.description === 'v2', 'v2 after rename');
    writeFileSync(file, scenarioYaml('live', 'v3'));
    await eventually(() => store.get('live')?.description === 'v3', 'v3 written in place after the rename');
    writeFileSync(tmp, scenarioYaml('live', 'v4'));
    renameSync(tmp, file);
    await eventually(() => store.get('live')?.description === 'v4', 'v4 after a second rename');
  });

  it('reports a deleted file, keeps the scenario, and picks the file up when it comes back', async () => {
    const file = join(dir, 'deleted.yaml');
    writeFileSync(file, scenarioYaml('live', 'v1'));
    const { store, errors } = watched(file);
    unlinkSync(file);
    await eventually(() => errors.length > 0, 'the missing-file error');
    expect(errors[0]?.problems[0]?.message).toBe('cannot read the file (ENOENT)');
    expect(store.get('live')?.description).toBe('v1');
    writeFileSync(file, scenarioYaml('live', 'v2'));
    await eventually(() => store.get('live')?.description === 'v2', 'v2 after re-creation');
  });

  it('follows a file that renames its scenario: the old name goes and the active selection follows', async () => {
    const file = join(dir, 'rename-scenario.yaml');
    writeFileSync(file, scenarioYaml('live', 'v1'));
    const { store } = watched(file);
    writeFileSync(file, scenarioYaml('renamed', 'v2'));
    await eventually(() => store.get('renamed') !== undefined, 'the new name');
    expect(store.get('live')).toBeUndefined();
    expect(store.activeName()).toBe('renamed');
  });

  it('stops when closed', async () => {
    const file = join(dir, 'closed.yaml');
    writeFileSync(file, scenarioYaml('live', 'v1'));
    const { store } = watched(file);
    for (const close of closers.splice(0)) close();
    writeFileSync(file, scenarioYaml('live', 'v2'));
    await new Promise((r) => setTimeout(r, 300));
    expect(store.get('live')?.description).toBe('v1');
  });
});

describe('loading a scenario directory', () => {
  it('loads every valid *.yaml and reports each bad file without stopping the others', () => {
    const d = mkdtempSync(join(tmpdir(), 'ssbtek-dir-'));
    try {
      writeFileSync(join(d, 'a.yaml'), scenarioYaml('a'));
      writeFileSync(join(d, 'b.yaml'), BROKEN);
      writeFileSync(join(d, 'c.yml'), scenarioYaml('c'));
      writeFileSync(join(d, 'd.yaml'), scenarioYaml('a', 'same name as a.yaml'));
      writeFileSync(join(d, 'notes.txt'), 'not a scenario');
      const loaded = loadScenarioDir(d);
      expect(loaded.files).toEqual(['a.yaml', 'b.yaml', 'c.yml', 'd.yaml'].map((f) => join(d, f)));
      expect(loaded.scenarios.map((s) => s.name)).toEqual(['a', 'c']);
      expect(loaded.errors).toEqual([
        { origin: join(d, 'b.yaml'), problems: [{ file: join(d, 'b.yaml'), line: 5, column: 14, path: 'composite.timeoutMs', message: 'must be integer' }] },
        { origin: join(d, 'd.yaml'), problems: [{ file: join(d, 'd.yaml'), line: 2, column: 1, path: 'name', message: `duplicate scenario name "a" (also in ${join(d, 'a.yaml')})` }] },
      ]);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('reports a directory it cannot read', () => {
    const loaded = loadScenarioDir(join(dir, 'no-such-dir'));
    expect(loaded).toEqual({ files: [], scenarios: [], errors: [{ origin: join(dir, 'no-such-dir'), problems: [expect.objectContaining({ message: 'cannot read the file (ENOENT)' })] }] });
  });
});
