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

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  textNodeName: '#text',
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/**
 * Parses an XML document into plain data, namespace prefixes removed (elements are known by local name).
 * Every value stays a string; the schema-driven reader decides types and arrays.
 */
export function parseXml(text: string): XmlNode {
  const check = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (check !== true) {
    throw new XmlSyntaxError(check.err.msg, check.err.line, check.err.col);
  }
  const result: unknown = parser.parse(text);
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
