import express, { type Request, type Response, type Router } from 'express';
import { isSourceCode, SOURCE_CODES, SOURCE_NAMES, type SourceCode } from '../domain/sources.ts';
import { sendProblem } from '../http/problem.ts';
import type { AdminDeps } from './deps.ts';
import { failureFromBody } from './fault-input.ts';
import { YAML_TYPES } from './scenario-input.ts';

/** One source as GET /admin/sources shows it: the live fault, and what the active scenario makes it do. */
function sourceView(deps: AdminDeps, code: SourceCode): Record<string, unknown> {
  return {
    code,
    name: SOURCE_NAMES[code],
    liveFault: deps.ctx.runtime.liveFault(code) ?? null,
    behaviour: deps.store.current().sources[code] ?? null,
  };
}

/** The source code of a request's :code (case-insensitive), or undefined after answering 404. */
function sourceParam(req: Request, res: Response): SourceCode | undefined {
  const raw = String((req.params as Record<string, string | undefined>).code ?? '');
  const code = raw.toUpperCase();
  if (isSourceCode(code)) return code;
  sendProblem(res, { title: 'Unknown source', status: 404, detail: `"${raw}" is not a source; use one of ${SOURCE_CODES.join(', ')}` });
  return undefined;
}

/** GET /sources, GET /sources/:code, PUT and DELETE /sources/:code/fault. */
export function registerSourceRoutes(router: Router, deps: AdminDeps): void {
  const json = express.json({ limit: '100kb' });
  const yaml = express.text({ type: YAML_TYPES, limit: '100kb' });

  router.get('/sources', (_req: Request, res: Response) => {
    res.json({ scenario: deps.store.activeName(), sources: SOURCE_CODES.map((code) => sourceView(deps, code)) });
  });

  router.get('/sources/:code', (req: Request, res: Response) => {
    const code = sourceParam(req, res);
    if (code !== undefined) res.json(sourceView(deps, code));
  });

  router.put('/sources/:code/fault', json, yaml, (req: Request, res: Response) => {
    const code = sourceParam(req, res);
    if (code === undefined) return;
    if (req.body === undefined) {
      sendProblem(res, { title: 'Unsupported media type', status: 415, detail: 'Send the failure as application/json or application/yaml.' });
      return;
    }
    const input = failureFromBody(req.body);
    if (!input.ok) {
      sendProblem(res, input.problem);
      return;
    }
    deps.ctx.runtime.setLiveFault(code, input.failure);
    res.json(sourceView(deps, code));
  });

  router.delete('/sources/:code/fault', (req: Request, res: Response) => {
    const code = sourceParam(req, res);
    if (code === undefined) return;
    deps.ctx.runtime.setLiveFault(code, undefined);
    res.status(204).end();
  });
}
