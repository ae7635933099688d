import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { sendProblem } from '../http/problem.ts';
import { accessGuard } from './access.ts';
import type { AdminDeps } from './deps.ts';
import { registerDriftRoute } from './drift.ts';
import { registerMetaRoutes } from './meta.ts';
import { registerRecordRoutes } from './records.ts';
import { registerResetRoute } from './reset.ts';
import { registerScenarioRoutes } from './scenarios.ts';
import { registerSourceRoutes } from './sources.ts';

function notFound(req: Request, res: Response): void {
  sendProblem(res, { title: 'Not found', status: 404, detail: `${req.method} ${req.baseUrl}${req.path} does not exist; see ${req.baseUrl}/openapi.json` });
}

function failed(err: unknown, _req: Request, res: Response, _next: NextFunction): void {
  const e = err as { type?: string; status?: number; message?: string; expose?: boolean };
  if (e.type === 'entity.parse.failed') {
    sendProblem(res, { title: 'Malformed JSON body', status: 400, detail: e.message ?? 'the body is not valid JSON' });
    return;
  }
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true) {
    sendProblem(res, { title: 'Bad request', status: e.status, detail: e.message ?? 'the request cannot be read' });
    return;
  }
  console.error('admin API internal error:', err);
  sendProblem(res, { title: 'Internal error', status: 500, detail: 'The simulator failed to answer; see its log.' });
}

/**
 * The live-control admin API as one router, to be mounted under /admin (never listens). Every
 * request passes the access rule first: loopback clients only, or a bearer token when one is set.
 * See contracts/openapi/admin.openapi.json and docs/admin-api.md.
 */
export function createAdminRouter(deps: AdminDeps): Router {
  if (deps.token === '') throw new Error('createAdminRouter: the admin token must not be empty');
  const router = express.Router();
  router.use(accessGuard(deps.token, deps.remoteAddress ?? ((req) => req.socket.remoteAddress)));
  router.use((_req: Request, res: Response, next: NextFunction) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  registerMetaRoutes(router, deps);
  registerScenarioRoutes(router, deps);
  registerSourceRoutes(router, deps);
  registerResetRoute(router, deps);
  registerRecordRoutes(router, deps);
  registerDriftRoute(router, deps);
  router.use(notFound);
  router.use(failed);
  return router;
}
