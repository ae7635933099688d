/**
 * The reference for the XML reader's tests: parse.ts as it was before its own reader (issue 7,
 * second round): the same early checks (DOCTYPE, characters), then fast-xml-parser's validator and
 * parser with parse.ts's options, and the same mapping of what they throw. Also the ways the tests
 * compare a reading with the reference: its outcome, with key order, and the error's class and place.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parserOptions, XmlDoctypeError, XmlLimitError, XmlSyntaxError, type XmlNode } from '../../simulator/xml/parse.ts';

const stripping = new XMLParser(parserOptions(true));
const keeping = new XMLParser(parserOptions(false));

function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Where the early check finds a DOCTYPE or ENTITY declaration, or -1 (as parse.ts did). */
export function referenceDeclarationOffset(text: string): number {
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

// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** parse.ts's parseWith before issue 7's second round, with fast-xml-parser. */
export function referenceParse(text: string, strip: boolean): XmlNode {
  const declaration = referenceDeclarationOffset(text);
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
  let result: unknown;
  try {
    const check = XMLValidator.validate(text, { allowBooleanAttributes: false });
    if (check !== true) throw new XmlSyntaxError(check.err.msg, check.err.line, check.err.col);
    result = (strip ? stripping : keeping).parse(text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw e;
    if (e instanceof RangeError || (e instanceof Error && /nested/i.test(e.message))) throw new XmlLimitError('the document is nested too deeply');
    throw new XmlSyntaxError(e instanceof Error ? e.message : String(e));
  }
  if (result === null || typeof result !== 'object') throw new XmlSyntaxError('document has no root element');
  return result as XmlNode;
}

/** A value with every object's key order made visible (objects as lists of entries). */
export function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return { array: value.map(ordered) };
  if (value !== null && typeof value === 'object') return Object.entries(value).map(([k, v]) => [k, ordered(v)]);
  return value;
}

/** What reading a text comes to: the data (key order visible), or the error's class, message and place. */
export function outcome(read: () => unknown): unknown {
  try {
    return { value: ordered(read()) };
  } catch (e) {
    if (e instanceof XmlSyntaxError) return { error: e.name, message: e.message, line: e.line, column: e.column };
    if (e instanceof Error) return { error: e.name, message: e.message };
    return { error: String(e) };
  }
}
