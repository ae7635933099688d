/**
 * The data the reader has always made of a document: a faithful port of fast-xml-parser 5's
 * `XMLParser.parse` (src/xmlparser/OrderedObjParser.js and node2json.js) with the options of
 * parse.ts's `parserOptions`, for any text the validator (well-formed.ts) accepts. Quirks are kept:
 * text pieces of an element are trimmed one by one and joined without a separator, a comment does not
 * split a text piece, the parser pairs an end tag with the last open element whatever its name, `<!x`
 * opens an element named `!x`, and its own errors (an unclosed comment, CDATA section or processing
 * instruction, a reserved name, nesting past 101 open elements) are thrown with its messages.
 *
 * One deliberate difference: a `<!DOCTYPE` the parser would read (one that parse.ts's early search
 * did not see, e.g. after an attribute value holding `<!--`) is refused with XmlDoctypeError; the
 * parser would have read it and expanded its internal entities.
 *
 * Linear in the text: the attribute pattern is scanned by hand (no regular expression that can
 * backtrack); the tree is at most 102 elements deep, so the final conversion's recursion is bounded.
 * Only xml-reader.ts calls this, for documents its single-pass reader does not take on alone.
 */
import { position, XmlDoctypeError } from './errors.ts';
import type { XmlNode, XmlValue } from './parse.ts';
import { decodeReferences } from './references.ts';

/** The parser's `maxNestedTags`: an element may not open while this many are open (101 may be). */
export const MAX_OPEN_ELEMENTS = 101;

