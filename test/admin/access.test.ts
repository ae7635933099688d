import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearerToken, decideAccess, isLoopback, tokenMatches } from '../../simulator/admin/access.ts';
import { makeAdmin } from './app.ts';

describe('the admin access rule', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.3.4', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:127.9.9.9', true],
    ['128.0.0.1', false],
    ['10.0.0.7', false],
    ['192.168.1.20', false],
    ['::ffff:10.0.0.7', false],
    ['fe80::1', false],
    ['::', false],
    ['localhost', false],
    ['', false],
    [undefined, false],
  ])('isLoopback(%s) is %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });

  it('reads a bearer token, case-insensitively on the scheme', () => {
    expect(bearerToken('Bearer s3cret')).toBe('s3cret');
    expect(bearerToken('bearer s3cret')).toBe('s3cret');
    expect(bearerToken('Basic dXNlcjpwdw==')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('compares tokens exactly (any length)', () => {
    expect(tokenMatches('s3cret', 's3cret')).toBe(true);
    expect(tokenMatches('s3cre', 's3cret')).toBe(false);
    expect(tokenMatches('s3cret!', 's3cret')).toBe(false);
    expect(tokenMatches('', 's3cret')).toBe(false);
  });

  it('Without a token: loopback allowed, others refused; with one: the token decides, from any address', () => {
    expect(decideAccess({ token: undefined, address: '127.0.0.1', authorization: undefined })).toBe('allow');
    expect(decideAccess({ token: undefined, address: '10.1.2.3', authorization: 'Bearer x' })).toBe('not-loopback');
    expect(decideAccess({ token: 'x', address: '127.0.0.1', authorization: undefined })).toBe('no-token');
    expect(decideAccess({ token: 'x', address: '127.0.0.1', authorization: 'Bearer y' })).toBe('wrong-token');
    expect(decideAccess({ token: 'x', address: '10.1.2.3', authorization: 'Bearer x' })).toBe('allow');
  });
});

describe('admin API access over HTTP', () => {
  it('Given no token, Then a loopback client (supertest) is served', async () => {
    const res = await request(makeAdmin().app).get('/admin/health');
    expect(res.status).toBe(200);
  });

  it('Given no token and a remote client, Then 403 problem+json explaining --admin-token', async () => {
    const { app } = makeAdmin({ remoteAddress: () => '192.0.2.10' });
    const res = await request(app).get('/admin/scenarios');
    expect(res.status).toBe(403);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ title: 'Admin API is local only', status: 403 });
    expect(res.body.detail).toContain('--admin-token');
    expect(res.body.detail).toContain('192.0.2.10');
  });

  it('Given a token, Then a request without it is 401 with WWW-Authenticate, even from loopback', async () => {
    const res = await request(makeAdmin({ token: 's3cret' }).app).get('/admin/health');
    expect(res.status).toBe(401);
    expect(res.type).toBe('application/problem+json');
    expect(res.headers['www-authenticate']).toBe('Bearer realm="ssbtek-sim admin"');
    expect(res.body).toMatchObject({ title: 'Authentication required', status: 401 });
  });

  it('Given a token, Then a wrong one is 401 invalid_token', async () => {
    const res = await request(makeAdmin({ token: 's3cret' }).app).get('/admin/health').set('Authorization', 'Bearer guess');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="ssbtek-sim admin", error="invalid_token"');
    expect(res.body).toMatchObject({ title: 'Invalid token', status: 401 });
  });

  it('Given a token, Then the right one is served, from a remote address too', async () => {
    const { app } = makeAdmin({ token: 's3cret', remoteAddress: () => '192.0.2.10' });
    const res = await request(app).get('/admin/health').set('Authorization', 'Bearer s3cret');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('refuses an empty token at construction', () => {
    expect(() => makeAdmin({ token: '' })).toThrow(/must not be empty/);
  });
});
