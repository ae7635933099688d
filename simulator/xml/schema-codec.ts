import { escapeXml } from './escape.ts';
import type { XmlNode, XmlValue } from './parse.ts';

/**
 * The XML annotation a contract schema carries, after OpenAPI's `xml` object: which element name,
 * namespace and prefix a value is written with, and whether it is an attribute or the element's text.
 * A property without `xml.namespace` is in its parent's namespace; `namespace: ""` means no namespace.
 */
export interface XmlAnnotation {
  name?: string;
  namespace?: string;
  prefix?: string;
  attribute?: boolean;
  text?: boolean;
}

/** The subset of JSON Schema the codec understands. */
export interface CodecSchema {
  $id?: string;
  $ref?: string;
  $defs?: Record<string, CodecSchema>;
  type?: string | string[];
  properties?: Record<string, CodecSchema>;
  items?: CodecSchema;
  xml?: XmlAnnotation;
  [key: string]: unknown;
}

/** Resolves a `$ref` seen in `base` to the schema it names and the document it lives in. */
export type RefResolver = (ref: string, base: CodecSchema) => { schema: CodecSchema; root: CodecSchema };

/** Thrown by the reader when XML content cannot be mapped to the schema (a type that does not parse). */
export class XmlShapeError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'XmlShapeError';
  }
}

interface Scope {
  root: CodecSchema;
  resolve: RefResolver;
}

/**
 * Follows `$ref` until a concrete schema remains, keeping the annotation of the referring schema.
 * Allocates on every call: the writer and reader use the compiled plans below, which call it once per
 * schema node; the namespace walk (collectNamespaces) uses it once per root and namespace.
 */
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

const NO_NAMESPACE: WriteNs = { namespace: '', prefix: '' };

