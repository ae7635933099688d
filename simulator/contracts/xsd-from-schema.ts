import { escapeXml } from '../xml/escape.ts';
import type { CodecSchema, RefResolver, XmlAnnotation } from '../xml/schema-codec.ts';

/**
 * XML Schema (XSD 1.0) documents derived from the project's JSON Schemas, so that the JSON Schemas in
 * contracts/ stay the one source of truth for the XML the simulator writes and serves.
 *
 * The mapping follows the XML codec (simulator/xml/schema-codec.ts) exactly where the codec decides
 * the wire form: element names (`xml.name` after `$ref`, else the property name), namespaces (a
 * property without `xml.namespace` is in its parent's namespace; `""` is no namespace), the array
 * property's own annotation deciding its items' namespace, attributes always unqualified.
 *
 * - One document per target namespace (file `<prefix>.xsd` unless named), `xs:import` between them;
 *   `elementFormDefault="qualified"`; an element in no namespace is a local element with
 *   `form="unqualified"`; an element in a namespace other than its parent type's is a global element
 *   of that namespace's document, used by `ref`.
 * - A `$defs` object (or a whole schema document reached by `$ref`) becomes a named complexType in the
 *   document of the namespace its children inherit; an inline object an anonymous complexType; a `$defs`
 *   scalar with facets a named simpleType. Property order is the `xs:sequence` order.
 * - Not in `required`: `minOccurs="0"`. `type: array`: a repeated element (`maxOccurs` from
 *   `maxItems`, else unbounded; `minOccurs` from `minItems` when required, else 0).
 *   `xml.attribute`: an attribute (`use="required"` when required); `xml.text`: simpleContent.
 *   `type: [X, "null"]`: `nillable="true"`. An object without `properties`, or a schema the mapping
 *   cannot express (oneOf, nested arrays), accepts any content (lax).
 * - Scalars: string → xs:string with minLength/maxLength/pattern/enumeration facets; `format` date,
 *   date-time, time, uri → xs:date, xs:dateTime, xs:time, xs:anyURI; `contentEncoding: base64` →
 *   xs:base64Binary; integer → xs:int (xs:byte/xs:short/xs:int exactly when the bounds are that type's
 *   range; xs:long or xs:integer when the bounds exceed xs:int; other bounds as facets); number →
 *   xs:decimal; boolean → xs:boolean; `enum` without `type` → enumeration of the values' type.
 *   `type: ["string", "object"]` is the project's "base64 text in XML, decoded JSON in the JSON API"
 *   union: xs:base64Binary when `contentEncoding` is base64 or the description says base64, else
 *   xs:string. An `xml.xsdType` annotation (a built-in XSD type name such as `date`; a project
 *   extension of OpenAPI's xml object) names the XSD type outright; only `enum` facets are kept then.
 * - Patterns: ECMAScript `pattern` is a search; an XSD pattern matches the whole value. See xsdPattern.
 * - `additionalProperties` is not expressed (the codec never writes unknown properties).
 */

/** The XML Schema namespace. */
export const XS_NS = 'http://www.w3.org/2001/XMLSchema';

/** A qualified name: namespace URI ("" for none) and local name. */
export interface QName {
  ns: string;
  local: string;
}

/** A built-in XML Schema type, e.g. `xs('string')`. */
export function xs(local: string): QName {
  return { ns: XS_NS, local };
}

/** A constraining facet of a simple type restriction. */
export interface XsdFacet {
  name:
    | 'pattern'
    | 'enumeration'
    | 'minLength'
    | 'maxLength'
    | 'minInclusive'
    | 'maxInclusive'
    | 'minExclusive'
    | 'maxExclusive';
  value: string;
}

/** A restriction of a simple type. */
export interface XsdSimpleType {
  base: QName;
  facets: XsdFacet[];
  doc?: string;
}

/** The type of an element or attribute: a named (or built-in) type, an anonymous one, or anything (xs:anyType). */
export type XsdType =
  | { kind: 'ref'; name: QName }
  | { kind: 'complex'; def: XsdComplexType }
  | { kind: 'simple'; def: XsdSimpleType }
  | { kind: 'any' };

type Occurs = { min?: number; max?: number | 'unbounded' };

/** A particle of a content model. `element` is a local element of the document it is written in. */
export type XsdParticle =
  | ({
      kind: 'element';
      name: string;
      form?: 'unqualified';
      type: XsdType;
      nillable?: boolean;
      doc?: string;
    } & Occurs)
  | ({ kind: 'ref'; ref: QName } & Occurs)
  | ({ kind: 'sequence' | 'choice'; particles: XsdParticle[] } & Occurs)
  | ({ kind: 'any' } & Occurs);

/** An (always unqualified) attribute. */
export interface XsdAttribute {
  name: string;
  type: XsdType;
  required?: boolean;
  doc?: string;
}

/** A complex type: a content group or simple content (text of type `simpleContent`), and attributes. */
export interface XsdComplexType {
  content?: XsdParticle;
  simpleContent?: QName;
  attributes?: XsdAttribute[];
  anyAttribute?: boolean;
  doc?: string;
}

