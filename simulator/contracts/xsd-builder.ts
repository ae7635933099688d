import type { CodecSchema, XmlAnnotation } from '../xml/schema-codec.ts';
import { XsdDocuments } from './xsd-documents.ts';
import { isNullable, ncName, num, primaryType, str, xsdTypeOf } from './xsd-json-schema.ts';
import {
  xs,
  type Component,
  type QName,
  type XsdAttribute,
  type XsdComplexType,
  type XsdDoc,
  type XsdParticle,
  type XsdSimpleType,
  type XsdType,
} from './xsd-model.ts';
import { SchemaRefs, type Resolved, type SchemaSource } from './xsd-schema-refs.ts';
import { simpleTypeFor } from './xsd-simple-type.ts';

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

/** Builder options. */
export interface XsdBuilderOptions {
  /** File names by namespace URI, for documents that should not be named after their prefix. */
  fileNames?: Record<string, string>;
}

interface Place {
  /** The document where the declaration is written. */
  doc: XsdDoc;
  /** The namespace the children inherit. */
  ns: string;
  root: CodecSchema;
  path: string;
}

/**
 * Builds a set of XSD documents from JSON Schema roots and hand-made components (for the parts of a
 * contract that no annotated JSON Schema describes), then writes them with `documents()`.
 */
export class XsdBuilder {
  /** What could not be expressed exactly (and was made lax or dropped), one line each. */
  readonly warnings: string[] = [];
  private readonly named = new Map<string, QName>();
  private readonly refs: SchemaRefs;
  private readonly docs: XsdDocuments;

  constructor(source: SchemaSource, options: XsdBuilderOptions = {}) {
    this.refs = new SchemaRefs(source);
    this.docs = new XsdDocuments(options.fileNames);
  }

  /** Adds a root: its content as a named complexType and (unless `element: false`) a global element. */
  addRoot(root: XsdRoot): RootTypes {
    const schema = typeof root.schema === 'string' ? this.refs.schema(root.schema) : root.schema;
    const xml = { ...schema.xml, ...root.xml };
    const ns = xml.namespace ?? '';
    const doc = this.docs.docFor(ns, xml.prefix, root.fileName);
    const key = `${this.refs.docKey(schema)}#`;
    const elementName = xml.name;
    const typeName = root.typeName ?? (elementName === undefined ? undefined : `${elementName}Type`);
    if (typeName !== undefined) this.refs.setRootTypeName(schema, typeName);
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
      doc: this.docs.docFor(opts.ns),
      ns: opts.ns,
      root: opts.base ?? {},
      path: name,
    });
    return part?.kind === 'particle' ? part.particle : undefined;
  }

  /** Adds a named complexType to the document of `ns`; its local elements are in `ns`. */
  addComplexType(ns: string, name: string, def: XsdComplexType): QName {
    const doc = this.docs.docFor(ns);
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
    const doc = this.docs.docFor(ns);
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
    return this.docs.docFor(ns).fileName;
  }

  /**
   * Writes every document, by file name. `locate` gives the `schemaLocation` of an imported document
   * from its file name (default: the file name itself, for documents saved side by side).
   */
  documents(locate: (fileName: string) => string = (f) => f): Map<string, string> {
    return this.docs.write(locate);
  }

  // ---- JSON Schema to components ----

  private uniqueTypeName(doc: XsdDoc, wanted: string): string {
    let name = wanted;
    for (let i = 2; doc.typeNames.has(name); i++) name = `${wanted}${i}`;
    doc.typeNames.add(name);
    return name;
  }

  /** The named complexType of a `$ref` target (or root) whose children inherit namespace `ns`. */
  private namedComplex(r: Resolved, ns: string, host: XsdDoc, path: string): QName {
    const doc = ns === '' ? host : this.docs.docFor(ns);
    const key = `${r.key ?? ''}|${ns}|${doc.ns}`;
    const known = this.named.get(key);
    if (known !== undefined) return known;
    const name = this.uniqueTypeName(doc, this.refs.typeNameFor(r));
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
    const name = this.uniqueTypeName(doc, this.refs.typeNameFor(r));
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
    const r = this.refs.deref(own, at.root);
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
      item = this.refs.deref({ ...items, xml: { ...items.xml, ...xml } }, r.root);
      min = required ? (num(r.schema.minItems) ?? 0) : 0;
      max = num(r.schema.maxItems) ?? 'unbounded';
    }
    const name = item.schema.xml?.name ?? prop;
    const declDoc = elNs === '' || elNs === at.doc.ns ? at.doc : this.docs.docFor(elNs, xml.prefix);
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
    const def = simpleTypeFor(r.schema, path, this.warnings);
    if (def.facets.length === 0) return { kind: 'ref', name: def.base };
    if (r.key !== undefined) return { kind: 'ref', name: this.namedSimple(r, def, doc) };
    return { kind: 'simple', def };
  }
}
