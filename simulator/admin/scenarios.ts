import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';
import { sendProblem } from '../http/problem.ts';
import { replaceFromFile, type StoreRefusal } from '../scenarios/store.ts';
import type { AdminDeps } from './deps.ts';
import { QueryReader } from './query.ts';
import { REQUEST_ORIGIN, scenarioFromFile, scenarioFromRequest, YAML_TYPES } from './scenario-input.ts';

/** The project's scenarios/ directory: where POST /admin/scenarios {path} loads from by default. */
export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

function sendRefusal(res: Response, refusal: StoreRefusal): void {
  if (refusal.reason === 'unknown') sendProblem(res, { title: 'Unknown scenario', status: 404, detail: refusal.detail });
  else sendProblem(res, { title: 'Scenario is active', status: 409, detail: refusal.detail });
}

const param = (req: Request, name: string): string => String((req.params as Record<string, string | undefined>)[name] ?? '');

/** GET/POST /scenarios, GET/DELETE /scenarios/:name, POST /scenarios/:name/reload, PUT /scenarios/active. */
export function registerScenarioRoutes(router: Router, deps: AdminDeps): void {
  const { store } = deps;
  const scenariosDir = deps.scenariosDir ?? DEFAULT_SCENARIOS_DIR;
  const json = express.json({ limit: '100kb' });
  const yaml = express.text({ type: YAML_TYPES, limit: '1mb' });

  router.get('/scenarios', (_req: Request, res: Response) => {
    res.json({ active: store.activeName(), scenarios: store.list(), errors: store.errors() });
  });

  router.post('/scenarios', yaml, json, (req: Request, res: Response) => {
    const query = new QueryReader(req.query, ['activate']);
    const activate = query.bool('activate', false);
    if (query.problems.length > 0) {
      sendProblem(res, { title: 'Bad query', status: 400, detail: query.problems.map((p) => `${p.path}: ${p.message}`).join('; '), errors: query.problems });
      return;
    }
    const input = scenarioFromRequest(req, scenariosDir);
    if (!input.ok) {
      // A file that a loaded scenario came from keeps the problems as that scenario's lastError.
      const file = input.invalid?.problems[0]?.file;
      if (file !== undefined && file !== REQUEST_ORIGIN && store.list().some((e) => e.origin === file)) store.recordError(file, input.invalid?.problems ?? []);
      sendProblem(res, input.problem);
      return;
    }
    store.add(input.scenario);
    if (activate) store.activate(input.scenario.name);
    const entry = store.list().find((e) => e.name === input.scenario.name);
    res.status(201).location(`${req.baseUrl}/scenarios/${encodeURIComponent(input.scenario.name)}`).json(entry);
  });

  router.put('/scenarios/active', json, (req: Request, res: Response) => {
    const name = (req.body as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || name === '') {
      sendProblem(res, { title: 'Bad request', status: 400, detail: 'Send JSON {"name": "<scenario name>"} with Content-Type: application/json.' });
      return;
    }
    const result = store.activate(name);
    if (!result.ok) {
      sendRefusal(res, result);
      return;
    }
    res.json({ active: name, scenarios: store.list() });
  });

  router.get('/scenarios/:name', (req: Request, res: Response) => {
    const scenario = store.get(param(req, 'name'));
    if (scenario === undefined) {
      sendProblem(res, { title: 'Unknown scenario', status: 404, detail: `no scenario named "${param(req, 'name')}" is loaded; GET ${req.baseUrl}/scenarios lists them` });
      return;
    }
    res.json(scenario);
  });

  router.post('/scenarios/:name/reload', (req: Request, res: Response) => {
    const name = param(req, 'name');
    const scenario = store.get(name);
    if (scenario === undefined) {
      sendProblem(res, { title: 'Unknown scenario', status: 404, detail: `no scenario named "${name}" is loaded` });
      return;
    }
    if (scenario.origin.startsWith('<')) {
      sendProblem(res, { title: 'Not loaded from a file', status: 409, detail: `"${name}" was loaded from ${scenario.origin}, not from a file; POST it again instead` });
      return;
    }
    const input = scenarioFromFile(scenario.origin);
    if (!input.ok) {
      if (input.invalid !== undefined) store.recordError(scenario.origin, input.invalid.problems);
      sendProblem(res, { ...input.problem, detail: `${input.problem.detail ?? ''} The last good version stays loaded.` });
      return;
    }
    const entry = replaceFromFile(store, name, input.scenario);
    res.json(entry);
  });

  router.delete('/scenarios/:name', (req: Request, res: Response) => {
    const result = store.remove(param(req, 'name'));
    if (!result.ok) {
      sendRefusal(res, result);
      return;
    }
    res.status(204).end();
  });
}