type Component =
  | { kind: 'complexType'; name: string; def: XsdComplexType }
  | { kind: 'simpleType'; name: string; def: XsdSimpleType }
  | { kind: 'element'; name: string; type: XsdType; nillable?: boolean; doc?: string };

interface XsdDoc {
  ns: string;
  fileName: string;
  components: Component[];
  typeNames: Set<string>;
  elements: Map<string, { component: Component & { kind: 'element' }; signature: string }>;
  sources: Set<string>;
}

/** One root of generation: a schema whose root is a global element (and whose content is a named type). */
export interface XsdRoot {
  /** Path under contracts/ (or `$id`) of a registry schema, or an inline schema. */
  schema: string | CodecSchema;
  /** Merged over the root schema's own `xml` annotation (name, namespace, prefix of the global element). */
  xml?: XmlAnnotation;
  /**
   * Name of the complexType of the root's content; default `<element name>Type`. A schema already
   * reached by `$ref` in the same namespace keeps the type (and name) it got then.
   */
  typeName?: string;
  /** Declare the global element (default true; the root schema then needs an element name). */
  element?: boolean;
  /** File name of the root namespace's document; default `<prefix>.xsd`. */
  fileName?: string;
}

/** What a root became: its global element, the named type of its content, and the file they are in. */
export interface RootTypes {
  element: QName;
  type: QName;
  fileName: string;
}

/** Where schemas come from: ContractRegistry fits. */
export interface SchemaSource {
  schema(idOrPath: string): CodecSchema;
  resolve: RefResolver;
}

/** Builder options. */
export interface XsdBuilderOptions {
  /** File names by namespace URI, for documents that should not be named after their prefix. */
  fileNames?: Record<string, string>;
}

interface Resolved {
  schema: CodecSchema;
  root: CodecSchema;
  /** `<document>#<pointer>` of the last `$ref` target, when a `$ref` was followed. */
  key?: string;
}

interface Place {
  /** The document where the declaration is written. */
  doc: XsdDoc;
  /** The namespace the children inherit. */
  ns: string;
  root: CodecSchema;
  path: string;
}

const RESERVED_PREFIXES = new Set(['xs', 'xml', 'xmlns']);
const INT_RANGES: [string, number, number][] = [
  ['byte', -128, 127],
  ['short', -32768, 32767],
  ['int', -2147483648, 2147483647],
];
/** 2^63: xs:long holds [-2^63, 2^63 - 1]. */
const TWO_63 = 2 ** 63;

function ncName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

function typeList(schema: CodecSchema): string[] {
  const t = schema.type;
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

function primaryType(schema: CodecSchema): string | undefined {
  const types = typeList(schema).filter((t) => t !== 'null');
  if (types.length > 0) return types[0];
  if (schema.properties !== undefined) return 'object';
  const values = enumValues(schema);
  if (values !== undefined) {
    if (values.every((v) => typeof v === 'string')) return 'string';
    if (values.every((v) => Number.isInteger(v))) return 'integer';
    if (values.every((v) => typeof v === 'number')) return 'number';
    if (values.every((v) => typeof v === 'boolean')) return 'boolean';
    return 'string';
  }
  return undefined;
}

/** The project's `xml.xsdType` extension: a built-in XSD type named outright. */
function xsdTypeOf(schema: CodecSchema): string | undefined {
  return str((schema.xml as Record<string, unknown> | undefined)?.xsdType);
}

function enumValues(schema: CodecSchema): unknown[] | undefined {
  const values = Array.isArray(schema.enum)
    ? (schema.enum as unknown[])
    : 'const' in schema
      ? [schema.const]
      : undefined;
  return values?.filter((v) => v !== null);
}

function isNullable(schema: CodecSchema): boolean {
  return typeList(schema).includes('null') || (Array.isArray(schema.enum) && schema.enum.includes(null));
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function enumFacets(schema: CodecSchema): XsdFacet[] {
  return (enumValues(schema) ?? []).map((v) => ({
    name: 'enumeration',
    value: typeof v === 'string' ? v : JSON.stringify(v),
  }));
}

/**
 * Translates an ECMAScript `pattern` (a search: unanchored unless `^`/`$`) into an XSD pattern (which
 * must match the whole value): each top-level alternative loses its `^`/`$` or gets `.*` where it had
 * none; `(?:` becomes `(`; lazy quantifiers become greedy (same set of matching values); `\/`, `\$` and
 * similar identity escapes become the plain character; `\uXXXX`/`\xHH` the character itself.
 * Returns undefined for what XSD cannot express (lookaround, backreferences, `\b`, inner anchors...).
 */
export function xsdPattern(pattern: string): string | undefined {
  const branches = splitAlternatives(pattern);
  if (branches === undefined) return undefined;
  const out: string[] = [];
  for (const branch of branches) {
    let body = branch;
    const anchoredStart = body.startsWith('^');
    if (anchoredStart) body = body.slice(1);
    const trailing = /(\\*)\$$/.exec(body);
    const anchoredEnd = trailing !== null && (trailing[1] ?? '').length % 2 === 0;
    if (anchoredEnd) body = body.slice(0, -1);
    const translated = translateRegex(body);
    if (translated === undefined) return undefined;
    out.push(`${anchoredStart ? '' : '.*'}${translated}${anchoredEnd ? '' : '.*'}`);
  }
  return out.join('|');
}

function splitAlternatives(pattern: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return undefined;
  }
  out.push(pattern.slice(start));
  return out;
}

const XSD_META = new Set(['\\', '|', '.', '-', '^', '?', '*', '+', '{', '}', '(', ')', '[', ']']);

function literal(ch: string): string | undefined {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 && ch !== '\n' && ch !== '\r' && ch !== '\t') return undefined;
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === '\t') return '\\t';
  return XSD_META.has(ch) ? `\\${ch}` : ch;
}

