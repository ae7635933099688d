import type { X2jOptions } from 'fast-xml-parser';
import { position, XmlDoctypeError, XmlLimitError, XmlSyntaxError } from './errors.ts';
import { readDocument } from './xml-reader.ts';

export { XmlDoctypeError, XmlLimitError, XmlSyntaxError };

/** A parsed XML element as plain data: child elements by local name, attributes as `@_name`, text as `#text`. */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/**
 * The fast-xml-parser options whose result the reader gives (with its validator run first): every
 * value a string, attributes as `@_name`, text as `#text`; prefixes kept or removed. The reader
 * (xml-reader.ts) no longer runs fast-xml-parser; the tests compare it with a parser built from these.
 */
export function parserOptions(removeNSPrefix: boolean): X2jOptions {
  return {
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    textNodeName: '#text',
    processEntities: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    // No callback here reads the path, so the parser need not build a path string for every element,
    // text and attribute (its default); about a quarter of the parse time. The result is the same.
    jPath: false,
  };
}

/**
 * Parses an XML document into plain data, namespace prefixes removed (elements are known by local name).
 * Every value stays a string; the schema-driven reader decides types and arrays.
 */
export function parseXml(text: string): XmlNode {
  return parseWith(text, true);
}

/**
 * Where a `<!DOCTYPE` or `<!ENTITY` declaration starts outside comments and CDATA sections, or -1.
 * One pass with indexOf (no backtracking regular expression), so a hostile text cannot make it slow.
 * The parser would process a DOCTYPE even inside an element, so the whole text is searched, not the prolog.
 */
export function declarationOffset(text: string): number {
  for (let i = text.indexOf('<!'); i >= 0; i = text.indexOf('<!', i + 2)) {
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return -1;
      i = end + 1;
    } else if (text.startsWith('<![CDATA[', i)) {
      const end = text.indexOf(']]>', i + 9);
      if (end < 0) return -1;
      i = end + 1;
    } else {
      const word = text.slice(i + 2, i + 9).toUpperCase();
      if (word === 'DOCTYPE' || word.startsWith('ENTITY')) return i;
    }
  }
  return -1;
}

/** A character XML 1.0 does not allow (C0 controls but tab, LF, CR; U+FFFE, U+FFFF; an unpaired surrogate). */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What is refused before a text is read at all: a DOCTYPE or ENTITY declaration anywhere (XmlDoctypeError),
 * a character XML does not allow (XmlSyntaxError), each with its line and column.
 */
export function checkBeforeReading(text: string): void {
  const declaration = declarationOffset(text);
  if (declaration >= 0) {
    const at = position(text, declaration);
    throw new XmlDoctypeError(at.line, at.column);
  }
  const bad = text.search(NOT_XML_CHAR);
  if (bad >= 0) {
    const at = position(text, bad);
    const code = text.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
    throw new XmlSyntaxError(`character U+${code} is not allowed in XML`, at.line, at.column);
  }
}

function parseWith(text: string, strip: boolean): XmlNode {
  checkBeforeReading(text);
  // One pass that checks well-formedness as it reads (see xml-reader.ts); what it does not take on
  // alone is read by ports of fast-xml-parser's validator and parser, with their messages and positions.
  const result: unknown = readDocument(text, strip);
  if (result === null || typeof result !== 'object') throw new XmlSyntaxError('document has no root element');
  return result as XmlNode;
}

/** The root element of a parsed document: its local name and content. */
export function rootElement(doc: XmlNode): { name: string; node: XmlValue } {
  const names = Object.keys(doc).filter((k) => !k.startsWith('@_') && k !== '#text');
  const name = names[0];
  if (name === undefined || names.length !== 1) throw new XmlSyntaxError('document must have exactly one root element');
  return { name, node: doc[name] as XmlValue };
}

/** Parses keeping namespace prefixes and xmlns attributes, for namespace-aware reading (see resolveElement). */
export function parseXmlWithPrefixes(text: string): XmlNode {
  return parseWith(text, false);
}

/** An element of a prefix-keeping parse, with its namespace resolved. */
export interface ResolvedElement {
  local: string;
  namespace: string;
  node: XmlValue;
  /** Namespace bindings in scope inside this element. */
  scope: Record<string, string>;
}

function bindings(node: XmlValue, outer: Record<string, string>): Record<string, string> {
  if (typeof node !== 'object' || Array.isArray(node)) return outer;
  const scope = { ...outer };
  for (const [k, v] of Object.entries(node)) {
    if (typeof v !== 'string') continue;
    if (k === '@_xmlns') scope[''] = v;
    else if (k.startsWith('@_xmlns:')) scope[k.slice(8)] = v;
  }
  return scope;
}

/** The child elements of a node (prefix-keeping parse), in document order as far as the parser keeps it. */
export function childElements(node: XmlValue, outer: Record<string, string>): ResolvedElement[] {
  if (typeof node !== 'object' || Array.isArray(node)) return [];
  const scope = bindings(node, outer);
  const out: ResolvedElement[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@_') || key === '#text') continue;
    const colon = key.indexOf(':');
    const prefix = colon < 0 ? '' : key.slice(0, colon);
    const local = colon < 0 ? key : key.slice(colon + 1);
    for (const item of Array.isArray(value) ? value : [value]) {
      const itemScope = bindings(item, scope);
      out.push({ local, namespace: itemScope[prefix] ?? '', node: item, scope: itemScope });
    }
  }
  return out;
}

/** The node with namespace prefixes removed from element and attribute names, xmlns attributes dropped. */
export function stripPrefixes(node: XmlValue): XmlValue {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map(stripPrefixes);
  const out: XmlNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '@_xmlns' || key.startsWith('@_xmlns:')) continue;
    const isAttr = key.startsWith('@_');
    const name = isAttr ? key.slice(2) : key;
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    const outKey = isAttr ? `@_${local}` : local;
    const stripped = stripPrefixes(value);
    const existing = out[outKey];
    out[outKey] = existing === undefined ? stripped : ([] as XmlValue[]).concat(existing, stripped);
  }
  return out;
}
