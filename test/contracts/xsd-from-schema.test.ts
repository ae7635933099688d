import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import type { TnsPayload } from '../../simulator/base-services/tns/generate.ts';
import { tnsSource } from '../../simulator/base-services/tns/module.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { generateXsds, XsdBuilder, xsdPattern } from '../../simulator/contracts/xsd-from-schema.ts';
import { writeXml, type CodecSchema } from '../../simulator/xml/schema-codec.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';

const xmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!xmllint && process.env.CI === 'true')
  throw new Error('CI=true but xmllint is not installed (apt-get install libxml2-utils)');

/** Saves XSD documents side by side in a new temporary directory; returns it. */
function saveAll(docs: Map<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ssbtek-xsd-gen-'));
  for (const [name, text] of docs) writeFileSync(join(dir, name), text);
  return dir;
}

/** xmllint's complaints about `xml` by the schema file ('' when valid). */
function problems(xsdFile: string, xml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ssbtek-xml-')), 'doc.xml');
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsdFile, file], { encoding: 'utf8' });
  return run.status === 0 ? '' : `${run.stderr}`.trim() || 'invalid';
}

/** '' when the schema compiles (validating a stray element fails by validation, exit 3, not by compilation, exit 5). */
function compileProblems(xsdFile: string): string {
  const out = problems(xsdFile, '<compile-check/>');
  return out.includes('failed to compile') || out.includes('parser error') ? out : '';
}

const now = new Date('2026-11-27T10:00:00Z');

describe('xsdPattern: ECMAScript pattern (search) to XSD pattern (whole value)', () => {
  it.each([
    ['^[0-9]{12}$', '[0-9]{12}'],
    ['^(200|500|501|502) - ', '(200|500|501|502) - .*'],
    ['abc', '.*abc.*'],
    ['^a$|^b', 'a|b.*'],
    ['^(?:ab)+?$', '(ab)+'],
    ['^a\\/b\\$$', 'a/b$'],
    ['^\\u00e5\\d$', 'å\\d'],
    ['^[+-][0-9]{2}$', '[+-][0-9]{2}'],
    ['^[[a]$', '[\\[a]'],
    ['^a{2,}\\.b$', 'a{2,}\\.b'],
  ])('%s becomes %s', (json, xsd) => {
    expect(xsdPattern(json)).toBe(xsd);
  });

  it.each(['(?=a)b', '\\bword', '^(a)\\1$', '^a^b$', '^[]$', 'a\\cb'])('%s has no XSD form', (json) => {
    expect(xsdPattern(json)).toBeUndefined();
  });
});

describe('generateXsds on the TNS payload schema', () => {
  const docs = generateXsds(contracts(), [{ schema: tnsSource.schemaPath }]);
  const dir = saveAll(docs);
  const scenario = makeScenario({ personas: [makePersona({ id: 'owner', situation: { vehicles: 2 } })] });

  it('writes one document per namespace, importing the other by file name', () => {
    expect([...docs.keys()]).toEqual(['tns.xsd', 'fordon.xsd']);
    const tns = docs.get('tns.xsd') ?? '';
    expect(tns).toContain(
      'targetNamespace="http://schema.transportstyrelsen.se/ssbtek/hamtauppgifterresponder/1"',
    );
    expect(tns).toContain(
      '<xs:import namespace="http://schema.transportstyrelsen.se/ssbtek/fordon/1" schemaLocation="fordon.xsd"/>',
    );
    expect(tns).toContain('<xs:element name="HamtaUppgifterResponse" type="tns:HamtaUppgifterResponseType"');
    expect(tns).toContain('<xs:element ref="fordon:fordon" minOccurs="0" maxOccurs="unbounded"/>');
    expect(docs.get('fordon.xsd')).toContain('<xs:element name="fordon" type="fordon:Fordon"/>');
  });

  it.skipIf(!xmllint)('every document compiles', () => {
    for (const name of docs.keys()) expect(compileProblems(join(dir, name)), name).toBe('');
  });

  it.skipIf(!xmllint)('the document the codec writes for a generated payload is valid', () => {
    const payload = sourcePayload(tnsSource, scenario, makeBaseRequest(), now) as TnsPayload;
    expect(payload.fordonsinnehav?.fordon).toHaveLength(2);
    expect(problems(join(dir, 'tns.xsd'), tnsSource.toDocument(payload))).toBe('');
    expect(problems(join(dir, 'tns.xsd'), tnsSource.toDocument({ resultat: 'OK', fordonsinnehav: {} }))).toBe(
      '',
    );
  });

  it.skipIf(!xmllint)('a document breaking the schema is invalid (pattern, enum, required)', () => {
    const payload = sourcePayload(tnsSource, scenario, makeBaseRequest(), now) as TnsPayload;
    const doc = tnsSource.toDocument(payload);
    expect(
      problems(join(dir, 'tns.xsd'), doc.replace(/<fordon:fordonsar>\d{4}</, '<fordon:fordonsar>ABCD<')),
    ).toContain('fordonsar');
    expect(
      problems(join(dir, 'tns.xsd'), doc.replace('<tns:resultat>OK<', '<tns:resultat>KANSKE<')),
    ).toContain('resultat');
    expect(problems(join(dir, 'tns.xsd'), doc.replace(/<tns:resultat>OK<\/tns:resultat>/, ''))).not.toBe('');
  });
});