function translateEscape(body: string, i: number): { text: string; length: number } | undefined {
  const n = body[i + 1];
  if (n === undefined) return undefined;
  if ('dDsSwWnrt'.includes(n)) return { text: `\\${n}`, length: 2 };
  if (n === 'u' || n === 'x') {
    const m =
      n === 'x'
        ? /^\\x([0-9A-Fa-f]{2})/.exec(body.slice(i))
        : /^\\u(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{4}))/.exec(body.slice(i));
    if (m === null) return undefined;
    const text = literal(String.fromCodePoint(Number.parseInt(m[1] ?? m[2] ?? '', 16)));
    return text === undefined ? undefined : { text, length: m[0].length };
  }
  if (n === 'p' || n === 'P') {
    const m = /^\\[pP]\{([A-Za-z]{1,2})\}/.exec(body.slice(i));
    return m === null ? undefined : { text: m[0], length: m[0].length };
  }
  if (/[A-Za-z0-9]/.test(n)) return undefined; // \b \B \f \v \c \k \0 \1..: nothing in XSD matches them
  const text = literal(n);
  return text === undefined ? undefined : { text, length: 2 };
}

function translateRegex(body: string): string | undefined {
  let out = '';
  let inClass = false;
  let afterQuantifier = false;
  for (let i = 0; i < body.length;) {
    const c = body[i] ?? '';
    if (c === '\\') {
      const esc = translateEscape(body, i);
      if (esc === undefined) return undefined;
      out += esc.text;
      i += esc.length;
      afterQuantifier = false;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c === '[' ? '\\[' : c;
      i++;
      continue;
    }
    if (c === '[') {
      const negated = body[i + 1] === '^';
      if (body[i + (negated ? 2 : 1)] === ']') return undefined; // [] and [^] have no XSD form
      out += negated ? '[^' : '[';
      i += negated ? 2 : 1;
      inClass = true;
      afterQuantifier = false;
      continue;
    }
    if (c === '(') {
      if (body.startsWith('(?:', i)) {
        out += '(';
        i += 3;
      } else if (body[i + 1] === '?') {
        return undefined;
      } else {
        out += '(';
        i++;
      }
      afterQuantifier = false;
      continue;
    }
    if (c === '^' || c === '$') return undefined;
    if (c === '?' && afterQuantifier) {
      i++;
      afterQuantifier = false;
      continue;
    }
    if (c === '*' || c === '+' || c === '?') {
      out += c;
      i++;
      afterQuantifier = true;
      continue;
    }
    if (c === '{') {
      const m = /^\{\d+(,\d*)?\}/.exec(body.slice(i));
      if (m !== null) {
        out += m[0];
        i += m[0].length;
        afterQuantifier = true;
        continue;
      }
      out += '\\{';
      i++;
      afterQuantifier = false;
      continue;
    }
    out += c === '}' ? '\\}' : c;
    i++;
    afterQuantifier = false;
  }
  return inClass ? undefined : out;
}

/**
 * Builds a set of XSD documents from JSON Schema roots and hand-made components (for the parts of a
 * contract that no annotated JSON Schema describes), then writes them with `documents()`.
 */
export class XsdBuilder {
  /** What could not be expressed exactly (and was made lax or dropped), one line each. */
  readonly warnings: string[] = [];
  private readonly docs = new Map<string, XsdDoc>();
  private readonly prefixes = new Map<string, string>();
  private readonly named = new Map<string, QName>();
  private readonly rootTypeNames = new Map<string, string>();
  private readonly inlineIds = new WeakMap<CodecSchema, string>();
  private inlineCount = 0;

  constructor(
    private readonly source: SchemaSource,
    private readonly options: XsdBuilderOptions = {},
  ) {}

  /** Adds a root: its content as a named complexType and (unless `element: false`) a global element. */
  addRoot(root: XsdRoot): RootTypes {
    const schema = typeof root.schema === 'string' ? this.source.schema(root.schema) : root.schema;
    const xml = { ...schema.xml, ...root.xml };
    const ns = xml.namespace ?? '';
    const doc = this.docFor(ns, xml.prefix, root.fileName);
    const key = `${this.docKey(schema)}#`;
    const elementName = xml.name;
    const typeName = root.typeName ?? (elementName === undefined ? undefined : `${elementName}Type`);
    if (typeName !== undefined) this.rootTypeNames.set(this.docKey(schema), typeName);
    const path = schema.$id ?? '(a schema built in code)';
    doc.sources.add(path);
    const type = this.namedComplex({ schema, root: schema, key }, ns, doc, path);
    if (root.element !== false) {
      if (elementName === undefined) throw new Error(`${path}: a root element needs xml.name`);
      const title = root.xml?.name === undefined ? str(schema.title) : undefined; // a renamed root is not what the title names
      this.addElement(ns, elementName, type, {
        ...(isNullable(schema) ? { nillable: true } : {}),
        ...(title === undefined ? {} : { doc: title }),
      });
    }
    return { element: { ns, local: elementName ?? '' }, type, fileName: doc.fileName };
  }

