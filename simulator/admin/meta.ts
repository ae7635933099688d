import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response, Router } from 'express';
import { CONTRACTS_DIR } from '../contracts/registry.ts';
import { sendProblem } from '../http/problem.ts';
import type { AdminDeps } from './deps.ts';

/** The admin API's own OpenAPI document as served: its $refs to the scenario schema point at /contracts/. */
export function adminOpenApiText(): string {
  return readFileSync(join(CONTRACTS_DIR, 'openapi/admin.openapi.json'), 'utf8').replace(/"\.\.\/scenario\//g, '"/contracts/scenario/');
}

/** GET /health, /ready, /version, /release-notes and /openapi.json. */
export function registerMetaRoutes(router: Router, deps: AdminDeps): void {
  const openapi = adminOpenApiText();

  router.get('/health', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });

  router.get('/ready', (_req: Request, res: Response) => {
    let scenario: string;
    try {
      scenario = deps.store.current().name;
    } catch (e) {
      sendProblem(res, { title: 'Not ready', status: 503, detail: `No scenario is active: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    res.json({ status: 'ready', scenario });
  });

  router.get('/version', (_req: Request, res: Response) => {
    res.json({ name: 'ssbtek-sim', version: deps.version, contract: 'SSBTEK v10', node: process.version });
  });

  router.get('/release-notes', (_req: Request, res: Response) => {
    res.type('text/markdown; charset=utf-8').send(deps.releaseNotes());
  });

  router.get('/openapi.json', (_req: Request, res: Response) => {
    res.type('application/json').send(openapi);
  });
}
