// The schema codec as it was before compiled plans (issue 7), kept verbatim as the reference the
// plan-based codec in simulator/xml/schema-codec.ts is compared with (test/xml/schema-codec-plans.test.ts).
// Only the imports and the exported names differ. Do not optimise it: its point is to be the old code.
import { escapeXml } from '../../simulator/xml/escape.ts';
import type { XmlNode, XmlValue } from '../../simulator/xml/parse.ts';
import { XmlShapeError, type CodecSchema, type RefResolver, type XmlAnnotation } from '../../simulator/xml/schema-codec.ts';

interface Scope {
  root: CodecSchema;
  resolve: RefResolver;
  /** Reject child elements the schema does not name (for queries, whose contract has no extension points). */
  strict?: boolean;
}

/** Follows `$ref` until a concrete schema remains, keeping the annotation of the referring schema. */
function deref(schema: CodecSchema, scope: Scope): { schema: CodecSchema; scope: Scope } {
  let current = schema;
  let currentScope = scope;
  let xml = schema.xml;
  for (let guard = 0; current.$ref !== undefined; guard++) {
    if (guard > 32) throw new Error(`$ref loop at ${schema.$ref}`);
    const next = currentScope.resolve(current.$ref, currentScope.root);
    current = next.schema;
    currentScope = { ...currentScope, root: next.root };
    xml = { ...current.xml, ...xml };
  }
  return { schema: xml === undefined ? current : { ...current, xml }, scope: currentScope };
}

function primaryType(schema: CodecSchema): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null');
  return t;
}

