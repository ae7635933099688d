import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { timeoutFor, type CompositeDeps } from '../composite/service.ts';
import { SOURCE_CODES, type SourceCode } from '../domain/sources.ts';
import type { LiveScenarioStore } from '../scenarios/store.ts';
import { uiApiRoutes } from './api/routes.ts';

/** What the trainer page's server side needs. */
export interface UiDeps {
  deps: CompositeDeps;
  store: LiveScenarioStore;
  /** The SOAP endpoint path the page sends its queries to. */
  soapPath: string;
}

/** The page's files: plain HTML, CSS and JavaScript modules, served as they are (no build step). */
export const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));

/**
 * Only 'self': no inline script or style, no other origin, no framing. The page builds everything with
 * DOM calls and sets sizes through CSSOM, which CSP allows.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The page's own files; anything else in the folder (tsconfig.json, *.d.ts for type-checking) is not served. */
const SERVED = /^\/(?:[a-z0-9-]+\.(?:html|js|css|svg|ico))?$/;

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
}

/**
 * The trainer's demonstration page at / (static files) and its small JSON helpers under /ui/api:
 * those of ./api/ and GET /ui/api/config (the SOAP path the page posts to, the active scenario and the
 * composite's timeout towards each source under it, which the trainer panel explains).
 */
export function createUiRouter(ui: UiDeps): Router {
  const router = express.Router();
  const files = express.static(STATIC_DIR, {
    index: 'index.html',
    fallthrough: true,
    redirect: false,
    dotfiles: 'ignore',
  });
  router.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !SERVED.test(req.path)) {
      next();
      return;
    }
    securityHeaders(req, res, () => {
      res.setHeader('Cache-Control', 'no-cache');
      files(req, res, next);
    });
  });
  router.get('/ui/api/config', securityHeaders, (_req: Request, res: Response) => {
    const scenario = ui.store.current();
    const timeoutMs = {} as Record<SourceCode, number>;
    for (const code of SOURCE_CODES) timeoutMs[code] = timeoutFor(ui.deps, code, scenario);
    res.json({ soapPath: ui.soapPath, scenario: scenario.name, timeoutMs });
  });
  for (const route of uiApiRoutes(ui)) router[route.method](route.path, securityHeaders, route.handler);
  return router;
}
