import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { makeAdmin } from './app.ts';

describe('admin API: service endpoints', () => {
  it('GET /admin/health answers ok', async () => {
    const res = await request(makeAdmin().app).get('/admin/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('GET /admin/ready names the active scenario', async () => {
    const res = await request(makeAdmin().app).get('/admin/ready');
    expect(res.body).toEqual({ status: 'ready', scenario: 'alpha' });
  });

  it('Given a store with no active scenario, Then GET /admin/ready is 503 problem+json', async () => {
    const { app, store } = makeAdmin();
    store.current = () => {
      throw new Error('nothing loaded');
    };
    const res = await request(app).get('/admin/ready');
    expect(res.status).toBe(503);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ title: 'Not ready', status: 503, detail: expect.stringContaining('nothing loaded') });
  });

  it('GET /admin/version gives name, version, contract and Node version', async () => {
    const res = await request(makeAdmin().app).get('/admin/version');
    expect(res.body).toEqual({ name: 'ssbtek-sim', version: '9.8.7', contract: 'SSBTEK v10', node: process.version });
  });

  it('GET /admin/release-notes is Markdown', async () => {
    const res = await request(makeAdmin().app).get('/admin/release-notes');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/markdown');
    expect(res.text).toBe('# Release notes\n\n- 9.8.7: admin API\n');
  });

  it('GET /admin/openapi.json serves the document with the scenario schema under /contracts', async () => {
    const res = await request(makeAdmin().app).get('/admin/openapi.json');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.text).toContain('"/contracts/scenario/scenario.schema.json#/$defs/Failure"');
    expect(res.text).not.toContain('"../scenario/');
  });

  it('Given an unknown path, Then 404 problem+json pointing at the OpenAPI document', async () => {
    const res = await request(makeAdmin().app).get('/admin/nope');
    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toEqual({ type: 'about:blank', title: 'Not found', status: 404, detail: 'GET /admin/nope does not exist; see /admin/openapi.json' });
  });
});
