import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** A parsed XML element as plain data: child elements by local name, attributes as `@_name`, text as `#text`. */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/** Thrown when a text is not a well-formed XML document; carries line and column where known. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'XmlSyntaxError';
  }
}

/** Every value a string, attributes as `@_name`, text as `#text`; prefixes kept or removed. */
function makeParser(removeNSPrefix: boolean): XMLParser {
  return new XMLParser({
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
  });
}

const parser = makeParser(true);

/**
 * Parses an XML document into plain data, namespace prefixes removed (elements are known by local name).
 * Every value stays a string; the schema-driven reader decides types and arrays.
 */
export function parseXml(text: string): XmlNode {
  return parseWith(parser, text);
}

/** Thrown when a document goes past what the reader follows (nesting depth). */
export class XmlLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlLimitError';
  }
}

function parseWith(p: XMLParser, text: string): XmlNode {
  let check: ReturnType<typeof XMLValidator.validate>;
  let result: unknown;
  try {
    check = XMLValidator.validate(text, { allowBooleanAttributes: false });
    if (check !== true) throw new XmlSyntaxError(check.err.msg, check.err.line, check.err.col);
    result = p.parse(text);
  } catch (e) {
    if (e instanceof RangeError || (e instanceof Error && /nested/i.test(e.message) && !(e instanceof XmlSyntaxError))) {
      throw new XmlLimitError('the document is nested too deeply');
    }
    throw e;
  }
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

const prefixedParser = makeParser(false);

/** Parses keeping namespace prefixes and xmlns attributes, for namespace-aware reading (see resolveElement). */
export function parseXmlWithPrefixes(text: string): XmlNode {
  return parseWith(prefixedParser, text);
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
