/**
 * The start-up bundle validates with validators generated ahead of time (ajv standalone code, issue 7). They must
 * decide and report exactly as the validators ajv compiles on first use: same verdict, same `errors`, same problems
 * from `check`, for valid payloads and for every kind of invalid one.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import { validatorsModuleCode } from '../../simulator/cli/build.ts';
import {
  ContractRegistry,
  CONTRACTS_DIR,
  schemaId,
  type PrecompiledValidators,
} from '../../simulator/contracts/registry.ts';
import { SOURCE_CODES } from '../../simulator/domain/sources.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';
import { DEFAULT_SCENARIO } from '../../simulator/cli/main.ts';
import { fullQuery, lefiJson } from '../support/lefi.ts';
import { makeBaseRequest } from '../support/factories.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const NOW = new Date('2026-07-01T10:00:00Z');

type Path = (string | number)[];

/** Every node of a JSON value with its path, parents first. */
function nodes(
  value: unknown,
  path: Path = [],
  out: { path: Path; value: unknown }[] = [],
): { path: Path; value: unknown }[] {
  out.push({ path, value });
  if (Array.isArray(value)) value.forEach((v, i) => nodes(v, [...path, i], out));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) nodes(v, [...path, k], out);
  return out;
}

function replaced(value: unknown, path: Path, by: unknown): unknown {
  if (path.length === 0) return by;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1] as string | number] = by;
  return copy;
}

/** What each kind of node is turned into: wrong types, values out of range, missing and unknown properties. */
function variants(node: unknown): unknown[] {
  if (Array.isArray(node))
    return [[], [...(structuredClone(node) as unknown[]), null], { length: node.length }];
  if (node !== null && typeof node === 'object') {
    const keys = Object.keys(node);
    const withoutFirst = Object.fromEntries(Object.entries(node).slice(1));
    return [{ ...node, zzUnknown: 1 }, ...(keys.length > 0 ? [withoutFirst] : []), [], null];
  }
  if (typeof node === 'string') return [42, '', 'x'.repeat(300), '2026-13-45', `${node}!`];
  if (typeof node === 'number') return ['12', 1.5, -1, 1e20];
  if (typeof node === 'boolean') return ['true', 0];
  return [{}, 'null'];
}

/** Invalid variants of a valid value: a spread of its nodes (at most `limit` of them), each changed every way. */
function mutations(value: unknown, limit = 25): unknown[] {
  const all = nodes(value);
  const step = Math.max(1, Math.floor(all.length / limit));
  const out: unknown[] = [];
  for (let i = 0; i < all.length; i += step) {
    const { path, value: node } = all[i] as { path: Path; value: unknown };
    for (const v of variants(node)) out.push(replaced(value, path, v));
  }
  return out;
}

const yamlFiles = (dir: string): unknown[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => parseYaml(readFileSync(join(ROOT, dir, f), 'utf8')) as unknown);

/** Valid (or realistic) values for a schema, when the project has some; every schema also gets a few odd values. */
function samples(id: string): unknown[] {
  const scenario = loadScenarioFile(DEFAULT_SCENARIO);
  const people = scenario.personas.map((p) => p.personidentitet);
  for (const code of SOURCE_CODES) {
    if (id !== schemaId(SOURCES[code].schemaPath)) continue;
    return people.map((personidentitet) => {
      const request = makeBaseRequest({
        personidentitet,
        tidsperiod: { fromDatum: '2025-01-01', tomDatum: '2026-06-30' },
      });
      const fk =
        code === 'FK'
          ? { aktorsid: '1000001', lefiJsonFraga: lefiJson(personidentitet, '2025-01-01', '2026-06-30') }
          : undefined;
      return structuredClone(sourcePayload(SOURCES[code], scenario, request, NOW, fk));
    });
  }
  if (id === schemaId('base-services/request.schema.json'))
    return people.slice(0, 3).map((personidentitet) => makeBaseRequest({ personidentitet }));
  if (id === schemaId('base-services/fk-request.schema.json'))
    return people.slice(0, 3).map((p) => lefiJson(p));
  if (id === schemaId('composite/query.schema.json'))
    return people.slice(0, 3).map((p) => structuredClone(fullQuery(p)));
  if (id === schemaId('scenario/scenario.schema.json')) return yamlFiles('scenarios');
  if (id.startsWith(schemaId('harness/')))
    return [
      ...yamlFiles('harness/suites'),
      ...yamlFiles('harness/client-scenarios'),
      ...yamlFiles('harness/mappings'),
    ].slice(0, 12);
  return [];
}

describe('validators generated ahead of time (the start-up bundle) against those ajv compiles', () => {
  const compiled = new ContractRegistry(CONTRACTS_DIR);
  let standalone: ContractRegistry;
  let generated: PrecompiledValidators;

  beforeAll(() => {
    // The module exactly as simulator/cli/build.ts bundles it.
    const file = join(mkdtempSync(join(tmpdir(), 'ssbtek-validators-')), 'validators.cjs');
    writeFileSync(file, validatorsModuleCode(ROOT));
    generated = createRequire(import.meta.url)(file) as PrecompiledValidators;
    standalone = new ContractRegistry(CONTRACTS_DIR, { precompiled: () => generated });
  }, 120_000);

  it('there is one for every contract schema, and the registry uses it instead of compiling', () => {
    expect(Object.keys(generated).sort()).toEqual(compiled.ids().sort());
    for (const id of compiled.ids()) {
      expect(standalone.validator(id)).toBe(generated[id]);
      expect(compiled.validator(id)).not.toBe(generated[id]);
    }
  });

  it.each(new ContractRegistry(CONTRACTS_DIR).ids().map((id) => [id.replace(schemaId(''), '')]))(
    '%s: the same verdict, errors and problems for valid values and every kind of invalid one',
    (rel) => {
      const id = schemaId(rel);
      const valid = samples(id);
      const inputs = [
        ...valid,
        ...valid.flatMap((v) => mutations(v)),
        {},
        [],
        null,
        'text',
        0,
        { zzUnknown: true },
      ];
      const a = compiled.validator(id);
      const b = standalone.validator(id);
      let invalid = 0;
      for (const input of inputs) {
        const ok = a(input);
        const errors = a.errors;
        expect(b(input), JSON.stringify(input).slice(0, 200)).toBe(ok);
        expect(b.errors).toEqual(errors);
        expect(standalone.check(id, input)).toEqual(compiled.check(id, input));
        if (!ok) invalid++;
      }
      // A document of definitions only (csn/csntyper, fk/common...) accepts anything at its root; its definitions
      // are checked through the schemas that refer to them.
      if (compiled.schema(id).type !== undefined) expect(invalid).toBeGreaterThan(0);
      // The project's own payloads of the sources, requests and queries are valid: the check means something.
      if (
        (rel.startsWith('base-services/') && !rel.includes('/', 'base-services/'.length)) ||
        rel === 'composite/query.schema.json'
      )
        for (const v of valid) expect(compiled.check(id, v)).toEqual([]);
    },
    60_000,
  );
});
