/**
 * The reference for the XML reader's tests: parse.ts as it was before its own reader (issue 7,
 * second round): parse.ts's early checks (DOCTYPE, characters), then fast-xml-parser's validator and
 * parser with parse.ts's options, and the same mapping of what they throw. Also the ways the tests
 * compare a reading with the reference: its outcome, with key order, and the error's class and place.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkBeforeReading, parserOptions, XmlLimitError, XmlSyntaxError, type XmlNode } from '../../simulator/xml/parse.ts';

const stripping = new XMLParser(parserOptions(true));
const keeping = new XMLParser(parserOptions(false));

/** parse.ts's parseWith before issue 7's second round, with fast-xml-parser. */
export function referenceParse(text: string, strip: boolean): XmlNode {
  // The early checks are parse.ts's own, unchanged: the reference differs from the reader in what follows them.
  checkBeforeReading(text);
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
