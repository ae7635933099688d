import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACTS_DIR, contracts } from '../../simulator/contracts/registry.ts';
import { parseXml, rootElement, type XmlValue } from '../../simulator/xml/parse.ts';
import { mulberry32 } from '../../simulator/domain/random.ts';
import { readXml, writeXml, writeXmlContent, type CodecSchema, type RefResolver } from '../../simulator/xml/schema-codec.ts';
import { referenceReadXml, referenceWriteXml, referenceWriteXmlContent } from './reference-codec.ts';

// The codec compiles a plan per schema node and caches namespace declarations per root (issue 7).
// These tests hold it to the codec as it was before (reference-codec.ts): same bytes written, same
// JSON read, same errors, for every contract schema and values drawn from it, first call and cached.

const registry = contracts();

function schemaFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...schemaFiles(join(dir, e.name)));
    else if (e.name.endsWith('.schema.json')) out.push(relative(CONTRACTS_DIR, join(dir, e.name)).split('\\').join('/'));
  }
  return out.sort();
}

/** mulberry32: a small seeded generator, so every run draws the same values. */
function random(seed: number): () => number {
  const source = mulberry32(seed);
  return () => source.next();
}

const STRINGS = ['', 'text', ' padded ', 'a & b < c > d "e" \'f\'', 'åäö ÅÄÖ é', '2026-01-31', '12', 'true', 'line\nbreak', '$& $1 $$', '\u0001 control'];

/** A value shaped (mostly) like the schema: every property sometimes, arrays of 0-3, now and then a wrong type or null. */
function draw(schema0: CodecSchema, root: CodecSchema, next: () => number, depth: number): unknown {
  let schema = schema0;
  let r = root;
  for (let guard = 0; schema.$ref !== undefined && guard < 32; guard++) ({ schema, root: r } = registry.resolve(schema.$ref, r));
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  if (next() < 0.03) return null;
  if (next() < 0.03) return pick<unknown>(['odd', 7, false, [1, 2], { x: 1 }]);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return pick(schema.enum as unknown[]);
  if (schema.const !== undefined) return schema.const;
  const branches = (schema.oneOf ?? schema.anyOf) as CodecSchema[] | undefined;
  if (Array.isArray(branches) && branches.length > 0 && schema.type === undefined) return draw(pick(branches), r, next, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  const type = types.find((t) => t !== 'null') ?? (schema.properties !== undefined ? 'object' : 'string');
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 7) return out;
      for (const [prop, ps] of Object.entries(schema.properties ?? {})) if (next() < 0.75) out[prop] = draw(ps, r, next, depth + 1);
      return out;
    }
    case 'array': {
      const n = depth > 7 ? 0 : Math.floor(next() * 4);
      return Array.from({ length: n }, () => draw(schema.items ?? {}, r, next, depth + 1));
    }
    case 'integer':
      return Math.floor(next() * 200000) - 1000;
    case 'number':
      return Math.round(next() * 1e6) / 100;
    case 'boolean':
      return next() < 0.5;
    default:
      return pick(STRINGS);
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; name: string; message: string };

function outcome(fn: () => unknown): Outcome {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, name: e instanceof Error ? e.constructor.name : typeof e, message: e instanceof Error ? e.message : String(e) };
  }
}

const files = schemaFiles(CONTRACTS_DIR);
const documents = files.map((rel) => ({ rel, schema: registry.schema(rel) }));
const rooted = documents.filter((d) => d.schema.xml?.name !== undefined);
const objects = documents.filter((d) => d.schema.properties !== undefined);

/** Reads an XML text both ways (lax and strict), after parsing it. */
function readBoth(schema: CodecSchema, text: string, resolve: RefResolver): void {
  const node = outcome(() => rootElement(parseXml(text)).node);
  if (!node.ok) return;
  for (const strict of [false, true]) {
    const expected = outcome(() => referenceReadXml(schema, node.value as XmlValue, resolve, '/r', strict));
    expect(outcome(() => readXml(schema, node.value as XmlValue, resolve, '/r', strict))).toEqual(expected);
  }
}

