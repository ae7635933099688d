import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ErrorObject, Options, ValidateFunction } from 'ajv/dist/2020.js';
import type { CodecSchema, RefResolver } from '../xml/schema-codec.ts';

// ajv and ajv-formats are CommonJS; they are required on first use only, so a process whose validators were
// generated ahead of time (the start-up bundle, simulator/cli/build.ts) never loads ajv's compiler.
const requireHere = createRequire(import.meta.url);

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

/** The ajv options of every contract validator (also those generated ahead of time, see standaloneValidatorsCode). */
export const CONTRACT_AJV_OPTIONS = Object.freeze({
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  // Each referenced definition compiled once instead of inlined at every use: the first query's compilation of the
  // FK and CSN schemas drops from about 480 to 380 ms (measured, docs/performance.md), same results.
  inlineRefs: false,
} satisfies Options);

/** A new ajv instance set up for the contracts: options, formats and the annotation keywords, no schema added. */
export function newContractAjv(extra: Options = {}): Ajv2020 {
  const { Ajv2020: AjvClass } = requireHere('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const addFormats = requireHere('ajv-formats') as (ajv: Ajv2020) => void;
  const ajv = new AjvClass({ ...CONTRACT_AJV_OPTIONS, ...extra });
  addFormats(ajv);
  ajv.addKeyword({ keyword: 'xml', schemaType: 'object' });
  ajv.addKeyword({ keyword: 'x-felkod', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'x-information', schemaType: 'object' });
  return ajv;
}

/** Validators generated ahead of time (ajv standalone code), by schema `$id`. */
export type PrecompiledValidators = Readonly<Record<string, ValidateFunction>>;

/** Loads precompiled validators once, on first use. */
function once(load: () => PrecompiledValidators): () => PrecompiledValidators {
  let loaded: PrecompiledValidators | undefined;
  return () => (loaded ??= load());
}

/** The precompiled validators of a contracts directory (set by the start-up bundle). */
let registered: { dir: string; load: () => PrecompiledValidators } | undefined;

/**
 * Makes registries of `dir` (CONTRACTS_DIR by default) use validators generated ahead of time from the same schema
 * files (standaloneValidatorsCode), instead of compiling them with ajv on first use; also registries created
 * before (a module may create one as it loads), for the validators they have not compiled yet. `load` is called
 * once, on the first validation. The start-up bundle calls this: its validators were generated from the
 * contracts it was built with, and it is rebuilt whenever a contract changes (simulator/cli/bin.js). Schemas
 * without a precompiled validator, and ajv itself (the `ajv` property), are still compiled on demand.
 */
export function usePrecompiledValidators(load: () => PrecompiledValidators, dir: string = CONTRACTS_DIR): void {
  registered = { dir: resolvePath(dir), load: once(load) };
}

export interface ContractRegistryOptions {
  /** Validators generated ahead of time from this directory's schemas (default: those registered for it, if any). */
  precompiled?: () => PrecompiledValidators;
}

/**
 * All contract schemas, found by `$id` (file path under contracts/ appended to SCHEMA_BASE), each
 * validated with one ajv instance (compiled on first use), or with a validator generated ahead of time
 * (usePrecompiledValidators).
 */
export class ContractRegistry {
  private readonly schemas = new Map<string, CodecSchema>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly dir: string;
  private readonly precompiled: (() => PrecompiledValidators) | undefined;
  private instance: Ajv2020 | undefined;

  constructor(dir: string = CONTRACTS_DIR, options: ContractRegistryOptions = {}) {
    this.dir = resolvePath(dir);
    this.precompiled = options.precompiled === undefined ? undefined : once(options.precompiled);
    for (const rel of listSchemaFiles(dir)) {
      const schema = JSON.parse(readFileSync(join(dir, rel), 'utf8')) as CodecSchema;
      const id = schemaId(rel);
      if (schema.$id !== id) throw new Error(`contracts/${rel}: $id must be "${id}", is "${String(schema.$id)}"`);
      this.schemas.set(id, schema);
    }
  }

  /**
   * The ajv instance holding every contract schema (created, and every schema added, on first use): for
   * validators of parts of a schema (`ajv.compile({ $ref: ... })`).
   */
  get ajv(): Ajv2020 {
    if (this.instance === undefined) {
      const ajv = newContractAjv();
      for (const schema of this.schemas.values()) ajv.addSchema(schema);
      this.instance = ajv;
    }
    return this.instance;
  }

  /** The schema `$id`s of every contract, sorted by file path. */
  ids(): string[] {
    return [...this.schemas.keys()];
  }

  /** The schema document with this `$id` (or path under contracts/). */
  schema(idOrPath: string): CodecSchema {
    const id = idOrPath.startsWith(SCHEMA_BASE) ? idOrPath : schemaId(idOrPath);
    const s = this.schemas.get(id);
    if (s === undefined) throw new Error(`no contract schema ${id}`);
    return s;
  }

  /** The validator of a schema: precompiled (usePrecompiledValidators), else compiled on first use; cached. */
  validator(idOrPath: string): ValidateFunction {
    const id = idOrPath.startsWith(SCHEMA_BASE) ? idOrPath : schemaId(idOrPath);
    let v = this.compiled.get(id);
    if (v === undefined) {
      v = this.precompiledValidator(id) ?? this.ajv.getSchema(id);
      if (v === undefined) throw new Error(`no contract schema ${id}`);
      this.compiled.set(id, v);
    }
    return v;
  }

  private precompiledValidator(id: string): ValidateFunction | undefined {
    const load = this.precompiled ?? (registered?.dir === this.dir ? registered.load : undefined);
    if (load === undefined || !this.schemas.has(id)) return undefined;
    const validators = load();
    return Object.hasOwn(validators, id) ? validators[id] : undefined;
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

/**
 * The source of a CommonJS module exporting a validator for every contract schema of `dir`, by `$id`
 * (ajv standalone code, compiled with CONTRACT_AJV_OPTIONS: the same code ajv compiles on first use, so the same
 * results and errors). It requires ajv's small runtime helpers and ajv-formats' formats, resolved from where
 * the module is loaded.
 */
export function standaloneValidatorsCode(dir: string = CONTRACTS_DIR): string {
  const registry = new ContractRegistry(dir);
  const ajv = newContractAjv({ code: { source: true } });
  for (const id of registry.ids()) ajv.addSchema(registry.schema(id));
  const standaloneCode = requireHere('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js').default;
  return standaloneCode(ajv, Object.fromEntries(registry.ids().map((id) => [id, id])));
}

