import type { ValidateFunction } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { contracts, schemaId } from '../contracts/registry.ts';
import type { Problem } from '../http/problem.ts';
import { normalizeFailure, type RawFailure } from '../scenarios/normalize.ts';
import type { Failure } from '../scenarios/types.ts';
import type { InputProblem } from './query.ts';

let validateFailure: ValidateFunction | undefined;

/** The scenario schema's Failure definition, compiled once into the shared ajv instance. */
function failureValidator(): ValidateFunction {
  validateFailure ??= contracts().ajv.compile({ $ref: `${schemaId('scenario/scenario.schema.json')}#/$defs/Failure` });
  return validateFailure;
}

function describe(e: { instancePath: string; keyword: string; params: Record<string, unknown>; message?: string }): InputProblem {
  const path = e.instancePath === '' ? '/' : e.instancePath;
  if (e.keyword === 'additionalProperties') return { path, message: `unknown property "${String(e.params.additionalProperty)}"` };
  if (e.keyword === 'required') return { path, message: `missing required property "${String(e.params.missingProperty)}"` };
  if (e.keyword === 'enum') return { path, message: `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
  return { path, message: e.message ?? 'is invalid' };
}

/**
 * A live fault from a request body: a Failure as a scenario file writes it ({mode, felkod?,
 * felmeddelande?, status?, personas?, when?}, as JSON or YAML), validated against the scenario
 * schema and normalised like a scenario's failures.
 */
export function failureFromBody(body: unknown): { ok: true; failure: Failure } | { ok: false; problem: Problem } {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = parseYaml(body) as unknown;
    } catch (e) {
      return { ok: false, problem: { title: 'Malformed YAML body', status: 400, detail: e instanceof Error ? e.message.split('\n')[0] : 'the body is not valid YAML' } };
    }
  }
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      problem: { title: 'Bad request', status: 400, detail: 'Send a failure object such as {"mode": "technical-error", "felkod": "SKV-9071500", "felmeddelande": "..."} as application/json or application/yaml.' },
    };
  }
  const validate = failureValidator();
  if (!validate(value)) {
    const errors = (validate.errors ?? []).map((e) => describe(e as Parameters<typeof describe>[0]));
    return { ok: false, problem: { title: 'Invalid failure', status: 422, detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors } };
  }
  return { ok: true, failure: normalizeFailure(value as RawFailure) };
}
