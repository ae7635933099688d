import type { ErrorObject } from 'ajv';
import type { Problem } from './problems.ts';
import type { YamlSource } from './yaml-source.ts';

/** Gives a better message for an ajv error than ajv's own, or undefined to keep the default. */
export type MessageRewrite = (error: ErrorObject) => string | undefined;

/**
 * Turns ajv errors (validated against the value at `base` in `source`) into located problems with
 * messages a person writing YAML understands.
 */
export function schemaProblems(
  errors: ErrorObject[] | null | undefined,
  source: YamlSource,
  base = '',
  rewrite?: MessageRewrite,
): Problem[] {
  const out: Problem[] = [];
  for (const e of errors ?? []) {
    const params = e.params as Record<string, unknown>;
    const at = base + e.instancePath;
    const better = rewrite?.(e);
    if (e.keyword === 'if' || e.keyword === 'propertyNames' || e.keyword === 'oneOf' || e.keyword === 'anyOf')
      continue;
    if (typeof e.propertyName === 'string') {
      const name = e.propertyName;
      out.push(
        source.problem(
          `${at}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`,
          `name "${name}" ${better ?? e.message ?? 'is invalid'}`,
          true,
        ),
      );
    } else if (better !== undefined) {
      out.push(source.problem(at, better));
    } else if (e.keyword === 'additionalProperties' || e.keyword === 'unevaluatedProperties') {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      out.push(source.problem(`${at}/${name}`, `unknown property "${name}"`, true));
    } else if (e.keyword === 'required') {
      out.push(source.problem(at, `missing required property "${String(params.missingProperty)}"`));
    } else if (e.keyword === 'enum' || e.keyword === 'const') {
      const allowed = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
      out.push(source.problem(at, `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`));
    } else {
      out.push(source.problem(at, e.message ?? 'is invalid'));
    }
  }
  return out;
}