function scalarToText(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  return String(value);
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

interface WriteNs {
  namespace: string;
  prefix: string;
}

/** Namespace bindings in scope while writing: prefix ('' for the default namespace) to namespace. */
type Bindings = ReadonlyMap<string, string>;

function qname(ns: WriteNs, local: string): string {
  return ns.prefix === '' ? local : `${ns.prefix}:${local}`;
}

function declAttr(prefix: string, namespace: string): string {
  return prefix === '' ? ` xmlns="${escapeXml(namespace)}"` : ` xmlns:${prefix}="${escapeXml(namespace)}"`;
}

function childNs(parent: WriteNs, xml: XmlAnnotation | undefined): WriteNs {
  if (xml?.namespace === undefined) return parent;
  if (xml.namespace === '') return { namespace: '', prefix: '' };
  return { namespace: xml.namespace, prefix: xml.prefix ?? parent.prefix };
}

/** The schema of one item of a property (the property itself, or its `items` for an array) and the scope it resolves in. */
function itemOf(propSchema0: CodecSchema, scope: Scope): { schema: CodecSchema; scope: Scope; isArray: boolean } {
  const { schema: propSchema, scope: propScope } = deref(propSchema0, scope);
  if (primaryType(propSchema) !== 'array') return { schema: propSchema0, scope, isArray: false };
  return { schema: { ...(propSchema.items ?? {}), xml: { ...propSchema.items?.xml, ...propSchema.xml } }, scope: propScope, isArray: true };
}

/**
 * Every (prefix, namespace) an element written from this schema may use, found by walking the
 * schema graph once, so the outermost element can declare them all.
 */
function collectNamespaces(schema0: CodecSchema, scope0: Scope, parent: WriteNs, out: Map<string, string>, seen: Set<unknown>): void {
  const { schema, scope } = deref(schema0, scope0);
  const ns = childNs(parent, schema.xml);
  if (ns.namespace !== '' && !out.has(ns.prefix)) out.set(ns.prefix, ns.namespace);
  // A $ref'd schema is visited once per namespace context (recursive schemas end here).
  const key = schema0.$ref === undefined ? schema0 : `${String(scope0.root.$id)}#${schema0.$ref}|${ns.prefix}|${ns.namespace}`;
  if (seen.has(key)) return;
  seen.add(key);
  for (const propSchema0 of Object.values(schema.properties ?? {})) {
    const { schema: propSchema } = deref(propSchema0, scope);
    if (propSchema.xml?.attribute === true || propSchema.xml?.text === true) continue;
    const item = itemOf(propSchema0, scope);
    collectNamespaces(item.schema, item.scope, childNs(ns, propSchema.xml), out, seen);
  }
}

/** The declarations an element needs for `wanted` given what is bound around it, and the bindings inside it. */
function declare(wanted: Iterable<[string, string]>, bound: Bindings): { attrs: string; inner: Bindings } {
  let attrs = '';
  let inner: Map<string, string> | undefined;
  for (const [prefix, namespace] of wanted) {
    if ((bound.get(prefix) ?? '') === namespace) continue;
    if (prefix !== '' && namespace === '') continue;
    attrs += declAttr(prefix, namespace);
    inner ??= new Map(bound);
    inner.set(prefix, namespace);
  }
  return { attrs, inner: inner ?? bound };
}

function writeValue(name: string, schema0: CodecSchema, value: unknown, scope0: Scope, ns: WriteNs, bound: Bindings, indent: string): string {
  const { schema, scope } = deref(schema0, scope0);
  const local = schema.xml?.name ?? name;
  const tag = qname(ns, local);
  const { attrs: decl, inner } = declare([[ns.prefix, ns.namespace]], bound);
  if (value === null) {
    return `${indent}<${tag}${decl} xmlns:xsi="${XSI}" xsi:nil="true"/>`;
  }
  const type = primaryType(schema);
  if (type === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    let attrs = '';
    let text: string | undefined;
    const children: string[] = [];
    for (const [prop, propSchema0] of Object.entries(schema.properties ?? {})) {
      const propValue = record[prop];
      if (propValue === undefined) continue;
      const { schema: propSchema } = deref(propSchema0, scope);
      if (propSchema.xml?.attribute === true) {
        attrs += ` ${propSchema.xml.name ?? prop}="${escapeXml(scalarToText(propValue))}"`;
      } else if (propSchema.xml?.text === true) {
        text = escapeXml(scalarToText(propValue));
      } else {
        const cns = childNs(ns, propSchema.xml);
        const item = itemOf(propSchema0, scope);
        const items = item.isArray && Array.isArray(propValue) ? propValue : [propValue];
        for (const v of items) children.push(writeValue(prop, item.schema, v, item.scope, cns, inner, `${indent}  `));
      }
    }
    if (text !== undefined) return `${indent}<${tag}${decl}${attrs}>${text}</${tag}>`;
    if (children.length === 0) return `${indent}<${tag}${decl}${attrs}/>`;
    return `${indent}<${tag}${decl}${attrs}>\n${children.join('\n')}\n${indent}</${tag}>`;
  }
  return `${indent}<${tag}${decl}>${escapeXml(scalarToText(value))}</${tag}>`;
}

function rootBindings(schema: CodecSchema, scope: Scope, ns: WriteNs): Bindings {
  const all = new Map<string, string>();
  collectNamespaces(schema, scope, ns, all, new Set());
  return all;
}

/**
 * Writes `value` as the XML element the schema describes: child elements in the order of the
 * schema's `properties`, arrays as repeated elements, `xml.attribute` properties as attributes.
 * The root element declares every namespace the document uses.
 */
export function referenceWriteXml(schema: CodecSchema, value: unknown, resolve: RefResolver, indent = ''): string {
  const root = deref(schema, { root: schema, resolve });
  const xml = root.schema.xml ?? {};
  const name = xml.name;
  if (name === undefined) throw new Error('writeXml: the root schema needs xml.name');
  const ns: WriteNs = { namespace: xml.namespace ?? '', prefix: xml.prefix ?? '' };
  return writeRootLike(name, root.schema, value, root.scope, ns, indent);
}

function writeRootLike(name: string, schema: CodecSchema, value: unknown, scope: Scope, ns: WriteNs, indent: string): string {
  const all = rootBindings(schema, scope, ns);
  // Declare everything on this element; its own namespace first.
  const ordered: [string, string][] = [[ns.prefix, ns.namespace], ...[...all].filter(([p]) => p !== ns.prefix)];
  const { attrs, inner } = declare(ordered, new Map());
  const body = writeValue(name, schema, value, scope, ns, inner, indent);
  const tag = qname(ns, schema.xml?.name ?? name);
  return body.replace(`<${tag}`, `<${tag}${attrs}`);
}

/**
 * Writes the child elements of an object value (without the element around them), each declaring
 * the namespaces it uses: for content that is embedded in another document's element.
 */
export function referenceWriteXmlContent(schema: CodecSchema, value: Record<string, unknown>, resolve: RefResolver, indent = ''): string {
  const { schema: s, scope } = deref(schema, { root: schema, resolve });
  const xml = s.xml ?? {};
  const ns: WriteNs = { namespace: xml.namespace ?? '', prefix: xml.prefix ?? '' };
  const parts: string[] = [];
  for (const [prop, propSchema0] of Object.entries(s.properties ?? {})) {
    const propValue = value[prop];
    if (propValue === undefined) continue;
    const { schema: propSchema } = deref(propSchema0, scope);
    const cns = childNs(ns, propSchema.xml);
    const item = itemOf(propSchema0, scope);
    const items = item.isArray && Array.isArray(propValue) ? propValue : [propValue];
    for (const v of items) {
      const { schema: itemSchema, scope: itemScope } = deref(item.schema, item.scope);
      parts.push(writeRootLike(prop, itemSchema, v, itemScope, cns, indent));
    }
  }
  return parts.join('\n');
}

function textOf(node: XmlValue | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return textOf(node[0]);
  const t = node['#text'];
  return typeof t === 'string' ? t : t === undefined ? '' : undefined;
}

function isNil(node: XmlValue): boolean {
  return typeof node === 'object' && !Array.isArray(node) && node['@_nil'] === 'true';
}

function readScalar(schema: CodecSchema, text: string, path: string): unknown {
  switch (primaryType(schema)) {
    case 'integer': {
      if (!/^[+-]?\d+$/.test(text.trim())) throw new XmlShapeError(`"${text}" is not an integer`, path);
      return Number.parseInt(text, 10);
    }
    case 'number': {
      const n = Number(text.trim());
      if (text.trim() === '' || !Number.isFinite(n)) throw new XmlShapeError(`"${text}" is not a number`, path);
      return n;
    }
    case 'boolean': {
      const t = text.trim();
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      throw new XmlShapeError(`"${text}" is not a boolean (true, false, 1, 0)`, path);
    }
    default:
      return text;
  }
}

function readValue(schema0: CodecSchema, node: XmlValue, scope0: Scope, path: string): unknown {
  const { schema, scope } = deref(schema0, scope0);
  if (isNil(node)) return null;
  const type = primaryType(schema);
  if (type === 'object') {
    const element: XmlNode = typeof node === 'object' && !Array.isArray(node) ? node : {};
    if (typeof node === 'string' && node.trim() !== '') {
      throw new XmlShapeError('expected child elements, found text', path);
    }
    const out: Record<string, unknown> = {};
    if (scope.strict === true) {
      const known = new Set(
        Object.entries(schema.properties ?? {}).map(([prop, ps]) => {
          const d = deref(ps, scope).schema;
          return d.xml?.attribute === true ? `@_${d.xml.name ?? prop}` : (d.xml?.name ?? prop);
        }),
      );
      for (const key of Object.keys(element)) {
        // Attributes (xsi:nil, xsi:type and the like) are not elements; only unknown elements are refused.
        if (key === '#text' || key.startsWith('@_') || known.has(key)) continue;
        throw new XmlShapeError(`element ${key} is not allowed here`, `${path}/${key}`);
      }
    }
    for (const [prop, propSchema0] of Object.entries(schema.properties ?? {})) {
      const { schema: propSchema } = deref(propSchema0, scope);
      const name = propSchema.xml?.name ?? prop;
      if (propSchema.xml?.attribute === true) {
        const raw = element[`@_${name}`];
        if (typeof raw === 'string') out[prop] = readScalar(propSchema, raw, `${path}/@${name}`);
        continue;
      }
      if (propSchema.xml?.text === true) {
        const raw = textOf(node);
        if (raw !== undefined) out[prop] = readScalar(propSchema, raw, `${path}/text()`);
        continue;
      }
      const raw = element[name];
      if (raw === undefined) continue;
      if (primaryType(propSchema) === 'array') {
        const items = Array.isArray(raw) ? raw : [raw];
        out[prop] = items.map((item, i) => readValue(propSchema.items ?? {}, item, scope, `${path}/${name}[${i + 1}]`));
      } else {
        if (Array.isArray(raw)) throw new XmlShapeError(`element ${name} occurs ${raw.length} times, at most once allowed`, `${path}/${name}`);
        out[prop] = readValue(propSchema0, raw, scope, `${path}/${name}`);
      }
    }
    return out;
  }
  const text = textOf(node);
  if (text === undefined) throw new XmlShapeError('expected text, found child elements', path);
  return readScalar(schema, text, path);
}

/**
 * Reads the content of a parsed element (see parseXml) into the JSON form the schema describes.
 * Element names are matched by local name; elements the schema does not name are ignored (the
 * agencies' schemas allow extensions); missing required ones are for the validator to report.
 */
export function referenceReadXml(schema: CodecSchema, node: XmlValue, resolve: RefResolver, path = '', strict = false): unknown {
  return readValue(schema, node, { root: schema, resolve, strict }, path);
}
