import { contracts } from '../contracts/registry.ts';
import type { CodecSchema } from '../xml/schema-codec.ts';

interface Visit {
  schema: CodecSchema;
  root: CodecSchema;
  value: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deref(schema: CodecSchema, root: CodecSchema): { schema: CodecSchema; root: CodecSchema } {
  let s = schema;
  let r = root;
  for (let guard = 0; s.$ref !== undefined && guard < 32; guard++) ({ schema: s, root: r } = contracts().resolve(s.$ref, r));
  return { schema: s, root: r };
}

/** Removes the first required property present, breadth first; true when one was removed. */
function removeRequired(start: Visit): boolean {
  const queue: Visit[] = [start];
  for (let visit = queue.shift(); visit !== undefined; visit = queue.shift()) {
    const { schema, root } = deref(visit.schema, visit.root);
    const value = visit.value;
    if (Array.isArray(value)) {
      if (schema.items !== undefined) for (const item of value) queue.push({ schema: schema.items, root, value: item });
      continue;
    }
    if (!isRecord(value)) continue;
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const present = required.find((name) => value[name] !== undefined);
    if (present !== undefined) {
      delete value[present];
      return true;
    }
    for (const [name, propSchema] of Object.entries(schema.properties ?? {})) {
      if (value[name] !== undefined) queue.push({ schema: propSchema, root, value: value[name] });
    }
  }
  return false;
}

/** A value of another JSON type than the schema's (for JSON documents, where any type parses). */
function wrongTyped(schema: CodecSchema): unknown {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('string') ? 42 : 'ogiltigt värde';
}

/**
 * A copy of a source's canonical payload that breaks the source's schema while staying a payload the
 * source's own document writer and reader handle, so the base service answers a well-formed document
 * that fails contracts().check(schemaPath, ...). Deterministic: the first required property present
 * (breadth first, in the schema's order) is removed; when there is none (LEFI's JSON requires almost
 * nothing), the first property of the root gets a value of the wrong type (JSON documents only).
 */
export function corruptPayload(schemaPath: string, payload: unknown, mediaType: 'application/xml' | 'application/json'): unknown {
  const copy = structuredClone(payload);
  const schema = contracts().schema(schemaPath);
  if (removeRequired({ schema, root: schema, value: copy })) return copy;
  const { schema: rootSchema, root } = deref(schema, schema);
  const first = Object.entries(rootSchema.properties ?? {})[0];
  if (mediaType === 'application/json' && isRecord(copy) && first !== undefined) {
    copy[first[0]] = wrongTyped(deref(first[1], root).schema);
    return copy;
  }
  throw new Error(`corruptPayload: no way to break ${schemaPath} for this payload`);
}
