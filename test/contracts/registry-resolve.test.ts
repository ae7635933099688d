import { describe, expect, it } from 'vitest';
import { ContractRegistry, contracts, SCHEMA_BASE } from '../../simulator/contracts/registry.ts';
import type { CodecSchema } from '../../simulator/xml/schema-codec.ts';

/** Every `$ref` in a schema document. */
function refsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const x of node) refsOf(x, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

/** JSON pointer lookup, as the registry does it, without any cache. */
function lookup(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointer.split('/').filter((p) => p !== '')) node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return node;
}

describe('ContractRegistry.resolve (memoised per base document and ref, issue 7)', () => {
  const registry = contracts();
  const query = registry.schema('composite/query.schema.json');

  it('resolves every $ref of every contract to the pointer target in the right document, the same object each time', () => {
    const fresh = new ContractRegistry();
    let count = 0;
    for (const rel of ['composite/query.schema.json', 'base-services/af.schema.json', 'base-services/csn.schema.json', 'base-services/fk.schema.json', 'base-services/csn/csntyper.schema.json', 'base-services/fk/formansinformation.schema.json', 'scenario/scenario.schema.json']) {
      const base = fresh.schema(rel);
      for (const ref of refsOf(base)) {
        const [target = '', pointer = ''] = ref.split('#');
        const root = target === '' ? base : fresh.schema(new URL(target, base.$id ?? SCHEMA_BASE).href);
        const first = fresh.resolve(ref, base);
        expect(first.root).toBe(root);
        expect(first.schema).toBe(lookup(root, pointer));
        expect(fresh.resolve(ref, base)).toBe(first);
        expect(Object.isFrozen(first)).toBe(true);
        count++;
      }
    }
    expect(count).toBeGreaterThan(100);
  });

  it('a local ref resolves in the document it is seen in, whatever its $id', () => {
    const a: CodecSchema = { $id: 'urn:same', $defs: { x: { type: 'string' } } };
    const b: CodecSchema = { $id: 'urn:same', $defs: { x: { type: 'integer' } } };
    const noId: CodecSchema = { $defs: { x: { type: 'boolean' } } };
    expect(registry.resolve('#/$defs/x', a).schema).toBe(a.$defs?.x);
    expect(registry.resolve('#/$defs/x', b).schema).toBe(b.$defs?.x);
    expect(registry.resolve('#/$defs/x', noId).schema).toBe(noId.$defs?.x);
    expect(registry.resolve('#/$defs/x', a).root).toBe(a);
  });

  it('a ref that does not resolve throws, every time (nothing is remembered)', () => {
    expect(() => registry.resolve('#/$defs/NoSuchThing', query)).toThrow(/unresolvable \$ref #\/\$defs\/NoSuchThing/);
    expect(() => registry.resolve('#/$defs/NoSuchThing', query)).toThrow(/unresolvable \$ref/);
    expect(() => registry.resolve('nowhere.schema.json#/x', query)).toThrow(/no contract schema/);
    expect(() => registry.resolve('nowhere.schema.json#/x', query)).toThrow(/no contract schema/);
  });
});
