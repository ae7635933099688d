import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SOURCE_CODES } from '../../simulator/domain/sources.ts';
import { makeAdmin } from './app.ts';

describe('admin API: sources and live faults', () => {
  it('GET /admin/sources lists the seven sources in contract order with live fault and scenario behaviour', async () => {
    const res = await request(makeAdmin().app).get('/admin/sources');
    expect(res.status).toBe(200);
    expect(res.body.scenario).toBe('alpha');
    expect((res.body.sources as { code: string }[]).map((s) => s.code)).toEqual([...SOURCE_CODES]);
    expect(res.body.sources[3]).toEqual({ code: 'SKV', name: 'Skatteverket', liveFault: null, behaviour: { latency: { model: 'fixed', ms: 50 }, failures: [] }, servedBy: 'in-process' });
    expect(res.body.sources[0]).toMatchObject({ code: 'AF', liveFault: null, behaviour: null });
  });

  it('refuses with 409 a live fault for a source served by another process (--base-urls), saying where', async () => {
    const { app, ctx } = makeAdmin({ remoteSources: { FK: 'http://127.0.0.1:9103' } });
    const put = await request(app).put('/admin/sources/fk/fault').send({ mode: 'timeout' });
    expect(put.status).toBe(409);
    expect(put.type).toBe('application/problem+json');
    expect(put.body.detail).toContain('FK is served at http://127.0.0.1:9103');
    expect(ctx.runtime.liveFault('FK')).toBeUndefined();
    expect((await request(app).delete('/admin/sources/FK/fault')).status).toBe(409);
    expect((await request(app).get('/admin/sources/FK')).body.servedBy).toBe('http://127.0.0.1:9103');
    expect((await request(app).put('/admin/sources/SKV/fault').send({ mode: 'timeout' })).status).toBe(200);
  });

  it('PUT /admin/sources/:code/fault sets a live fault, normalised, shown by GET and in ctx.runtime', async () => {
    const { app, ctx } = makeAdmin();
    const res = await request(app).put('/admin/sources/skv/fault').send({ mode: 'technical-error', felkod: 'SKV-9071500', felmeddelande: 'Tekniskt fel', personas: ['p1'], when: { firstN: 3 } });
    expect(res.status).toBe(200);
    const fault = { mode: 'technical-error', felkod: 'SKV-9071500', felmeddelande: 'Tekniskt fel', when: { firstN: 3, personas: ['p1'] } };
    expect(res.body).toMatchObject({ code: 'SKV', liveFault: fault });
    expect(ctx.runtime.liveFault('SKV')).toEqual(fault);
    const one = await request(app).get('/admin/sources/SKV');
    expect(one.body.liveFault).toEqual(fault);
    const all = await request(app).get('/admin/sources');
    expect(all.body.sources[3].liveFault).toEqual(fault);
  });

  it('accepts the failure as YAML too', async () => {
    const { app, ctx } = makeAdmin();
    const res = await request(app).put('/admin/sources/CSN/fault').set('Content-Type', 'application/yaml').send('mode: timeout\n');
    expect(res.status).toBe(200);
    expect(ctx.runtime.liveFault('CSN')).toEqual({ mode: 'timeout', when: {} });
  });

  it('DELETE /admin/sources/:code/fault clears it (and is idempotent)', async () => {
    const { app, ctx } = makeAdmin();
    await request(app).put('/admin/sources/FK/fault').send({ mode: 'http-error', status: 503 });
    expect(ctx.runtime.liveFault('FK')).toEqual({ mode: 'http-error', status: 503, when: {} });
    expect((await request(app).delete('/admin/sources/FK/fault')).status).toBe(204);
    expect(ctx.runtime.liveFault('FK')).toBeUndefined();
    expect((await request(app).get('/admin/sources/FK')).body.liveFault).toBeNull();
    expect((await request(app).delete('/admin/sources/FK/fault')).status).toBe(204);
  });

  it('Given an invalid failure, Then 422 problem+json with every problem; nothing set', async () => {
    const { app, ctx } = makeAdmin();
    const res = await request(app).put('/admin/sources/AF/fault').send({ mode: 'explode', status: 200, colour: 'red' });
    expect(res.status).toBe(422);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.title).toBe('Invalid failure');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/', message: 'unknown property "colour"' },
        { path: '/mode', message: expect.stringMatching(/^must be one of "technical-error"/) },
        { path: '/status', message: 'must be >= 400' },
      ]),
    );
    expect(ctx.runtime.liveFault('AF')).toBeUndefined();
  });

  it('Given no mode, an array, a bad trigger, or no body, Then 4xx problems', async () => {
    const { app } = makeAdmin();
    const noMode = await request(app).put('/admin/sources/AF/fault').send({ felkod: 'X' });
    expect(noMode.status).toBe(422);
    expect(noMode.body.errors).toEqual([{ path: '/', message: 'missing required property "mode"' }]);
    const trigger = await request(app).put('/admin/sources/AF/fault').send({ mode: 'timeout', when: { everyNth: 0 } });
    expect(trigger.status).toBe(422);
    expect(trigger.body.errors).toEqual([{ path: '/when/everyNth', message: 'must be >= 1' }]);
    expect((await request(app).put('/admin/sources/AF/fault').send([{ mode: 'timeout' }])).status).toBe(400);
    expect((await request(app).put('/admin/sources/AF/fault')).status).toBe(415);
    expect((await request(app).put('/admin/sources/AF/fault').set('Content-Type', 'application/yaml').send('mode: [')).status).toBe(400);
  });

  it('Given an unknown source code, Then 404 everywhere', async () => {
    const { app } = makeAdmin();
    for (const res of [
      await request(app).get('/admin/sources/XYZ'),
      await request(app).put('/admin/sources/XYZ/fault').send({ mode: 'timeout' }),
      await request(app).delete('/admin/sources/XYZ/fault'),
    ]) {
      expect(res.status).toBe(404);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ title: 'Unknown source', detail: '"XYZ" is not a source; use one of AF, CSN, FK, SKV, SO, TNS, MIV' });
    }
  });
});

describe('admin API: reset', () => {
  it('resets counters always and keeps live faults unless asked', async () => {
    const { app, ctx } = makeAdmin();
    ctx.runtime.nextCall('alpha', 'AF');
    ctx.runtime.nextCall('alpha', 'AF');
    ctx.runtime.setLiveFault('AF', { mode: 'timeout', when: {} });
    expect((await request(app).post('/admin/reset')).status).toBe(204);
    expect(ctx.runtime.nextCall('alpha', 'AF')).toBe(1);
    expect(ctx.runtime.liveFault('AF')).toBeDefined();
    expect((await request(app).post('/admin/reset').send({ faults: true })).status).toBe(204);
    expect(ctx.runtime.liveFault('AF')).toBeUndefined();
  });

  it('clears history and journal when asked', async () => {
    const cleared: string[] = [];
    const { app } = makeAdmin({
      history: { query: () => [], clear: () => cleared.push('history') },
      journal: { list: () => [], clear: () => cleared.push('journal') },
    });
    await request(app).post('/admin/reset').send({ history: false, journal: true });
    expect(cleared).toEqual(['journal']);
    await request(app).post('/admin/reset').send({ history: true });
    expect(cleared).toEqual(['journal', 'history']);
  });

  it('Given unknown options or non-booleans, Then 400 listing them', async () => {
    const res = await request(makeAdmin().app).post('/admin/reset').send({ faults: 'yes', counters: true });
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([
      { path: '/faults', message: 'must be true or false' },
      { path: '/counters', message: 'unknown option (allowed: faults, history, journal)' },
    ]);
  });
});