  /**
   * The local element a JSON property would become inside a type of namespace `ns` (for hand-made
   * types): `schema` may be a `$ref` (absolute, or relative to `base`).
   */
  particle(
    name: string,
    schema: CodecSchema,
    opts: { ns: string; required?: boolean; base?: CodecSchema },
  ): XsdParticle | undefined {
    const part = this.property(name, schema, opts.required ?? false, {
      doc: this.docFor(opts.ns),
      ns: opts.ns,
      root: opts.base ?? {},
      path: name,
    });
    return part?.kind === 'particle' ? part.particle : undefined;
  }

  /** Adds a named complexType to the document of `ns`; its local elements are in `ns`. */
  addComplexType(ns: string, name: string, def: XsdComplexType): QName {
    const doc = this.docFor(ns);
    if (doc.typeNames.has(name)) throw new Error(`type ${name} already defined in ${doc.fileName}`);
    doc.typeNames.add(name);
    doc.components.push({ kind: 'complexType', name, def });
    return { ns, local: name };
  }

  /**
   * Adds a global element to the document of `ns`. The same name declared again with the same type
   * is one declaration; with another type it becomes an element of any content (and a warning).
   */
  addElement(
    ns: string,
    name: string,
    type: QName | XsdType,
    opts: { nillable?: boolean; doc?: string } = {},
  ): QName {
    const doc = this.docFor(ns);
    const t: XsdType = 'kind' in type ? type : { kind: 'ref', name: type };
    const signature = JSON.stringify([t, opts.nillable === true]);
    const existing = doc.elements.get(name);
    if (existing === undefined) {
      const component = { kind: 'element' as const, name, type: t, ...opts };
      doc.elements.set(name, { component, signature });
      doc.components.push(component);
    } else if (existing.signature !== signature && existing.component.type.kind !== 'any') {
      this.warnings.push(
        `element {${ns}}${name} is declared with two different types: it accepts any content`,
      );
      existing.component.type = { kind: 'any' };
      existing.component.nillable = true;
      existing.component.doc =
        `${existing.component.doc ?? ''} (Declared with two different types in the contracts: any content is accepted.)`.trim();
    }
    return { ns, local: name };
  }

  /** The file name of the document for namespace `ns` (created if needed). */
  fileName(ns: string): string {
    return this.docFor(ns).fileName;
  }

  /**
   * Writes every document, by file name. `locate` gives the `schemaLocation` of an imported document
   * from its file name (default: the file name itself, for documents saved side by side).
   */
  documents(locate: (fileName: string) => string = (f) => f): Map<string, string> {
    const out = new Map<string, string>();
    for (const doc of this.docs.values()) out.set(doc.fileName, this.write(doc, locate));
    return out;
  }

  // ---- namespaces and documents ----

  private docFor(ns: string, preferredPrefix?: string, fileName?: string): XsdDoc {
    let doc = this.docs.get(ns);
    if (doc === undefined) {
      const requested = fileName ?? this.options.fileNames?.[ns];
      const prefix = this.prefixFor(ns, preferredPrefix, requested);
      doc = {
        ns,
        fileName: this.uniqueFileName(requested ?? (ns === '' ? 'no-namespace.xsd' : `${prefix}.xsd`)),
        components: [],
        typeNames: new Set(),
        elements: new Map(),
        sources: new Set(),
      };
      this.docs.set(ns, doc);
    } else if (fileName !== undefined && fileName !== doc.fileName) {
      doc.fileName = this.uniqueFileName(fileName);
    }
    return doc;
  }

  private uniqueFileName(wanted: string): string {
    const taken = new Set([...this.docs.values()].map((d) => d.fileName));
    let name = wanted;
    for (let i = 2; taken.has(name); i++) name = wanted.replace(/(\.xsd)?$/, `${i}.xsd`);
    return name;
  }

  private prefixFor(ns: string, preferred?: string, fileName?: string): string {
    const known = this.prefixes.get(ns);
    if (known !== undefined || ns === '') return known ?? '';
    const taken = new Set(this.prefixes.values());
    const candidates = [preferred, fileName?.replace(/\.xsd$/, '')]
      .filter((p): p is string => p !== undefined && p !== '')
      .map(ncName);
    let prefix = candidates.find((p) => !taken.has(p) && !RESERVED_PREFIXES.has(p.toLowerCase()));
    for (let i = 1; prefix === undefined; i++) if (!taken.has(`ns${i}`)) prefix = `ns${i}`;
    this.prefixes.set(ns, prefix);
    return prefix;
  }

  private docKey(schema: CodecSchema): string {
    if (schema.$id !== undefined) return schema.$id;
    let id = this.inlineIds.get(schema);
    if (id === undefined) {
      id = `inline:${++this.inlineCount}`;
      this.inlineIds.set(schema, id);
    }
    return id;
  }

  // ---- JSON Schema to components ----

