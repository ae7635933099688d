import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Request } from 'express';
import type { Problem } from '../http/problem.ts';
import { formatProblem, loadScenarioFile, parseScenario, ScenarioError } from '../scenarios/load.ts';
import type { Scenario } from '../scenarios/types.ts';

/** The media types POST /admin/scenarios reads as YAML. */
export const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml', 'text/x-yaml'];

/** The origin given to a scenario posted as YAML text. */
export const REQUEST_ORIGIN = '<request>';

/** A scenario read from a request, or the problem to answer with (and the ScenarioError when it did not load). */
export type ScenarioInput = { ok: true; scenario: Scenario } | { ok: false; problem: Problem; invalid?: ScenarioError };

/** The 422 problem for a scenario that does not load: every problem with file, line, column and path. */
export function invalidScenarioProblem(error: ScenarioError): Problem {
  const n = error.problems.length;
  return {
    title: 'Invalid scenario',
    status: 422,
    detail: `The scenario has ${n} problem${n === 1 ? '' : 's'}: ${error.problems.map(formatProblem).join('; ')}`,
    errors: error.problems,
  };
}

/** Resolves `path` (relative to `dir`, or absolute) to a real *.yaml file inside `dir`, following symlinks. */
export function resolveScenarioPath(dir: string, path: string): { ok: true; file: string } | { ok: false; problem: Problem } {
  if (!/\.ya?ml$/i.test(path)) return { ok: false, problem: { title: 'Not a scenario file', status: 400, detail: `"${path}" is not a .yaml or .yml file` } };
  const candidate = resolve(dir, path);
  if (!existsSync(candidate)) return { ok: false, problem: { title: 'No such scenario file', status: 404, detail: `"${path}" does not exist in the scenarios directory ${dir}` } };
  const root = realpathSync(dir);
  const file = realpathSync(candidate);
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    return { ok: false, problem: { title: 'Outside the scenarios directory', status: 403, detail: `"${path}" is outside the scenarios directory ${root}; only files under it can be loaded by path` } };
  }
  return { ok: true, file };
}

function fromError(e: unknown): ScenarioInput {
  if (!(e instanceof ScenarioError)) throw e;
  return { ok: false, problem: invalidScenarioProblem(e), invalid: e };
}

/** Loads a scenario file, as a value. */
export function scenarioFromFile(file: string): ScenarioInput {
  try {
    return { ok: true, scenario: loadScenarioFile(file) };
  } catch (e) {
    return fromError(e);
  }
}

/**
 * The scenario of a POST /admin/scenarios request: YAML text (application/yaml, text/yaml) or JSON
 * {"path": "..."} naming a file under `scenariosDir`.
 */
export function scenarioFromRequest(req: Request, scenariosDir: string): ScenarioInput {
  const body: unknown = req.body;
  if (typeof body === 'string') {
    try {
      return { ok: true, scenario: parseScenario(body, REQUEST_ORIGIN) };
    } catch (e) {
      return fromError(e);
    }
  }
  if (typeof req.is('application/json') !== 'string') {
    return {
      ok: false,
      problem: {
        title: 'Unsupported media type',
        status: 415,
        detail: `Send the scenario as YAML (Content-Type: ${YAML_TYPES.slice(0, 2).join(' or ')}) or JSON {"path": "<file under the scenarios directory>"} (Content-Type: application/json).`,
      },
    };
  }
  const keys = body !== null && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [];
  const path = (body as { path?: unknown } | null)?.path;
  if (keys.length !== 1 || typeof path !== 'string' || path === '') {
    return { ok: false, problem: { title: 'Bad request', status: 400, detail: 'A JSON body must be {"path": "<file under the scenarios directory>"}; to send the scenario itself, send its YAML as application/yaml.' } };
  }
  const resolved = resolveScenarioPath(scenariosDir, path);
  return resolved.ok ? scenarioFromFile(resolved.file) : resolved;
}