const A = 'urn:test:a';
const B = 'urn:test:b';

/** A small schema with one of each construct the generator maps. */
const sink: CodecSchema = {
  type: 'object',
  title: 'Every construct',
  xml: { name: 'Sink', namespace: A, prefix: 'a' },
  additionalProperties: false,
  required: ['id', 'code', 'count', 'when', 'amount', 'flag', 'items'],
  properties: {
    id: { type: 'string', pattern: '^[A-Z]{2}$', xml: { attribute: true } },
    version: { type: 'integer', xml: { attribute: true } },
    code: { $ref: '#/$defs/Code' },
    count: { type: 'integer', minimum: -32768, maximum: 32767 },
    big: { type: 'integer', minimum: 0, maximum: 99999999999 },
    when: { type: 'string', format: 'date' },
    stamp: { type: 'string', format: 'date-time' },
    amount: { type: 'number', minimum: 0 },
    flag: { type: 'boolean' },
    note: { type: ['string', 'null'] },
    payload: { type: ['string', 'object'], description: 'Base64 of a JSON document, or the document.' },
    plain: { type: ['string', 'object'] },
    local: {
      type: 'object',
      xml: { namespace: '' },
      required: ['inner'],
      properties: { inner: { type: 'string' } },
    },
    items: { type: 'array', minItems: 1, items: { $ref: '#/$defs/Item' } },
    foreign: { type: 'array', items: { $ref: '#/$defs/Item' }, xml: { namespace: B, prefix: 'b' } },
    measured: { $ref: '#/$defs/Measured' },
    kind: { enum: ['X', 'Y'] },
    free: { type: 'object' },
  },
  $defs: {
    Code: { type: 'string', minLength: 1, maxLength: 4, description: 'A short code.' },
    Item: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: { type: 'string' }, child: { $ref: '#/$defs/Item' } },
    },
    Measured: {
      type: 'object',
      required: ['value'],
      properties: {
        unit: { type: 'string', xml: { attribute: true } },
        value: { type: 'number', xml: { text: true } },
      },
    },
  },
};

const sinkValue = {
  id: 'AB',
  version: 3,
  code: 'X1',
  count: -5,
  big: 99999999999,
  when: '2026-01-31',
  stamp: '2026-01-31T10:00:00Z',
  amount: 12.5,
  flag: true,
  note: null,
  payload: Buffer.from('{"a":1}').toString('base64'),
  plain: 'text',
  local: { inner: 'i' },
  items: [{ name: 'n1', child: { name: 'n2', child: { name: 'n3' } } }],
  foreign: [{ name: 'f1' }, { name: 'f2', child: { name: 'f3' } }],
  measured: { unit: 'kg', value: 3.5 },
  kind: 'X',
  free: {},
};