  private deref(schema: CodecSchema, root: CodecSchema): Resolved {
    let current = schema;
    let currentRoot = root;
    let xml = schema.xml;
    let key: string | undefined;
    for (let guard = 0; current.$ref !== undefined; guard++) {
      if (guard > 32) throw new Error(`$ref loop at ${current.$ref}`);
      const pointer = current.$ref.split('#')[1] ?? '';
      const next = this.source.resolve(current.$ref, currentRoot);
      current = next.schema;
      currentRoot = next.root;
      key = `${this.docKey(currentRoot)}#${pointer}`;
      xml = { ...current.xml, ...xml };
    }
    return {
      schema: xml === undefined ? current : { ...current, xml },
      root: currentRoot,
      ...(key === undefined ? {} : { key }),
    };
  }

  private typeNameFor(r: Resolved): string {
    const [docId = '', pointer = ''] = (r.key ?? '').split('#');
    if (pointer !== '') return ncName(pointer.split('/').pop() ?? 'Type');
    const registered = this.rootTypeNames.get(docId);
    if (registered !== undefined) return registered;
    if (r.root.xml?.name !== undefined) return ncName(`${r.root.xml.name}Type`);
    const base = (docId.split('/').pop() ?? 'Type').replace(/\.schema\.json$|\.json$/, '');
    return ncName(
      base.charAt(0).toUpperCase() + base.slice(1).replace(/[-_.](\w)/g, (_, c: string) => c.toUpperCase()),
    );
  }

  private uniqueTypeName(doc: XsdDoc, wanted: string): string {
    let name = wanted;
    for (let i = 2; doc.typeNames.has(name); i++) name = `${wanted}${i}`;
    doc.typeNames.add(name);
    return name;
  }

  /** The named complexType of a `$ref` target (or root) whose children inherit namespace `ns`. */
  private namedComplex(r: Resolved, ns: string, host: XsdDoc, path: string): QName {
    const doc = ns === '' ? host : this.docFor(ns);
    const key = `${r.key ?? ''}|${ns}|${doc.ns}`;
    const known = this.named.get(key);
    if (known !== undefined) return known;
    const name = this.uniqueTypeName(doc, this.typeNameFor(r));
    const qname = { ns: doc.ns, local: name };
    this.named.set(key, qname);
    const component: Component = { kind: 'complexType', name, def: {} };
    doc.components.push(component);
    component.def = this.complexFor(r.schema, { doc, ns, root: r.root, path }, name, true);
    return qname;
  }

  private namedSimple(r: Resolved, def: XsdSimpleType, doc: XsdDoc): QName {
    const key = `${r.key ?? ''}|simple|${doc.ns}`;
    const known = this.named.get(key);
    if (known !== undefined) return known;
    const name = this.uniqueTypeName(doc, this.typeNameFor(r));
    const qname = { ns: doc.ns, local: name };
    this.named.set(key, qname);
    const text = str(r.schema.description);
    doc.components.push({ kind: 'simpleType', name, def: text === undefined ? def : { ...def, doc: text } });
    return qname;
  }

  private complexFor(schema: CodecSchema, at: Place, nameHint: string, documented = false): XsdComplexType {
    const doc = documented ? str(schema.description) : undefined;
    if (schema.properties === undefined) {
      return {
        content: { kind: 'sequence', particles: [{ kind: 'any', min: 0, max: 'unbounded' }] },
        anyAttribute: true,
        ...(doc === undefined ? {} : { doc }),
      };
    }
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const particles: XsdParticle[] = [];
    const attributes: XsdAttribute[] = [];
    let text: XsdType | undefined;
    for (const [prop, propSchema] of Object.entries(schema.properties)) {
      const part = this.property(prop, propSchema, required.has(prop), { ...at, path: `${at.path}/${prop}` });
      if (part === undefined) continue;
      if (part.kind === 'particle') particles.push(part.particle);
      else if (part.kind === 'attribute') attributes.push(part.attribute);
      else text = part.type;
    }
    const def: XsdComplexType = { ...(doc === undefined ? {} : { doc }) };
    if (attributes.length > 0) def.attributes = attributes;
    if (text !== undefined) {
      if (particles.length > 0)
        this.warnings.push(
          `${at.path}: text content and child elements together are not expressed; the child elements are left out`,
        );
      def.simpleContent = this.simpleName(text, at.doc, `${nameHint}Text`);
    } else if (particles.length > 0) {
      def.content = { kind: 'sequence', particles };
    }
    return def;
  }

  /** A simple type as a QName (simpleContent needs a named base): anonymous ones get a name. */
  private simpleName(type: XsdType, doc: XsdDoc, wanted: string): QName {
    if (type.kind === 'ref') return type.name;
    if (type.kind === 'simple') {
      const name = this.uniqueTypeName(doc, ncName(wanted));
      doc.components.push({ kind: 'simpleType', name, def: type.def });
      return { ns: doc.ns, local: name };
    }
    return xs('string');
  }