/** Names the parser refuses as element names (prototype pollution) and names it prefixes with `__`. */
const CRITICAL = new Set(['__proto__', 'constructor', 'prototype']);
const DANGEROUS = new Set(['hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

/** The parser's treatment of an element name: refused, prefixed with `__`, or kept. */
export function sanitizeName(name: string): string {
  if (CRITICAL.has(name)) throw new Error(`[SECURITY] Invalid name: "${name}" is a reserved JavaScript keyword that could cause prototype pollution`);
  return DANGEROUS.has(name) ? `__${name}` : name;
}

/** JavaScript's `\s` (white space and line terminators), by code unit. */
export function isJsSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

interface Element {
  name: string;
  children: Entry[];
  attrs: Record<string, string> | undefined;
}
/** A child: an element, or a piece of text. */
type Entry = Element | string;

/** tagExpWithClosingIndex: the text from `i` to the closing sequence outside quotes, tabs as spaces. */
function tagExpWithClosingIndex(xml: string, i: number, closing: string): { data: string; index: number } | undefined {
  const close0 = closing.charCodeAt(0);
  const close1 = closing.length > 1 ? closing.charCodeAt(1) : -1;
  let result = '';
  let segmentStart = i;
  for (let index = i; index < xml.length; index++) {
    const code = xml.charCodeAt(index);
    if (code === 34 || code === 39) {
      index = xml.indexOf(code === 34 ? '"' : "'", index + 1);
      if (index === -1) return undefined;
    } else if (code === close0) {
      if (close1 === -1 || xml.charCodeAt(index + 1) === close1) return { data: result + xml.substring(segmentStart, index), index };
    } else if (code === 9) {
      result += `${xml.substring(segmentStart, index)} `;
      segmentStart = index + 1;
    }
  }
  return undefined;
}

interface TagExp {
  tagName: string;
  tagExp: string;
  closeIndex: number;
  attrExpPresent: boolean;
}

/** readTagExp: the name and the attribute text of the tag at `i` (`<`). */
function readTagExp(xml: string, i: number, strip: boolean, closing = '>'): TagExp | undefined {
  const result = tagExpWithClosingIndex(xml, i + 1, closing);
  if (result === undefined) return undefined;
  let tagExp = result.data;
  let sep = -1;
  for (let k = 0; k < tagExp.length; k++) {
    if (isJsSpace(tagExp.charCodeAt(k))) {
      sep = k;
      break;
    }
  }
  let tagName = tagExp;
  let attrExpPresent = true;
  if (sep !== -1) {
    tagName = tagExp.substring(0, sep);
    tagExp = tagExp.substring(sep + 1).trimStart();
  }
  if (strip) {
    const colon = tagName.indexOf(':');
    if (colon !== -1) {
      tagName = tagName.substring(colon + 1);
      attrExpPresent = tagName !== result.data.substring(colon + 1);
    }
  }
  return { tagName, tagExp, closeIndex: result.index, attrExpPresent };
}

/**
 * The matches of the parser's attribute pattern `([^\s=]+)\s*(=\s*(?:"([^"]*)"|'([^']*)'))?` (global),
 * scanned by hand: each a name and its value, undefined when the optional part did not match.
 */
function attributeMatches(s: string): { name: string; value: string | undefined }[] {
  const out: { name: string; value: string | undefined }[] = [];
  const len = s.length;
  // Once a quote is not found from some point on, it is not found from any later point either.
  const missing = { '"': false, "'": false };
  let pos = 0;
  for (;;) {
    let p = pos;
    while (p < len && (isJsSpace(s.charCodeAt(p)) || s.charCodeAt(p) === 61)) p++;
    if (p >= len) break;
    let end = p;
    while (end < len && !isJsSpace(s.charCodeAt(end)) && s.charCodeAt(end) !== 61) end++;
    const name = s.slice(p, end);
    while (end < len && isJsSpace(s.charCodeAt(end))) end++;
    let value: string | undefined;
    if (s.charCodeAt(end) === 61) {
      let r = end + 1;
      while (r < len && isJsSpace(s.charCodeAt(r))) r++;
      const q = s[r];
      if ((q === '"' || q === "'") && !missing[q]) {
        const close = s.indexOf(q, r + 1);
        if (close === -1) missing[q] = true;
        else {
          value = s.slice(r + 1, close);
          end = close + 1;
        }
      }
    }
    out.push({ name, value });
    pos = end;
  }
  return out;
}

/** resolveNameSpace: an attribute's name as the parser keeps it ('' for a dropped xmlns attribute). */
function attributeName(name: string, strip: boolean): string {
  if (!strip) return name;
  const parts = name.split(':');
  if (parts[0] === 'xmlns') return '';
  return parts.length === 2 ? (name.charAt(0) === '/' ? '/' : '') + (parts[1] ?? '') : name;
}

/** buildAttributesMap: the attributes as `@_name`, values trimmed and decoded; undefined when none. */
function attributesOf(attrStr: string, strip: boolean, xml11: boolean): Record<string, string> | undefined {
  let attrs: Record<string, string> | undefined;
  for (const { name, value } of attributeMatches(attrStr)) {
    const attrName = attributeName(name, strip);
    if (attrName.length === 0 || value === undefined) continue;
    attrs ??= {};
    attrs[`@_${attrName}`] = decodeReferences(value.trim(), xml11);
  }
  return attrs;
}

/** The offset in `text` of an offset in its copy with line ends normalised (CRLF counted as one). */
function originalOffset(text: string, normalised: number): number {
  let o = 0;
  for (let n = 0; n < normalised; n++) o += text.charCodeAt(o) === 13 && text.charCodeAt(o + 1) === 10 ? 2 : 1;
  return o;
}

/** node2json's compress: the children as data. */
function compress(entries: readonly Entry[]): XmlNode {
  let text: string | undefined;
  const obj: XmlNode = {};
  for (const entry of entries) {
    if (typeof entry === 'string') {
      text = text === undefined ? entry : text + entry;
      continue;
    }
    const node = compress(entry.children);
    let value: XmlValue = node;
    if (entry.attrs !== undefined) {
      for (const key of Object.keys(entry.attrs)) node[key] = entry.attrs[key] as string;
    } else {
      const keys = Object.keys(node).length;
      const only = node['#text'];
      if (keys === 1 && only !== undefined) value = only;
      else if (keys === 0) value = '';
    }
    const existing = obj[entry.name];
    if (existing !== undefined && Object.hasOwn(obj, entry.name)) {
      if (Array.isArray(existing)) existing.push(value);
      else obj[entry.name] = [existing, value];
    } else {
      obj[entry.name] = value;
    }
  }
  if (text !== undefined && text.length > 0) obj['#text'] = text;
  return obj;
}

/**
 * The parser's data of a document the validator accepts: element names without their prefix when
 * `strip`, attributes as `@_name` (xmlns attributes dropped when `strip`), text as `#text`.
 * Throws an Error with the parser's message for what the parser itself refuses, XmlDoctypeError
 * for a DOCTYPE.
 */
export function buildTree(text: string, strip: boolean): XmlNode {
  const xml = text.replace(/\r\n?/g, '\n');
  const len = xml.length;
  const root: Element = { name: '!xml', children: [], attrs: undefined };
  const stack: Element[] = [];
  let current = root;
  let textData = '';
  let xml11 = false;
  /** saveTextToParentTag: the text so far, trimmed and decoded, as a child of `node` when not empty. */
  const save = (node: Element): void => {
    if (textData === '') return;
    const trimmed = textData.trim();
    textData = '';
    if (trimmed.length === 0) return;
    const value = decodeReferences(trimmed, xml11);
    if (value !== '') node.children.push(value);
  };
  for (let i = 0; i < len; i++) {
    if (xml.charCodeAt(i) !== 60) {
      const next = xml.indexOf('<', i);
      const end = next < 0 ? len : next;
      textData += xml.slice(i, end);
      i = end - 1;
      continue;
    }
    const c1 = xml.charCodeAt(i + 1);
    if (c1 === 47) {
      const closeIndex = xml.indexOf('>', i);
      if (closeIndex === -1) throw new Error('Closing Tag is not closed.');
      let tagName = xml.substring(i + 2, closeIndex).trim();
      if (strip) {
        const colon = tagName.indexOf(':');
        if (colon !== -1) tagName = tagName.substring(colon + 1);
      }
      sanitizeName(tagName);
      save(current);
      current = stack.pop() ?? root;
      textData = '';
      i = closeIndex;
    } else if (c1 === 63) {
      const tagData = readTagExp(xml, i, false, '?>');
      if (tagData === undefined) throw new Error('Pi Tag is not closed.');
      save(current);
      const attrs = attributesOf(tagData.tagExp, strip, xml11);
      if (attrs !== undefined) xml11 = (Number(attrs['@_version']) || 1.0) === 1.1;
      i = tagData.closeIndex + 1;
    } else if (c1 === 33 && xml.charCodeAt(i + 2) === 45 && xml.charCodeAt(i + 3) === 45) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) throw new Error('Comment is not closed.');
      i = end + 2;
    } else if (c1 === 33 && xml.charCodeAt(i + 2) === 68) {
      if (xml.startsWith('OCTYPE', i + 3)) {
        const at = position(text, originalOffset(text, i));
        throw new XmlDoctypeError(at.line, at.column);
      }
      throw new Error('Invalid Tag instead of DOCTYPE');
    } else if (c1 === 33 && xml.charCodeAt(i + 2) === 91) {
      const closeIndex = xml.indexOf(']]>', i);
      if (closeIndex === -1) throw new Error('CDATA is not closed.');
      save(current);
      // substring, not slice: for `<![x]]>` the end comes before the start, and substring swaps them.
      current.children.push(xml.substring(i + 9, closeIndex));
      i = closeIndex + 2;
    } else {
      const result = readTagExp(xml, i, strip);
      if (result === undefined) {
        const context = xml.substring(Math.max(0, i - 50), Math.min(len, i + 50));
        throw new Error(`readTagExp returned undefined at position ${i}. Context: "${context}"`);
      }
      let { tagName, tagExp, attrExpPresent } = result;
      tagName = sanitizeName(tagName);
      if (tagName === '#text') throw new Error(`Invalid tag name: ${tagName}`);
      if (textData !== '' && current.name !== '!xml') save(current);
      let selfClosing = false;
      if (tagExp.length > 0 && tagExp.lastIndexOf('/') === tagExp.length - 1) {
        selfClosing = true;
        if (tagName.endsWith('/')) {
          tagName = tagName.slice(0, -1);
          tagExp = tagName;
        } else {
          tagExp = tagExp.slice(0, -1);
        }
        attrExpPresent = tagName !== tagExp;
      }
      const attrs = tagName !== tagExp && attrExpPresent ? attributesOf(tagExp, strip, xml11) : undefined;
      if (selfClosing) {
        current.children.push({ name: sanitizeName(tagName), children: [], attrs });
      } else {
        if (stack.length >= MAX_OPEN_ELEMENTS) throw new Error('Maximum nested tags exceeded');
        stack.push(current);
        const child: Element = { name: tagName, children: [], attrs };
        current.children.push(child);
        current = child;
      }
      textData = '';
      i = result.closeIndex;
    }
  }
  return compress(root.children);
}