describe('XsdBuilder on a schema with every construct', () => {
  const builder = new XsdBuilder(contracts());
  const root = builder.addRoot({ schema: sink });
  const docs = builder.documents();
  const a = docs.get('a.xsd') ?? '';
  const dir = saveAll(docs);
  const xml = writeXml(sink, sinkValue, contracts().resolve);
  const check = (text: string): string => problems(join(dir, 'a.xsd'), text);

  it('maps each construct as documented', () => {
    expect(root).toEqual({
      element: { ns: A, local: 'Sink' },
      type: { ns: A, local: 'SinkType' },
      fileName: 'a.xsd',
    });
    expect([...docs.keys()]).toEqual(['a.xsd', 'b.xsd']);
    expect(builder.warnings).toEqual([]);
    expect(a).toContain('elementFormDefault="qualified"');
    expect(a).toContain('<xs:attribute name="id" use="required">');
    expect(a).toContain('<xs:attribute name="version" type="xs:int"/>');
    expect(a).toContain('<xs:element name="code" type="a:Code"/>');
    expect(a).toContain('<xs:simpleType name="Code">');
    expect(a).toContain('<xs:element name="count" type="xs:short"/>');
    expect(a).toMatch(
      /<xs:element name="big" minOccurs="0">\s*<xs:simpleType>\s*<xs:restriction base="xs:long">/,
    );
    expect(a).toContain('<xs:element name="when" type="xs:date"/>');
    expect(a).toContain('<xs:element name="stamp" type="xs:dateTime" minOccurs="0"/>');
    expect(a).toContain('<xs:element name="flag" type="xs:boolean"/>');
    expect(a).toContain('<xs:element name="note" type="xs:string" minOccurs="0" nillable="true"/>');
    expect(a).toMatch(/<xs:element name="payload" type="xs:base64Binary" minOccurs="0">/);
    expect(a).toContain('<xs:element name="plain" type="xs:string" minOccurs="0"/>');
    expect(a).toContain('<xs:element name="local" form="unqualified" minOccurs="0">');
    expect(a).toContain('<xs:element name="inner" form="unqualified" type="xs:string"/>');
    expect(a).toContain('<xs:element name="items" type="a:Item" maxOccurs="unbounded"/>');
    expect(a).toContain('<xs:element ref="b:foreign" minOccurs="0" maxOccurs="unbounded"/>');
    expect(a).toMatch(
      /<xs:simpleContent>\s*<xs:extension base="xs:decimal">\s*<xs:attribute name="unit" type="xs:string"\/>/,
    );
    expect(a).toContain(
      '<xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>',
    );
    // Item is instantiated once per namespace its children inherit.
    expect(docs.get('b.xsd')).toContain('<xs:element name="foreign" type="b:Item"/>');
    expect(docs.get('b.xsd')).toContain('<xs:element name="child" type="b:Item" minOccurs="0"/>');
  });

  it.skipIf(!xmllint)('every document compiles', () => {
    for (const name of docs.keys()) expect(compileProblems(join(dir, name)), name).toBe('');
  });

  it.skipIf(!xmllint)('the XML the codec writes is valid', () => {
    expect(check(xml)).toBe('');
  });

  it.skipIf(!xmllint)('XML breaking the JSON Schema is invalid', () => {
    expect(check(xml.replace('id="AB"', 'id="ABC"'))).toContain("'id'");
    expect(check(xml.replace('<a:count>-5<', '<a:count>40000<'))).toContain('count');
    expect(check(xml.replace('<a:kind>X<', '<a:kind>Z<'))).toContain('kind');
    expect(check(xml.replace('<a:code>X1</a:code>', ''))).not.toBe('');
    expect(check(xml.replace(/<a:items>[\s\S]*?<\/a:items>/, ''))).not.toBe('');
    expect(check(xml.replace('<a:code>X1<', '<a:code>TOOLONG<'))).toContain('code');
    expect(check(xml.replace('<inner>i</inner>', '<a:inner>i</a:inner>'))).toContain('inner');
    expect(check(xml.replace('<a:when>2026-01-31<', '<a:when>2026-02-31<'))).toContain('when');
  });

  it('imports by the location `locate` gives', () => {
    const located = generateXsds(contracts(), [{ schema: sink }], {
      locate: (f) => `http://sim.test/ssbtek/v10?xsd=${f}`,
    });
    expect(located.get('a.xsd')).toContain(
      '<xs:import namespace="urn:test:b" schemaLocation="http://sim.test/ssbtek/v10?xsd=b.xsd"/>',
    );
  });
});

describe('XsdBuilder where the mapping cannot be exact', () => {
  const schema: CodecSchema = {
    type: 'object',
    xml: { name: 'Odd', namespace: A, prefix: 'a' },
    properties: {
      look: { type: 'string', pattern: '(?=x)x' },
      either: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      one: { type: 'object', xml: { namespace: B }, properties: { x: { type: 'string' } } },
      two: { type: 'object', xml: { namespace: B }, properties: { y: { type: 'string' } } },
      nested: { type: 'object', properties: { one: { type: 'string', xml: { namespace: B } } } },
      unnamedPrefix: { type: 'string', xml: { namespace: 'urn:test:c', prefix: '' } },
    },
  };
  const builder = new XsdBuilder(contracts(), { fileNames: { 'urn:test:c': 'c-file.xsd' } });
  builder.addRoot({ schema });
  const docs = builder.documents();

  it('accepts any content there, and says so in warnings', () => {
    expect(builder.warnings).toEqual([
      '(a schema built in code)/look: pattern (?=x)x has no XSD form; left out',
      '(a schema built in code)/either: oneOf/anyOf/allOf are not expressed; any content is accepted',
      'element {urn:test:b}one is declared with two different types: it accepts any content',
    ]);
    // Without a prefix a namespace is named ns<n>, or after the file name it was given.
    expect([...docs.keys()]).toEqual(['a.xsd', 'ns1.xsd', 'c-file.xsd']);
    expect(docs.get('a.xsd')).toContain('xmlns:c-file="urn:test:c"');
  });

  it.skipIf(!xmllint)('every document still compiles', () => {
    const dir = saveAll(docs);
    for (const name of docs.keys()) expect(compileProblems(join(dir, name)), name).toBe('');
  });
});