function childNs(parent: WriteNs, xml: XmlAnnotation | undefined): WriteNs {
  if (xml?.namespace === undefined) return parent;
  if (xml.namespace === '') return NO_NAMESPACE;
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
 * schema graph, so the outermost element can declare them all. Runs once per (plan, namespace):
 * see rootDeclarations.
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

// ---------------------------------------------------------------------------------------------------
// Compiled plans. Contract schemas never change, so everything the writer and reader derive from a
// schema node alone (the $ref chain followed, the merged xml annotation, the primary type, the
// properties with their names and item schemas, the namespaces a root declares) is computed once per
// (resolver, document root, schema object) and kept in WeakMaps. Callers must not mutate a schema
// after it has been written or read with.
// ---------------------------------------------------------------------------------------------------

/** One schema node, $refs followed, for one resolver and document root. */
interface Plan {
  readonly compiler: Compiler;
  /** What deref returns: the concrete schema with the merged xml annotation. */
  readonly schema: CodecSchema;
  /** The document the concrete schema's own $refs resolve in. */
  readonly root: CodecSchema;
  readonly xml: XmlAnnotation | undefined;
  readonly type: string | undefined;
  /** The properties (in schema order), compiled on first use (recursive schemas stay finite). */
  props: PropPlan[] | undefined;
  /** Strict reading: the keys (elements, `@_attributes`) a parsed element may have. */
  known: Set<string> | undefined;
  /** Root declarations by namespace context (`prefix \n namespace`). */
  roots: Map<string, RootDeclarations> | undefined;
}

/** One property of an object plan. */
interface PropPlan {
  readonly prop: string;
  /** The document the parent's properties resolve in. */
  readonly parentRoot: CodecSchema;
  /** deref of the property's schema. */
  readonly plan: Plan;
  readonly attribute: boolean;
  readonly text: boolean;
  /** The element (or attribute) name: `xml.name`, else the property name. */
  readonly name: string;
  readonly isArray: boolean;
  /** The namespace of the property's elements when it does not depend on the parent's (else undefined). */
  readonly fixedNs: WriteNs | undefined;
  /** The writer's plan of one item (the property itself, or its merged `items`), compiled on first use. */
  writeItem: Plan | undefined;
  /** The reader's plan of one array item (`items` in the parent's root, as the reader has always resolved it). */
  readItem: Plan | undefined;
  /** Path segments, so the reader adds one string per element instead of two. */
  readonly slashName: string;
  readonly slashAtName: string;
}

/** The namespace declarations of a root-like element (writeXml, each writeXmlContent item). */
interface RootDeclarations {
  /** Declaration attributes (inserted right after the tag name). */
  readonly attrs: string;
  /** The bindings in scope inside the element. */
  readonly inner: Bindings;
}

const EMPTY_SCHEMA: CodecSchema = Object.freeze({});

/** A map by schema: weakly held for schema objects, and a plain map for boolean schemas (`true`, `false`). */
class BySchema<V> {
  private readonly objects = new WeakMap<object, V>();
  private readonly others = new Map<unknown, V>();

  get(key: CodecSchema): V | undefined {
    return typeof key === 'object' && key !== null ? this.objects.get(key) : this.others.get(key);
  }

  set(key: CodecSchema, value: V): void {
    if (typeof key === 'object' && key !== null) this.objects.set(key, value);
    else this.others.set(key, value);
  }
}

class Compiler {
  private readonly byRoot = new BySchema<BySchema<Plan>>();

  constructor(readonly resolve: RefResolver) {}

  /** deref(schema0, { root, resolve }) as a cached plan. */
  plan(schema0: CodecSchema, root: CodecSchema): Plan {
    let plans = this.byRoot.get(root);
    if (plans === undefined) {
      plans = new BySchema();
      this.byRoot.set(root, plans);
    }
    let plan = plans.get(schema0);
    if (plan === undefined) {
      const d = deref(schema0, { root, resolve: this.resolve });
      const xml = d.schema.xml;
      plan = { compiler: this, schema: d.schema, root: d.scope.root, xml, type: primaryType(d.schema), props: undefined, known: undefined, roots: undefined };
      plans.set(schema0, plan);
    }
    return plan;
  }
}

const compilers = new WeakMap<RefResolver, Compiler>();

function compilerFor(resolve: RefResolver): Compiler {
  let c = compilers.get(resolve);
  if (c === undefined) {
    c = new Compiler(resolve);
    compilers.set(resolve, c);
  }
  return c;
}

function propsOf(plan: Plan): PropPlan[] {
  if (plan.props !== undefined) return plan.props;
  const props: PropPlan[] = [];
  for (const [prop, schema0] of Object.entries(plan.schema.properties ?? {})) {
    const p = plan.compiler.plan(schema0, plan.root);
    const xml = p.xml;
    const name = xml?.name ?? prop;
    let fixedNs: WriteNs | undefined;
    if (xml?.namespace === '') fixedNs = NO_NAMESPACE;
    else if (xml?.namespace !== undefined && xml.prefix !== undefined) fixedNs = { namespace: xml.namespace, prefix: xml.prefix };
    props.push({
      prop,
      parentRoot: plan.root,
      plan: p,
      attribute: xml?.attribute === true,
      text: xml?.text === true,
      name,
      isArray: p.type === 'array',
      fixedNs,
      writeItem: undefined,
      readItem: undefined,
      slashName: `/${name}`,
      slashAtName: `/@${name}`,
    });
  }
  plan.props = props;
  return props;
}

/** The element namespace of a property's items, given the parent element's (childNs, without allocating when fixed). */
function propNs(pp: PropPlan, parent: WriteNs): WriteNs {
  return pp.fixedNs ?? childNs(parent, pp.plan.xml);
}

/** The plan of one written item of a property (itemOf followed by deref). */
function writeItemOf(pp: PropPlan): Plan {
  if (pp.writeItem !== undefined) return pp.writeItem;
  let item: Plan;
  if (!pp.isArray) {
    item = pp.plan;
  } else {
    const propSchema = pp.plan.schema;
    const merged: CodecSchema = { ...(propSchema.items ?? {}), xml: { ...propSchema.items?.xml, ...propSchema.xml } };
    item = pp.plan.compiler.plan(merged, pp.plan.root);
  }
  pp.writeItem = item;
  return item;
}

/** The plan of one read array item: the property's `items`, resolved in the parent's root. */
function readItemOf(pp: PropPlan): Plan {
  pp.readItem ??= pp.plan.compiler.plan(pp.plan.schema.items ?? EMPTY_SCHEMA, pp.parentRoot);
  return pp.readItem;
}

function knownOf(plan: Plan): Set<string> {
  plan.known ??= new Set(propsOf(plan).map((pp) => (pp.attribute ? `@_${pp.name}` : pp.name)));
  return plan.known;
}

/**
 * The declarations of a root-like element written from `plan` in namespace `ns`: every namespace the
 * schema graph below it may use, its own first. Walks the graph once per (plan, namespace).
 */
function rootDeclarations(plan: Plan, ns: WriteNs): RootDeclarations {
  plan.roots ??= new Map();
  const key = `${ns.prefix}\n${ns.namespace}`;
  let decl = plan.roots.get(key);
  if (decl === undefined) {
    const all = new Map<string, string>();
    collectNamespaces(plan.schema, { root: plan.root, resolve: plan.compiler.resolve }, ns, all, new Set());
    // Declare everything on this element; its own namespace first.
    const ordered: [string, string][] = [[ns.prefix, ns.namespace], ...[...all].filter(([p]) => p !== ns.prefix)];
    decl = declare(ordered, new Map());
    plan.roots.set(key, decl);
  }
  return decl;
}

/**
 * Writes one element, `rootAttrs` (a root-like element's namespace declarations, else '') right after
 * its tag name.
 */
function writeValue(name: string, plan: Plan, value: unknown, ns: WriteNs, bound: Bindings, indent: string, rootAttrs: string): string {
  const tag = qname(ns, plan.xml?.name ?? name);
  // declare([[ns.prefix, ns.namespace]], bound), without the allocations.
  let decl = '';
  let inner = bound;
  if ((bound.get(ns.prefix) ?? '') !== ns.namespace && !(ns.prefix !== '' && ns.namespace === '')) {
    decl = declAttr(ns.prefix, ns.namespace);
    inner = new Map(bound).set(ns.prefix, ns.namespace);
  }
  if (value === null) {
    return `${indent}<${tag}${rootAttrs}${decl} xmlns:xsi="${XSI}" xsi:nil="true"/>`;
  }
  if (plan.type === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    let attrs = '';
    let text: string | undefined;
    let children = '';
    let count = 0;
    const childIndent = `${indent}  `;
    for (const pp of propsOf(plan)) {
      const propValue = record[pp.prop];
      if (propValue === undefined) continue;
      if (pp.attribute) {
        attrs += ` ${pp.name}="${escapeXml(scalarToText(propValue))}"`;
      } else if (pp.text) {
        text = escapeXml(scalarToText(propValue));
      } else {
        const cns = propNs(pp, ns);
        const item = writeItemOf(pp);
        if (pp.isArray && Array.isArray(propValue)) {
          for (const v of propValue as unknown[]) {
            const child = writeValue(pp.prop, item, v, cns, inner, childIndent, '');
            children = count++ === 0 ? child : `${children}\n${child}`;
          }
        } else {
          const child = writeValue(pp.prop, item, propValue, cns, inner, childIndent, '');
          children = count++ === 0 ? child : `${children}\n${child}`;
        }
      }
    }
    if (text !== undefined) return `${indent}<${tag}${rootAttrs}${decl}${attrs}>${text}</${tag}>`;
    if (count === 0) return `${indent}<${tag}${rootAttrs}${decl}${attrs}/>`;
    return `${indent}<${tag}${rootAttrs}${decl}${attrs}>\n${children}\n${indent}</${tag}>`;
  }
  return `${indent}<${tag}${rootAttrs}${decl}>${escapeXml(scalarToText(value))}</${tag}>`;
}

/** The namespace a root-like element is written in, from its own annotation. */
function ownNs(xml: XmlAnnotation | undefined): WriteNs {
  return { namespace: xml?.namespace ?? '', prefix: xml?.prefix ?? '' };
}

/**
 * Writes `value` as the XML element the schema describes: child elements in the order of the
 * schema's `properties`, arrays as repeated elements, `xml.attribute` properties as attributes.
 * The root element declares every namespace the document uses.
 */
export function writeXml(schema: CodecSchema, value: unknown, resolve: RefResolver, indent = ''): string {
  const plan = compilerFor(resolve).plan(schema, schema);
  const name = plan.xml?.name;
  if (name === undefined) throw new Error('writeXml: the root schema needs xml.name');
  return writeRootLike(name, plan, value, ownNs(plan.xml), indent);
}

function writeRootLike(name: string, plan: Plan, value: unknown, ns: WriteNs, indent: string): string {
  const { attrs, inner } = rootDeclarations(plan, ns);
  return writeValue(name, plan, value, ns, inner, indent, attrs);
}

/**
 * Writes the child elements of an object value (without the element around them), each declaring
 * the namespaces it uses: for content that is embedded in another document's element.
 */
export function writeXmlContent(schema: CodecSchema, value: Record<string, unknown>, resolve: RefResolver, indent = ''): string {
  const plan = compilerFor(resolve).plan(schema, schema);
  const ns = ownNs(plan.xml);
  let out = '';
  let count = 0;
  for (const pp of propsOf(plan)) {
    const propValue = value[pp.prop];
    if (propValue === undefined) continue;
    const cns = propNs(pp, ns);
    const item = writeItemOf(pp);
    const items = pp.isArray && Array.isArray(propValue) ? (propValue as unknown[]) : [propValue];
    for (const v of items) {
      const part = writeRootLike(pp.prop, item, v, cns, indent);
      out = count++ === 0 ? part : `${out}\n${part}`;
    }
  }
  return out;
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

const INTEGER = /^[+-]?\d+$/;

function readScalar(type: string | undefined, text: string, path: string): unknown {
  switch (type) {
    case 'integer': {
      if (!INTEGER.test(text.trim())) throw new XmlShapeError(`"${text}" is not an integer`, path);
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

function readValue(plan: Plan, node: XmlValue, strict: boolean, path: string): unknown {
  if (isNil(node)) return null;
  if (plan.type === 'object') {
    const element: XmlNode = typeof node === 'object' && !Array.isArray(node) ? node : {};
    if (typeof node === 'string' && node.trim() !== '') {
      throw new XmlShapeError('expected child elements, found text', path);
    }
    const props = propsOf(plan);
    const out: Record<string, unknown> = {};
    if (strict) {
      const known = knownOf(plan);
      for (const key of Object.keys(element)) {
        // Attributes (xsi:nil, xsi:type and the like) are not elements; only unknown elements are refused.
        if (key === '#text' || key.startsWith('@_') || known.has(key)) continue;
        throw new XmlShapeError(`element ${key} is not allowed here`, `${path}/${key}`);
      }
    }
    for (const pp of props) {
      const name = pp.name;
      if (pp.attribute) {
        const raw = element[`@_${name}`];
        if (typeof raw === 'string') out[pp.prop] = readScalar(pp.plan.type, raw, path + pp.slashAtName);
        continue;
      }
      if (pp.text) {
        const raw = textOf(node);
        if (raw !== undefined) out[pp.prop] = readScalar(pp.plan.type, raw, `${path}/text()`);
        continue;
      }
      const raw = element[name];
      if (raw === undefined) continue;
      if (pp.isArray) {
        const item = readItemOf(pp);
        const items = Array.isArray(raw) ? raw : [raw];
        out[pp.prop] = items.map((x, i) => readValue(item, x, strict, `${path}${pp.slashName}[${i + 1}]`));
      } else {
        if (Array.isArray(raw)) throw new XmlShapeError(`element ${name} occurs ${raw.length} times, at most once allowed`, path + pp.slashName);
        out[pp.prop] = readValue(pp.plan, raw, strict, path + pp.slashName);
      }
    }
    return out;
  }
  const text = textOf(node);
  if (text === undefined) throw new XmlShapeError('expected text, found child elements', path);
  return readScalar(plan.type, text, path);
}

/**
 * Reads the content of a parsed element (see parseXml) into the JSON form the schema describes.
 * Element names are matched by local name; elements the schema does not name are ignored (the
 * agencies' schemas allow extensions); missing required ones are for the validator to report.
 */
export function readXml(schema: CodecSchema, node: XmlValue, resolve: RefResolver, path = '', strict = false): unknown {
  return readValue(compilerFor(resolve).plan(schema, schema), node, strict, path);
}
