import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { makeAdmin, NOW, scenarioYaml } from './app.ts';

const dir = mkdtempSync(join(tmpdir(), 'ssbtek-admin-'));
const outside = mkdtempSync(join(tmpdir(), 'ssbtek-outside-'));
writeFileSync(join(dir, 'gamma.yaml'), scenarioYaml('gamma', 'from a file'));
writeFileSync(join(dir, 'broken.yaml'), 'schemaVersion: 1\nname: broken\nseed: 1\nsources:\n  XX: {}\n');
writeFileSync(join(outside, 'evil.yaml'), scenarioYaml('evil'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('admin API: scenarios', () => {
  it('GET /admin/scenarios lists them with the active one', async () => {
    const res = await request(makeAdmin().app).get('/admin/scenarios');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      active: 'alpha',
      scenarios: [
        { name: 'alpha', description: 'the first', origin: '<inline>', active: true, loadedAt: NOW, personas: 0 },
        { name: 'beta', origin: '<inline>', active: false, loadedAt: NOW, personas: 1 },
      ],
      errors: [],
    });
  });

  it('GET /admin/scenarios/:name gives the normalised scenario; unknown is 404', async () => {
    const { app } = makeAdmin();
    const res = await request(app).get('/admin/scenarios/alpha');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schemaVersion: 1, name: 'alpha', composite: { timeoutMs: 2000, maintenance: [] }, sources: { SKV: { latency: { model: 'fixed', ms: 50 }, failures: [] } } });
    const missing = await request(app).get('/admin/scenarios/nope');
    expect(missing.status).toBe(404);
    expect(missing.type).toBe('application/problem+json');
    expect(missing.body).toMatchObject({ title: 'Unknown scenario', detail: expect.stringContaining('"nope"') });
  });

  it('PUT /admin/scenarios/active switches; the store (and so the composite) follows', async () => {
    const { app, store, ctx } = makeAdmin();
    const res = await request(app).put('/admin/scenarios/active').send({ name: 'beta' });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe('beta');
    expect(store.current().name).toBe('beta');
    expect(ctx.scenarios.current().name).toBe('beta');
    const ready = await request(app).get('/admin/ready');
    expect(ready.body.scenario).toBe('beta');
  });

  it('PUT /admin/scenarios/active: unknown name 404, no name 400', async () => {
    const { app } = makeAdmin();
    const unknown = await request(app).put('/admin/scenarios/active').send({ name: 'nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('no scenario named "nope" is loaded (loaded: alpha, beta)');
    const bad = await request(app).put('/admin/scenarios/active').send({ scenario: 'beta' });
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('application/problem+json');
  });

  it('POST /admin/scenarios with YAML loads it without activating; 201 with the entry and Location', async () => {
    const { app, store } = makeAdmin();
    const res = await request(app).post('/admin/scenarios').set('Content-Type', 'application/yaml').send(scenarioYaml('delta'));
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/admin/scenarios/delta');
    expect(res.body).toEqual({ name: 'delta', description: 'from YAML', origin: '<request>', active: false, loadedAt: NOW, personas: 0 });
    expect(store.activeName()).toBe('alpha');
    expect(store.get('delta')?.seed).toBe('delta-seed');
  });

  it('POST /admin/scenarios?activate=true (text/yaml) loads and activates; same name replaces', async () => {
    const { app, store } = makeAdmin();
    const res = await request(app).post('/admin/scenarios?activate=true').set('Content-Type', 'text/yaml').send(scenarioYaml('beta', 'replaced'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'beta', description: 'replaced', active: true });
    expect(store.current().description).toBe('replaced');
    expect(store.list()).toHaveLength(2);
  });

  it('Given a YAML body with errors, Then 422 problem+json listing each with file:line:column', async () => {
    const { app, store } = makeAdmin();
    const yaml = 'schemaVersion: 1\nname: bad\nseed: 1\nsources:\n  CSN:\n    failure:\n      mode: explode\n';
    const res = await request(app).post('/admin/scenarios').set('Content-Type', 'application/yaml').send(yaml);
    expect(res.status).toBe(422);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Invalid scenario', status: 422 });
    expect(res.body.errors).toEqual([
      { file: '<request>', line: 7, column: 13, path: 'sources.CSN.failure.mode', message: expect.stringMatching(/^must be one of "technical-error"/) },
    ]);
    expect(res.body.detail).toContain('<request>:7:13: sources.CSN.failure.mode: must be one of');
    expect(store.get('bad')).toBeUndefined();
  });

  it('Given YAML that does not parse, Then 422 with the syntax error located', async () => {
    const res = await request(makeAdmin().app).post('/admin/scenarios').set('Content-Type', 'application/yaml').send('schemaVersion: 1\nname: x\nseed: [1, 2\n');
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ file: '<request>', line: expect.any(Number), column: expect.any(Number), message: expect.stringMatching(/^YAML syntax/) });
  });

  it('POST /admin/scenarios {path} loads a file under the scenarios directory', async () => {
    const { app, store } = makeAdmin({ scenariosDir: dir });
    const res = await request(app).post('/admin/scenarios').send({ path: 'gamma.yaml' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'gamma', description: 'from a file', active: false });
    expect(store.get('gamma')?.origin).toMatch(/gamma\.yaml$/);
  });

  it('POST /admin/scenarios {path}: an invalid file 422 with its name; missing 404; outside 403; not YAML 400', async () => {
    const { app } = makeAdmin({ scenariosDir: dir });
    const broken = await request(app).post('/admin/scenarios').send({ path: 'broken.yaml' });
    expect(broken.status).toBe(422);
    expect(broken.body.errors).toEqual([{ file: expect.stringMatching(/broken\.yaml$/), line: 5, column: 3, path: 'sources.XX', message: 'unknown property "XX"' }]);
    expect((await request(app).post('/admin/scenarios').send({ path: 'none.yaml' })).status).toBe(404);
    const escape = await request(app).post('/admin/scenarios').send({ path: join(outside, 'evil.yaml') });
    expect(escape.status).toBe(403);
    expect(escape.body.title).toBe('Outside the scenarios directory');
    expect((await request(app).post('/admin/scenarios').send({ path: '../../etc/passwd' })).status).toBe(400);
  });

  it('POST /admin/scenarios: other media types 415, a JSON body that is not {path} 400, malformed JSON 400, bad activate 400', async () => {
    const { app } = makeAdmin({ scenariosDir: dir });
    const text = await request(app).post('/admin/scenarios').set('Content-Type', 'text/plain').send('name: x');
    expect(text.status).toBe(415);
    expect(text.type).toBe('application/problem+json');
    expect((await request(app).post('/admin/scenarios').send({ schemaVersion: 1, name: 'x' })).status).toBe(400);
    const malformed = await request(app).post('/admin/scenarios').set('Content-Type', 'application/json').send('{"path": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.title).toBe('Malformed JSON body');
    const activate = await request(app).post('/admin/scenarios?activate=yes').set('Content-Type', 'application/yaml').send(scenarioYaml('x'));
    expect(activate.status).toBe(400);
    expect(activate.body.errors).toEqual([{ path: 'activate', message: 'must be one of true, false' }]);
  });

  it('POST /admin/scenarios/:name/reload re-reads its file; broken keeps the last good one with lastError', async () => {
    const file = join(dir, 'reloaded.yaml');
    writeFileSync(file, scenarioYaml('reloaded', 'v1'));
    const { app, store } = makeAdmin({ scenariosDir: dir });
    expect((await request(app).post('/admin/scenarios').send({ path: 'reloaded.yaml' })).status).toBe(201);
    writeFileSync(file, scenarioYaml('reloaded', 'v2'));
    const ok = await request(app).post('/admin/scenarios/reloaded/reload');
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ name: 'reloaded', description: 'v2' });
    writeFileSync(file, 'schemaVersion: 1\nname: reloaded\nseed: 1\nbogus: true\n');
    const bad = await request(app).post('/admin/scenarios/reloaded/reload');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ line: 4, column: 1, message: 'unknown property "bogus"' });
    expect(bad.body.detail).toContain('The last good version stays loaded.');
    expect(store.get('reloaded')?.description).toBe('v2');
    const list = await request(app).get('/admin/scenarios');
    const entries = list.body.scenarios as { name: string; lastError?: unknown[] }[];
    expect(entries.find((e) => e.name === 'reloaded')?.lastError).toHaveLength(1);
    expect((await request(app).post('/admin/scenarios/alpha/reload')).status).toBe(409);
    expect((await request(app).post('/admin/scenarios/nope/reload')).status).toBe(404);
  });

  it('DELETE /admin/scenarios/:name removes one; the active one 409; unknown 404', async () => {
    const { app, store } = makeAdmin();
    expect((await request(app).delete('/admin/scenarios/beta')).status).toBe(204);
    expect(store.get('beta')).toBeUndefined();
    const active = await request(app).delete('/admin/scenarios/alpha');
    expect(active.status).toBe(409);
    expect(active.type).toBe('application/problem+json');
    expect(active.body.detail).toContain('activate another one');
    expect((await request(app).delete('/admin/scenarios/beta')).status).toBe(404);
  });
});