describe('schema codec: compiled plans write and read exactly what the codec did before', () => {
  it('finds the contract schemas', () => {
    expect(rooted.map((d) => d.rel)).toEqual(expect.arrayContaining(['base-services/af.schema.json', 'base-services/csn.schema.json', 'composite/query.schema.json']));
    expect(objects.length).toBeGreaterThan(15);
  });

  it('writeXml and readXml: every rooted contract schema, drawn values, first and later calls', () => {
    for (const { rel, schema } of rooted) {
      for (let seed = 1; seed <= 40; seed++) {
        const value = draw(schema, schema, random(seed * 7919 + rel.length), 0);
        for (const indent of ['', '    ']) {
          const expected = outcome(() => referenceWriteXml(schema, value, registry.resolve, indent));
          const actual = outcome(() => writeXml(schema, value, registry.resolve, indent));
          expect(actual, `${rel} seed ${seed}`).toEqual(expected);
          if (expected.ok) readBoth(schema, expected.value as string, registry.resolve);
        }
      }
    }
  });

  it('writeXmlContent and readXml: every object contract schema, drawn values', () => {
    for (const { rel, schema } of objects) {
      for (let seed = 1; seed <= 25; seed++) {
        const value = draw(schema, schema, random(seed * 104729 + rel.length), 0);
        if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
        const expected = outcome(() => referenceWriteXmlContent(schema, value as Record<string, unknown>, registry.resolve, '  '));
        const actual = outcome(() => writeXmlContent(schema, value as Record<string, unknown>, registry.resolve, '  '));
        expect(actual, `${rel} seed ${seed}`).toEqual(expected);
        if (expected.ok) readBoth(schema, `<r>\n${expected.value as string}\n</r>`, registry.resolve);
      }
    }
  });

  it('the same answer from a different resolver object (plans are kept per resolver)', () => {
    const other: RefResolver = (ref, base) => registry.resolve(ref, base);
    const schema = registry.schema('composite/query.schema.json');
    const value = draw(schema, schema, random(5), 0);
    expect(writeXml(schema, value, other)).toBe(writeXml(schema, value, registry.resolve));
  });
});

