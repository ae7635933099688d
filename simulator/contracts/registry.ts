import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { CodecSchema, RefResolver } from '../xml/schema-codec.ts';

/** Where the project's contracts live: JSON Schemas, WSDL and OpenAPI documents. */
export const CONTRACTS_DIR = fileURLToPath(new URL('../../contracts/', import.meta.url));

/** The base of every schema `$id` in contracts/. */
export const SCHEMA_BASE = 'https://schemas.ssbtek-sim.local/';

/** The `$id` of the schema at `relPath` (relative to contracts/). */
export function schemaId(relPath: string): string {
  return SCHEMA_BASE + relPath;
}

function listSchemaFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) out.push(...listSchemaFiles(join(dir, entry.name), `${rel}/`));
    else if (entry.name.endsWith('.schema.json')) out.push(rel);
  }
  return out.sort();
}

/** One validation problem, with the JSON pointer of the offending value. */
export interface SchemaProblem {
  path: string;
  message: string;
}

function describe(error: ErrorObject): SchemaProblem {
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') message = `has unknown property "${String(params.additionalProperty)}"`;
  if (error.keyword === 'required') message = `is missing required property "${String(params.missingProperty)}"`;
  if (error.keyword === 'enum') message = `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  const path = error.keyword === 'required' ? error.instancePath : error.instancePath;
  return { path: path === '' ? '/' : path, message };
}

/**
 * All contract schemas, compiled once into one ajv instance and found by `$id`
 * (file path under contracts/ appended to SCHEMA_BASE).
 */
export class ContractRegistry {
  readonly ajv: Ajv2020;
  private readonly schemas = new Map<string, CodecSchema>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(dir: string = CONTRACTS_DIR) {
    // inlineRefs: false compiles each referenced definition once instead of inlining it at every use: the first query's
    // compilation of the FK and CSN schemas drops from about 480 to 380 ms (measured, docs/performance.md), same results.
    this.ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, inlineRefs: false });
    const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
    addFormats(this.ajv);
    this.ajv.addKeyword({ keyword: 'xml', schemaType: 'object' });
    this.ajv.addKeyword({ keyword: 'x-felkod', schemaType: 'string' });
    this.ajv.addKeyword({ keyword: 'x-information', schemaType: 'object' });
    for (const rel of listSchemaFiles(dir)) {
      const schema = JSON.parse(readFileSync(join(dir, rel), 'utf8')) as CodecSchema;
      const id = schemaId(rel);
      if (schema.$id !== id) throw new Error(`contracts/${rel}: $id must be "${id}", is "${String(schema.$id)}"`);
      this.schemas.set(id, schema);
      this.ajv.addSchema(schema);
    }
  }

  /** The schema document with this `$id` (or path under contracts/). */
  schema(idOrPath: string): CodecSchema {
    const id = idOrPath.startsWith(SCHEMA_BASE) ? idOrPath : schemaId(idOrPath);
    const s = this.schemas.get(id);
    if (s === undefined) throw new Error(`no contract schema ${id}`);
    return s;
  }

  /** The compiled validator of a schema, compiled on first use and cached. */
  validator(idOrPath: string): ValidateFunction {
    const id = idOrPath.startsWith(SCHEMA_BASE) ? idOrPath : schemaId(idOrPath);
    let v = this.compiled.get(id);
    if (v === undefined) {
      v = this.ajv.getSchema(id);
      if (v === undefined) throw new Error(`no contract schema ${id}`);
      this.compiled.set(id, v);
    }
    return v;
  }

  /**
   * Validates `value`; returns the problems found (empty when valid). One validator, compiled with
   * allErrors: a second one without it, for the pass/fail decision, was measured (issue 7) and was no
   * faster on valid source payloads (about 21 µs each way), while compiling it would cost another
   * 300-400 ms on the first query.
   */
  check(idOrPath: string, value: unknown): SchemaProblem[] {
    const v = this.validator(idOrPath);
    if (v(value)) return [];
    return (v.errors ?? []).map(describe);
  }

  /** Resolved `$ref`s by the document they were seen in (schemas never change, so neither does the answer). */
  private readonly resolved = new WeakMap<CodecSchema, Map<string, Readonly<{ schema: CodecSchema; root: CodecSchema }>>>();

  /**
   * Resolves `$ref`s for the XML codec: local (`#/$defs/x`), relative file or absolute `$id`. Memoised
   * per (base document, ref); the answer is frozen and shared between calls. A ref that does not
   * resolve is not remembered and throws every time.
   */
  readonly resolve: RefResolver = (ref, base) => {
    if (typeof base !== 'object' || base === null) return this.resolveUncached(ref, base);
    let byRef = this.resolved.get(base);
    if (byRef === undefined) {
      byRef = new Map();
      this.resolved.set(base, byRef);
    }
    let hit = byRef.get(ref);
    if (hit === undefined) {
      hit = Object.freeze(this.resolveUncached(ref, base));
      byRef.set(ref, hit);
    }
    return hit;
  };

  private resolveUncached(ref: string, base: CodecSchema): { schema: CodecSchema; root: CodecSchema } {
    const [target = '', pointer = ''] = ref.split('#');
    const root = target === '' ? base : this.schema(new URL(target, base.$id ?? SCHEMA_BASE).href);
    let node: unknown = root;
    for (const part of pointer.split('/').filter((p) => p !== '')) {
      node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (node === undefined) throw new Error(`unresolvable $ref ${ref} in ${String(base.$id)}`);
    }
    return { schema: node as CodecSchema, root };
  }
}

let shared: ContractRegistry | undefined;

/** The process-wide registry (contracts are immutable, so one compiled copy serves every app). */
export function contracts(): ContractRegistry {
  shared ??= new ContractRegistry();
  return shared;
}
