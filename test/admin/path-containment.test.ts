import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resolveScenarioPath } from '../../simulator/admin/scenario-input.ts';
import { makeAdmin, scenarioYaml } from './app.ts';

// The admin token check: spy on timingSafeEqual to see that every comparison goes through it, on equal-length digests.
const { timingSafeEqualSpy } = vi.hoisted(() => ({ timingSafeEqualSpy: { calls: [] as [number, number][] } }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView): boolean => {
      timingSafeEqualSpy.calls.push([a.byteLength, b.byteLength]);
      return actual.timingSafeEqual(a, b);
    },
  };
});
const { tokenMatches } = await import('../../simulator/admin/access.ts');

const root = mkdtempSync(join(tmpdir(), 'ssbtek-contain-'));
const dir = join(root, 'scenarios');
const outside = join(root, 'outside');
mkdirSync(join(dir, 'sub'), { recursive: true });
mkdirSync(outside);
writeFileSync(join(dir, 'inside.yaml'), scenarioYaml('inside'));
writeFileSync(join(dir, 'sub', 'nested.yaml'), scenarioYaml('nested'));
writeFileSync(join(dir, 'notes.txt'), scenarioYaml('notes'));
writeFileSync(join(outside, 'evil.yaml'), scenarioYaml('evil'));
writeFileSync(join(outside, 'evil.txt'), scenarioYaml('eviltxt'));
// A file symlink and a directory symlink inside the folder, both pointing out of it.
symlinkSync(join(outside, 'evil.yaml'), join(dir, 'link.yaml'));
symlinkSync(outside, join(dir, 'linkdir'));
symlinkSync(join(outside, 'evil.txt'), join(dir, 'text-link.yaml'));
// A symlink inside pointing inside is fine.
symlinkSync(join(dir, 'inside.yaml'), join(dir, 'alias.yaml'));
// A directory and a FIFO with a .yaml name: neither may hang or crash the loader.
mkdirSync(join(dir, 'folder.yaml'));
let fifo = false;
try {
  execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
  fifo = true;
} catch {
  fifo = false;
}
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function postPath(path: string): Promise<{ status: number; body: { title?: string; name?: string; detail?: string; errors?: { message: string }[] }; loaded: string[] }> {
  const { app, store } = makeAdmin({ scenariosDir: dir });
  const res = await request(app).post('/admin/scenarios').send({ path });
  return { status: res.status, body: res.body as never, loaded: store.list().map((e) => e.name) };
}

describe('scenario paths given to the admin API cannot leave the scenarios folder', () => {
  it.each([
    ['a relative path', 'inside.yaml', 'inside'],
    ['a path into a subfolder', 'sub/nested.yaml', 'nested'],
    ['a path that wanders and comes back', 'sub/../inside.yaml', 'inside'],
    ['an absolute path inside the folder', join(dir, 'inside.yaml'), 'inside'],
    ['a symlink that stays inside', 'alias.yaml', 'inside'],
  ])('Given %s, Then it loads (201)', async (_name, path, name) => {
    const res = await postPath(path);
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
  });

  it.each([
    ['.. to a YAML file next to the folder', '../outside/evil.yaml'],
    ['.. with a subfolder first', 'sub/../../outside/evil.yaml'],
    ['an absolute path elsewhere', join(outside, 'evil.yaml')],
    ['a symlink (file) pointing out of the folder', 'link.yaml'],
    ['a path through a symlinked folder pointing out', 'linkdir/evil.yaml'],
    ['a symlink with a .yaml name pointing at a file outside', 'text-link.yaml'],
    ['a relative path from the folder to itself by its absolute name', relative(dir, join(outside, 'evil.yaml'))],
  ])('Given %s, Then 403 and nothing is loaded', async (_name, path) => {
    const res = await postPath(path);
    expect(res.status).toBe(403);
    expect(res.body.title).toBe('Outside the scenarios directory');
    expect(JSON.stringify(res.body)).not.toContain('evil-seed');
    expect(res.loaded).toEqual(['alpha', 'beta']);
  });

  it.each([
    ['URL-encoded dots', '%2e%2e/outside/evil.yaml'],
    ['URL-encoded slash', '..%2foutside%2fevil.yaml'],
    ['double-encoded', '%252e%252e%252foutside%252fevil.yaml'],
    ['backslashes', '..\\outside\\evil.yaml'],
    ['a NUL byte before the extension', 'inside\u0000.yaml'],
  ])('Given %s, Then it is taken literally (no such file, 404), never decoded into a traversal', async (_name, path) => {
    const res = await postPath(path);
    expect(res.status).toBe(404);
  });

  it.each([
    ['a text file inside', 'notes.txt'],
    ['/etc/passwd', '/etc/passwd'],
    ['.. to /etc/passwd', '../../../../etc/passwd'],
    ['a .yaml name followed by a NUL byte', 'inside.yaml\u0000'],
    ['a .yaml name with a NUL byte and another extension', 'inside.yaml\u0000.txt'],
    ['the folder itself', '.'],
  ])('Given %s (not a .yaml file), Then 400', async (_name, path) => {
    expect((await postPath(path)).status).toBe(400);
  });

  it('Given a folder with a .yaml name, Then 422 "not a regular file", quickly', async () => {
    const res = await postPath('folder.yaml');
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.message).toMatch(/not a regular file/);
  });

  it.runIf(fifo)('Given a FIFO with a .yaml name, Then 422 at once (reading it would never end)', async () => {
    const t0 = performance.now();
    const res = await postPath('pipe.yaml');
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(res.status).toBe(422);
    expect(res.body.errors?.[0]?.message).toMatch(/not a regular file/);
  });

  it('resolveScenarioPath returns the real file for what it accepts, and never a path outside', () => {
    expect(resolveScenarioPath(dir, 'alias.yaml')).toMatchObject({ ok: true, file: expect.stringMatching(/scenarios\/inside\.yaml$/) as string });
    for (const path of ['link.yaml', 'linkdir/evil.yaml', '../outside/evil.yaml', join(outside, 'evil.yaml')]) {
      const r = resolveScenarioPath(dir, path);
      expect(r.ok).toBe(false);
    }
  });
});

describe('the admin token', () => {
  it('is compared through timingSafeEqual on equal-length digests, whatever the lengths presented', () => {
    for (const presented of ['', 's', 's3cret', 's3cres', 'x'.repeat(10_000), 'sëcret', 's3cret\u0000']) {
      timingSafeEqualSpy.calls.length = 0;
      expect(tokenMatches(presented, 's3cret')).toBe(presented === 's3cret');
      expect(timingSafeEqualSpy.calls).toEqual([[32, 32]]);
    }
  });

  it('Given a token, Then the admin API refuses a wrong one of the same length and a prefix of it', async () => {
    const { app } = makeAdmin({ token: 's3cret' });
    for (const wrong of ['s3creT', 's3cre', 'S3cret', 's3cret2', '3cret']) {
      const res = await request(app).get('/admin/health').set('Authorization', `Bearer ${wrong}`);
      expect(res.status).toBe(401);
    }
    expect((await request(app).get('/admin/health').set('Authorization', 'Bearer s3cret')).status).toBe(200);
  });
});