describe('schema codec: what the plans are keyed by', () => {
  const A = 'urn:test:a';
  const B = 'urn:test:b';

  it('a resolver that answers differently gets its own plans', () => {
    const schema: CodecSchema = { type: 'object', xml: { name: 'Root', namespace: A, prefix: 'a' }, properties: { v: { $ref: '#/x' } } };
    const one: CodecSchema = { type: 'string', xml: { name: 'One' } };
    const two: CodecSchema = { type: 'string', xml: { name: 'Two', namespace: B, prefix: 'b' } };
    const resolveOne: RefResolver = (_ref, base) => ({ schema: one, root: base });
    const resolveTwo: RefResolver = (_ref, base) => ({ schema: two, root: base });
    expect(writeXml(schema, { v: 'x' }, resolveOne)).toBe('<a:Root xmlns:a="urn:test:a">\n  <a:One>x</a:One>\n</a:Root>');
    expect(writeXml(schema, { v: 'x' }, resolveTwo)).toBe('<a:Root xmlns:a="urn:test:a" xmlns:b="urn:test:b">\n  <b:Two>x</b:Two>\n</a:Root>');
    expect(writeXml(schema, { v: 'x' }, resolveOne)).toBe(referenceWriteXml(schema, { v: 'x' }, resolveOne));
  });

  it('a schema object shared by two documents resolves its local $ref in each document', () => {
    const shared: CodecSchema = { $ref: '#/$defs/T' };
    const doc = (name: string): CodecSchema => ({ type: 'object', xml: { name: 'Doc', namespace: A, prefix: 'a' }, $defs: { T: { type: 'string', xml: { name } } }, properties: { t: shared } });
    const local: RefResolver = (ref, base) => ({ schema: (base.$defs as Record<string, CodecSchema>)[ref.slice('#/$defs/'.length)] as CodecSchema, root: base });
    const one = doc('One');
    const two = doc('Two');
    expect(writeXml(one, { t: 'x' }, local)).toContain('<a:One>x</a:One>');
    expect(writeXml(two, { t: 'x' }, local)).toContain('<a:Two>x</a:Two>');
    expect(readXml(two, { Two: 'y' }, local)).toEqual({ t: 'y' });
    expect(readXml(one, { One: 'z' }, local)).toEqual({ t: 'z' });
  });

  it('recursive schemas and a type used in two namespace contexts', () => {
    const defs: Record<string, CodecSchema> = {
      Node: {
        type: 'object',
        properties: {
          id: { type: 'string', xml: { attribute: true } },
          name: { type: 'string' },
          child: { $ref: '#/$defs/Node' },
          foreign: { $ref: '#/$defs/Node', xml: { namespace: B, prefix: 'b' } },
          list: { type: 'array', items: { $ref: '#/$defs/Node' }, xml: { name: 'item' } },
          bare: { type: 'array', items: { type: 'integer' }, xml: { namespace: '' } },
          nix: { type: ['string', 'null'] },
        },
      },
    };
    const schema: CodecSchema = { $id: 'urn:test:doc', type: 'object', xml: { name: 'Tree', namespace: A, prefix: 'a' }, $defs: defs, properties: { root: { $ref: '#/$defs/Node' } } };
    const resolve: RefResolver = (ref, base) => ({ schema: defs[ref.slice('#/$defs/'.length)] as CodecSchema, root: base });
    const value = {
      root: {
        id: '1',
        name: 'top',
        child: { name: 'c', foreign: { name: 'f', child: { name: 'fc', list: [{ name: 'l1' }, { id: '2', name: 'l2', bare: [1, 2] }] } } },
        list: [{ nix: null }],
        nix: 'n',
      },
    };
    for (let i = 0; i < 3; i++) {
      const xml = writeXml(schema, value, resolve, ' ');
      expect(xml).toBe(referenceWriteXml(schema, value, resolve, ' '));
      const node = rootElement(parseXml(xml)).node;
      expect(readXml(schema, node, resolve, '/Tree', true)).toEqual(referenceReadXml(schema, node, resolve, '/Tree', true));
      expect(writeXmlContent(schema, value, resolve)).toBe(referenceWriteXmlContent(schema, value, resolve));
    }
    expect(readXml(schema, rootElement(parseXml(writeXml(schema, value, resolve))).node, resolve)).toEqual(value);
  });

  it('an array type from another document: items written in that document, read in the referring one (as before)', () => {
    const other: CodecSchema = {
      $id: 'urn:test:other',
      $defs: { List: { type: 'array', items: { $ref: '#/$defs/Item' } }, Item: { type: 'object', properties: { n: { type: 'integer' } } } },
    };
    const doc: CodecSchema = {
      $id: 'urn:test:doc',
      type: 'object',
      xml: { name: 'Doc', namespace: A, prefix: 'a' },
      $defs: { Item: { type: 'object', properties: { s: { type: 'string' } } } },
      properties: { list: { $ref: 'urn:test:other#/$defs/List' } },
    };
    const resolve: RefResolver = (ref, base) => {
      const [target = '', pointer = ''] = ref.split('#');
      const root = target === '' ? base : other;
      return { schema: (root.$defs as Record<string, CodecSchema>)[pointer.slice('/$defs/'.length)] as CodecSchema, root };
    };
    const value = { list: [{ n: 1 }, { n: 2 }] };
    const xml = writeXml(doc, value, resolve);
    expect(xml).toBe(referenceWriteXml(doc, value, resolve));
    const node = rootElement(parseXml(xml.replace('<a:n>1</a:n>', '<a:n>1</a:n><a:s>t</a:s>'))).node;
    const read = readXml(doc, node, resolve);
    expect(read).toEqual(referenceReadXml(doc, node, resolve));
    expect(read).toEqual({ list: [{ s: 't' }, {}] });
  });

  it('read errors are the same: wrong types, repeated elements, unknown elements when strict', () => {
    const schema = registry.schema('composite/query.schema.json');
    const cases: XmlValue[] = [
      { generellaFrageparametrar: { fraganSkallInkluderasISvaret: 'kanske' } },
      { generellaFrageparametrar: { syfte: ['a', 'b'] } },
      { generellaFrageparametrar: { okand: 'x' } },
      { generellaFrageparametrar: 'text' },
      { specifikaFrageparametrar: { AF: { inkludera: { x: '1' } } } },
    ];
    for (const node of cases) {
      for (const strict of [false, true]) {
        const expected = outcome(() => referenceReadXml(schema, node, registry.resolve, '', strict));
        expect(outcome(() => readXml(schema, node, registry.resolve, '', strict))).toEqual(expected);
      }
    }
    expect(outcome(() => readXml(schema, { generellaFrageparametrar: { okand: 'x' } }, registry.resolve, '', true))).toMatchObject({ ok: false, name: 'XmlShapeError' });
  });
});
