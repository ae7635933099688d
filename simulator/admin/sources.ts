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
    servedBy: deps.remoteSources?.[code] ?? 'in-process',
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

/**
 * A live fault acts inside the base service, so it can only be set for a source this process serves. For one served
 * elsewhere (--base-urls) it answers 409 saying where, instead of accepting a fault that would do nothing.
 */
function refuseRemote(deps: AdminDeps, code: SourceCode, res: Response): boolean {
  const url = deps.remoteSources?.[code];
  if (url === undefined) return false;
  sendProblem(res, {
    title: 'The source is served by another process',
    status: 409,
    detail: `${code} is served at ${url} (--base-urls), not by this process, so a live fault here would not reach it. Give that base service a scenario with the failure (ssbtek-sim base-service ${code.toLowerCase()} --scenario FILE), or switch this simulator's scenario to change what the composite does (its timeout).`,
  });
  return true;
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
    if (refuseRemote(deps, code, res)) return;
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
    if (code === undefined || refuseRemote(deps, code, res)) return;
    deps.ctx.runtime.setLiveFault(code, undefined);
    res.status(204).end();
  });
}