  private property(
    prop: string,
    propSchema: CodecSchema | boolean,
    required: boolean,
    at: Place,
  ):
    | { kind: 'particle'; particle: XsdParticle }
    | { kind: 'attribute'; attribute: XsdAttribute }
    | { kind: 'text'; type: XsdType }
    | undefined {
    if (propSchema === false) return undefined;
    const own = propSchema === true ? {} : propSchema;
    const r = this.deref(own, at.root);
    const xml = r.schema.xml ?? {};
    const doc = str(own.description);
    if (xml.attribute === true) {
      const type = this.simpleFor(r, at.doc, `${at.path}/@${prop}`);
      return {
        kind: 'attribute',
        attribute: {
          name: xml.name ?? prop,
          type,
          ...(required ? { required } : {}),
          ...(doc === undefined ? {} : { doc }),
        },
      };
    }
    if (xml.text === true) return { kind: 'text', type: this.simpleFor(r, at.doc, `${at.path}/text()`) };
    const elNs = xml.namespace === undefined ? at.ns : xml.namespace;
    const isArray = primaryType(r.schema) === 'array';
    let item = r;
    let min = required ? 1 : 0;
    let max: number | 'unbounded' = 1;
    if (isArray) {
      const items = r.schema.items ?? {};
      item = this.deref({ ...items, xml: { ...items.xml, ...xml } }, r.root);
      min = required ? (num(r.schema.minItems) ?? 0) : 0;
      max = num(r.schema.maxItems) ?? 'unbounded';
    }
    const name = item.schema.xml?.name ?? prop;
    const declDoc = elNs === '' || elNs === at.doc.ns ? at.doc : this.docFor(elNs, xml.prefix);
    const type = this.elementType(item, elNs, declDoc, `${at.path}`);
    const nillable = isNullable(item.schema);
    const occurs = { ...(min === 1 ? {} : { min }), ...(max === 1 ? {} : { max }) };
    if (declDoc !== at.doc) {
      this.addElement(elNs, name, type, {
        ...(nillable ? { nillable } : {}),
        ...(doc === undefined ? {} : { doc }),
      });
      return { kind: 'particle', particle: { kind: 'ref', ref: { ns: elNs, local: name }, ...occurs } };
    }
    const form = elNs === '' && at.doc.ns !== '' ? { form: 'unqualified' as const } : {};
    return {
      kind: 'particle',
      particle: {
        kind: 'element',
        name,
        ...form,
        type,
        ...(nillable ? { nillable } : {}),
        ...(doc === undefined ? {} : { doc }),
        ...occurs,
      },
    };
  }

  private elementType(r: Resolved, ns: string, declDoc: XsdDoc, path: string): XsdType {
    const t = primaryType(r.schema);
    if (t === 'object') {
      if (r.key !== undefined) return { kind: 'ref', name: this.namedComplex(r, ns, declDoc, path) };
      return {
        kind: 'complex',
        def: this.complexFor(
          r.schema,
          { doc: declDoc, ns, root: r.root, path },
          path.split('/').pop() ?? 'Anonymous',
        ),
      };
    }
    if (t === 'array') {
      this.warnings.push(`${path}: an array of arrays has no element form; any content is accepted`);
      return { kind: 'any' };
    }
    if (t === undefined && xsdTypeOf(r.schema) === undefined) {
      if (r.schema.oneOf !== undefined || r.schema.anyOf !== undefined || r.schema.allOf !== undefined) {
        this.warnings.push(`${path}: oneOf/anyOf/allOf are not expressed; any content is accepted`);
      }
      return { kind: 'any' };
    }
    return this.simpleFor(r, declDoc, path);
  }

  private simpleFor(r: Resolved, doc: XsdDoc, path: string): XsdType {
    const def = this.simpleDef(r.schema, path);
    if (def.facets.length === 0) return { kind: 'ref', name: def.base };
    if (r.key !== undefined) return { kind: 'ref', name: this.namedSimple(r, def, doc) };
    return { kind: 'simple', def };
  }

  private simpleDef(s: CodecSchema, path: string): XsdSimpleType {
    const xsdType = xsdTypeOf(s);
    if (xsdType !== undefined) return { base: xs(xsdType.replace(/^xsd?:/, '')), facets: enumFacets(s) };
    const types = typeList(s).filter((t) => t !== 'null');
    const base64 = s.contentEncoding === 'base64';
    if (types.includes('string') && types.includes('object')) {
      return {
        base: xs(base64 || /base64/i.test(str(s.description) ?? '') ? 'base64Binary' : 'string'),
        facets: [],
      };
    }
    switch (primaryType(s)) {
      case 'string': {
        const format = str(s.format);
        const formats: Record<string, string> = {
          date: 'date',
          'date-time': 'dateTime',
          time: 'time',
          uri: 'anyURI',
        };
        const special = base64 ? 'base64Binary' : format === undefined ? undefined : formats[format];
        if (special !== undefined) return { base: xs(special), facets: enumFacets(s) };
        const facets: XsdFacet[] = [];
        const minLength = num(s.minLength);
        const maxLength = num(s.maxLength);
        if (minLength !== undefined && minLength > 0)
          facets.push({ name: 'minLength', value: String(minLength) });
        if (maxLength !== undefined) facets.push({ name: 'maxLength', value: String(maxLength) });
        const pattern = str(s.pattern);
        if (pattern !== undefined) {
          const translated = xsdPattern(pattern);
          if (translated === undefined)
            this.warnings.push(`${path}: pattern ${pattern} has no XSD form; left out`);
          else facets.push({ name: 'pattern', value: translated });
        }
        return { base: xs('string'), facets: [...facets, ...enumFacets(s)] };
      }
      case 'integer':
        return integerType(s);
      case 'number': {
        const facets: XsdFacet[] = [];
        for (const [kw, facet] of [
          ['minimum', 'minInclusive'],
          ['maximum', 'maxInclusive'],
          ['exclusiveMinimum', 'minExclusive'],
          ['exclusiveMaximum', 'maxExclusive'],
        ] as const) {
          const v = num(s[kw]);
          if (v !== undefined) facets.push({ name: facet, value: String(v) });
        }
        return { base: xs('decimal'), facets: [...facets, ...enumFacets(s)] };
      }
      case 'boolean':
        return { base: xs('boolean'), facets: [] };
      default:
        return { base: xs('string'), facets: enumFacets(s) };
    }
  }

