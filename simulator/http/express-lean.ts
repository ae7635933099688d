import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';

/**
 * What the lean paths (issue 7: the base services' query route, the composite's SOAP endpoint) need of
 * an express app that its types leave out: taking a request before the app's router does, and giving a
 * request that skipped the routers what they would have given it.
 */

/** The parts of an express app used here that its types leave out. */
interface AppInternals {
  handle(req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): void;
  request: object;
  response: object;
}

/** Takes a request before the app's router, or says false to leave it to the router. */
export type LeanTake = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Makes `app` offer every request to `take` first; what it leaves goes through the app as before. */
export function takeFirst(app: object, take: LeanTake): void {
  const internals = app as AppInternals;
  const handle = internals.handle.bind(app);
  internals.handle = (req, res, next) => {
    if (!take(req, res)) handle(req, res, next);
  };
}

/**
 * Gives a request that skipped the routers what they give it on the way to `app`'s routes: express's
 * request and response methods of that app (so its settings: ETag, X-Powered-By), `res.locals`, and the
 * URL fields the router sets (`originalUrl`, `baseUrl`). A request that came through the app already has
 * them and is left as it is.
 */
export function adopt(app: object, req: IncomingMessage, res: ServerResponse): { req: Request; res: Response } {
  const internals = app as AppInternals;
  if (Object.getPrototypeOf(res) !== internals.response) {
    const r = req as IncomingMessage & { res?: ServerResponse; originalUrl?: string; baseUrl?: string };
    const s = res as ServerResponse & { req?: IncomingMessage; locals?: object };
    r.res = res;
    s.req = req;
    r.originalUrl ??= req.url;
    r.baseUrl = '';
    Object.setPrototypeOf(req, internals.request);
    Object.setPrototypeOf(res, internals.response);
    s.locals ??= Object.create(null) as object;
  }
  return { req: req as Request, res: res as Response };
}
