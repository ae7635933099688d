import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { sendProblem } from '../http/problem.ts';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback (::ffff:127.x.y.z); false for anything else or nothing. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  return LOOPBACK.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Compares a presented token with the configured one in constant time (both hashed to equal length). */
export function tokenMatches(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected)) && presented.length === expected.length;
}

/** The bearer token of an Authorization header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}

/** What the access rule decides for one request. */
export type AccessDecision = 'allow' | 'no-token' | 'wrong-token' | 'not-loopback';

/**
 * The admin API's access rule: with a token configured every request must carry it, from any address;
 * without one only loopback clients are served.
 */
export function decideAccess(options: { token: string | undefined; address: string | undefined; authorization: string | undefined }): AccessDecision {
  if (options.token !== undefined) {
    const presented = bearerToken(options.authorization);
    if (presented === undefined) return 'no-token';
    return tokenMatches(presented, options.token) ? 'allow' : 'wrong-token';
  }
  return isLoopback(options.address) ? 'allow' : 'not-loopback';
}

const REALM = 'Bearer realm="ssbtek-sim admin"';

/** Express middleware applying decideAccess. */
export function accessGuard(token: string | undefined, remoteAddress: (req: Request) => string | undefined) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const decision = decideAccess({ token, address: remoteAddress(req), authorization: req.get('authorization') });
    switch (decision) {
      case 'allow':
        next();
        return;
      case 'no-token':
        res.set('WWW-Authenticate', REALM);
        sendProblem(res, { title: 'Authentication required', status: 401, detail: 'The admin API needs an Authorization: Bearer <token> header with the token the simulator was started with (--admin-token).' });
        return;
      case 'wrong-token':
        res.set('WWW-Authenticate', `${REALM}, error="invalid_token"`);
        sendProblem(res, { title: 'Invalid token', status: 401, detail: 'The bearer token is not the one the simulator was started with (--admin-token).' });
        return;
      case 'not-loopback':
        sendProblem(res, {
          title: 'Admin API is local only',
          status: 403,
          detail: `The admin API answers only loopback clients (127.0.0.1, ::1) unless a token is set. Start the simulator with --admin-token <secret> and send Authorization: Bearer <secret> to use it from ${remoteAddress(req) ?? 'another host'}.`,
        });
        return;
    }
  };
}