  // ---- writing ----

  private write(doc: XsdDoc, locate: (fileName: string) => string): string {
    const used = new Set<string>();
    const body = doc.components.map((c) => this.writeComponent(c, used, '  ')).join('\n');
    const imports = [...this.docs.values()].filter((d) => d.ns !== doc.ns && used.has(d.ns));
    const nsDecls = [`xmlns:xs="${XS_NS}"`];
    for (const ns of [doc.ns, ...imports.map((d) => d.ns)]) {
      const prefix = this.prefixes.get(ns);
      if (ns !== '' && prefix !== undefined) nsDecls.push(`xmlns:${prefix}="${escapeXml(ns)}"`);
    }
    const target = doc.ns === '' ? '' : ` targetNamespace="${escapeXml(doc.ns)}"`;
    const importXml = imports.map(
      (d) =>
        `  <xs:import${d.ns === '' ? '' : ` namespace="${escapeXml(d.ns)}"`} schemaLocation="${escapeXml(locate(d.fileName))}"/>\n`,
    );
    const sources = [...doc.sources].map((s) => `\n     ${s}`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by ssbtek-sim (simulator/contracts/xsd-from-schema.ts) from its JSON Schemas; do not edit.${sources} -->
<xs:schema ${nsDecls.join(' ')}${target} elementFormDefault="qualified" attributeFormDefault="unqualified">
${importXml.join('')}${body}
</xs:schema>
`;
  }

  private q(name: QName, used: Set<string>): string {
    if (name.ns === XS_NS) return `xs:${name.local}`;
    used.add(name.ns);
    const prefix = this.prefixes.get(name.ns) ?? '';
    return prefix === '' ? name.local : `${prefix}:${name.local}`;
  }

  private writeComponent(c: Component, used: Set<string>, ind: string): string {
    if (c.kind === 'complexType') return this.writeComplex(c.def, used, ind, c.name);
    if (c.kind === 'simpleType') return writeSimple(c.def, (n) => this.q(n, used), ind, c.name);
    return this.writeElement(
      {
        kind: 'element',
        name: c.name,
        type: c.type,
        ...(c.nillable === true ? { nillable: true } : {}),
        ...(c.doc === undefined ? {} : { doc: c.doc }),
      },
      used,
      ind,
    );
  }

  private writeElement(p: XsdParticle & { kind: 'element' }, used: Set<string>, ind: string): string {
    let attrs = ` name="${escapeXml(p.name)}"`;
    if (p.form !== undefined) attrs += ` form="${p.form}"`;
    if (p.type.kind === 'ref') attrs += ` type="${this.q(p.type.name, used)}"`;
    attrs += occursAttrs(p);
    if (p.nillable === true) attrs += ' nillable="true"';
    const inner: string[] = [];
    if (p.doc !== undefined) inner.push(annotation(p.doc, `${ind}  `));
    if (p.type.kind === 'complex') inner.push(this.writeComplex(p.type.def, used, `${ind}  `));
    if (p.type.kind === 'simple') inner.push(writeSimple(p.type.def, (n) => this.q(n, used), `${ind}  `));
    return inner.length === 0
      ? `${ind}<xs:element${attrs}/>`
      : `${ind}<xs:element${attrs}>\n${inner.join('\n')}\n${ind}</xs:element>`;
  }

  private writeParticle(p: XsdParticle, used: Set<string>, ind: string): string {
    switch (p.kind) {
      case 'element':
        return this.writeElement(p, used, ind);
      case 'ref':
        return `${ind}<xs:element ref="${this.q(p.ref, used)}"${occursAttrs(p)}/>`;
      case 'any':
        return `${ind}<xs:any namespace="##any" processContents="lax"${occursAttrs(p)}/>`;
      default: {
        const tag = `xs:${p.kind}`;
        if (p.particles.length === 0) return `${ind}<${tag}${occursAttrs(p)}/>`;
        const inner = p.particles.map((x) => this.writeParticle(x, used, `${ind}  `)).join('\n');
        return `${ind}<${tag}${occursAttrs(p)}>\n${inner}\n${ind}</${tag}>`;
      }
    }
  }

  private writeAttribute(a: XsdAttribute, used: Set<string>, ind: string): string {
    let attrs = ` name="${escapeXml(a.name)}"`;
    if (a.type.kind === 'ref') attrs += ` type="${this.q(a.type.name, used)}"`;
    if (a.required === true) attrs += ' use="required"';
    const inner: string[] = [];
    if (a.doc !== undefined) inner.push(annotation(a.doc, `${ind}  `));
    if (a.type.kind === 'simple') inner.push(writeSimple(a.type.def, (n) => this.q(n, used), `${ind}  `));
    return inner.length === 0
      ? `${ind}<xs:attribute${attrs}/>`
      : `${ind}<xs:attribute${attrs}>\n${inner.join('\n')}\n${ind}</xs:attribute>`;
  }

  private writeComplex(def: XsdComplexType, used: Set<string>, ind: string, name?: string): string {
    const inner: string[] = [];
    const i2 = `${ind}  `;
    if (def.doc !== undefined) inner.push(annotation(def.doc, i2));
    const attrs = (def.attributes ?? []).map((a) =>
      this.writeAttribute(a, used, def.simpleContent === undefined ? i2 : `${i2}    `),
    );
    if (def.simpleContent !== undefined) {
      const base = this.q(def.simpleContent, used);
      const ext =
        attrs.length === 0
          ? `${i2}  <xs:extension base="${base}"/>`
          : `${i2}  <xs:extension base="${base}">\n${attrs.join('\n')}\n${i2}  </xs:extension>`;
      inner.push(`${i2}<xs:simpleContent>\n${ext}\n${i2}</xs:simpleContent>`);
    } else {
      if (def.content !== undefined) inner.push(this.writeParticle(def.content, used, i2));
      inner.push(...attrs);
      if (def.anyAttribute === true) inner.push(`${i2}<xs:anyAttribute processContents="lax"/>`);
    }
    const open = name === undefined ? '<xs:complexType' : `<xs:complexType name="${escapeXml(name)}"`;
    return inner.length === 0
      ? `${ind}${open}/>`
      : `${ind}${open}>\n${inner.join('\n')}\n${ind}</xs:complexType>`;
  }
}

function integerType(s: CodecSchema): XsdSimpleType {
  const exMin = num(s.exclusiveMinimum);
  const exMax = num(s.exclusiveMaximum);
  const lo = num(s.minimum) ?? (exMin === undefined ? undefined : Math.floor(exMin) + 1);
  const hi = num(s.maximum) ?? (exMax === undefined ? undefined : Math.ceil(exMax) - 1);
  const exact = INT_RANGES.find(([, min, max]) => lo === min && hi === max);
  if (exact !== undefined) return { base: xs(exact[0]), facets: enumFacets(s) };
  const [, intMin, intMax] = INT_RANGES[2] ?? ['int', 0, 0];
  const fitsInt = (lo ?? 0) >= intMin && (hi ?? 0) <= intMax;
  const fitsLong = (lo ?? 0) >= -TWO_63 && (hi ?? 0) < TWO_63;
  const base = fitsInt ? 'int' : fitsLong ? 'long' : 'integer';
  const facets: XsdFacet[] = [];
  if (lo !== undefined && !(base === 'int' && lo === intMin))
    facets.push({ name: 'minInclusive', value: String(lo) });
  if (hi !== undefined && !(base === 'int' && hi === intMax))
    facets.push({ name: 'maxInclusive', value: String(hi) });
  return { base: xs(base), facets: [...facets, ...enumFacets(s)] };
}

function occursAttrs(p: Occurs): string {
  let out = '';
  if (p.min !== undefined && p.min !== 1) out += ` minOccurs="${p.min}"`;
  if (p.max !== undefined && p.max !== 1) out += ` maxOccurs="${p.max}"`;
  return out;
}

function annotation(text: string, ind: string): string {
  return `${ind}<xs:annotation>\n${ind}  <xs:documentation>${escapeXml(text)}</xs:documentation>\n${ind}</xs:annotation>`;
}

function writeSimple(def: XsdSimpleType, q: (n: QName) => string, ind: string, name?: string): string {
  const open = name === undefined ? '<xs:simpleType>' : `<xs:simpleType name="${escapeXml(name)}">`;
  const lines = [`${ind}${open}`];
  if (def.doc !== undefined) lines.push(annotation(def.doc, `${ind}  `));
  const base = q(def.base);
  if (def.facets.length === 0) lines.push(`${ind}  <xs:restriction base="${base}"/>`);
  else {
    lines.push(`${ind}  <xs:restriction base="${base}">`);
    for (const f of def.facets) lines.push(`${ind}    <xs:${f.name} value="${escapeXml(f.value)}"/>`);
    lines.push(`${ind}  </xs:restriction>`);
  }
  lines.push(`${ind}</xs:simpleType>`);
  return lines.join('\n');
}

/**
 * Generates one XSD document per target namespace for the given roots; returns them by file name,
 * importing each other by file name (so they can be saved side by side, or served as `?xsd=<file>`
 * when `locate` turns a file name into that URL).
 */
export function generateXsds(
  source: SchemaSource,
  roots: XsdRoot[],
  options: XsdBuilderOptions & { locate?: (fileName: string) => string } = {},
): Map<string, string> {
  const builder = new XsdBuilder(source, options);
  for (const root of roots) builder.addRoot(root);
  return builder.documents(options.locate);
}
