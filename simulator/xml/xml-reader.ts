/**
 * The XML reader behind parse.ts: one pass over the text, building the data parse.ts has always
 * returned (fast-xml-parser 5 with parse.ts's `parserOptions`, after its validator), without a
 * validator pass, an ordered intermediate tree or a path matcher.
 *
 * The single pass takes on the documents the simulator reads in practice: an XML declaration,
 * elements with ASCII names (one prefix at most), attributes in quotes, text, references, comments
 * and CDATA sections. It checks them as the validator would and builds exactly what the parser
 * would. For anything else (a processing instruction, `<!` that is not a comment or CDATA, a
 * non-ASCII name, a document it finds wrong, nesting past the parser's limit, more than 32
 * attributes on an element) it gives up and the text is read again, by ports of the validator
 * (well-formed.ts: the same refusals, messages, lines and columns) and of the parser (tree.ts: the
 * same data and the parser's own errors). Everything is linear in the text and iterative.
 */
import { XmlLimitError, XmlSyntaxError } from './errors.ts';
import type { XmlNode, XmlValue } from './parse.ts';
import { decodeReferences } from './references.ts';
import { buildTree, MAX_OPEN_ELEMENTS } from './tree.ts';
import { wellFormednessError } from './well-formed.ts';

/** Past this many attributes on one element the single pass gives up (its duplicate check is quadratic). */
const MAX_FAST_ATTRIBUTES = 32;

/** ASCII name characters: 1 may start a name (letters, `_`), 2 may follow (also digits, `.`, `-`). */
const NAME_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) NAME_CHARS[c] = 3;
  else if (/[0-9.-]/.test(ch)) NAME_CHARS[c] = 2;
}

/** Element names the parser refuses (the single pass gives up) or prefixes with `__`. */
const CRITICAL = new Set(['__proto__', 'constructor', 'prototype']);
const DANGEROUS = new Set(['hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

const LINE_ENDS = /\r\n?/g;

/** XML white space, as the validator knows it. */
function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStart(c: number): boolean {
  return c < 128 && ((NAME_CHARS[c] ?? 0) & 1) !== 0;
}

/** The colon of the last name read by nameEnd, or -1; and a hash of that name. */
let colonAt = -1;
let nameHash = 0;

/** The end of an ASCII name (`local` or `prefix:local`) starting at `i`, or -1. Sets colonAt and nameHash. */
function nameEnd(t: string, i: number): number {
  let c = t.charCodeAt(i);
  if (!isNameStart(c)) return -1;
  let h = c;
  colonAt = -1;
  for (i++; ; i++) {
    c = t.charCodeAt(i);
    if (c < 128 && NAME_CHARS[c] !== 0) {
      h = (h * 31 + c) | 0;
      continue;
    }
    if (c === 58 && colonAt < 0 && isNameStart(t.charCodeAt(i + 1))) {
      colonAt = i;
      h = (h * 31 + c) | 0;
      continue;
    }
    nameHash = h;
    return c === 58 ? -1 : i;
  }
}

/**
 * A copy of a name cut from a text, so that a cached name does not keep the whole text alive: V8 cuts
 * 13 characters or more as a view into the text; a concatenation, once cut, is a copy of itself alone.
 */
function detached(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/** The element's key as the parser makes it: `__` before a name it guards against, null for one it refuses. */
function elementKey(name: string): string | null {
  if (CRITICAL.has(name)) return null;
  return DANGEROUS.has(name) ? `__${name}` : name;
}

/** A name as written and the keys it becomes, computed once per distinct name. */
class Name {
  readonly elementStrip: string | null;
  readonly elementKeep: string | null;
  /** null: an xmlns attribute, dropped when prefixes are removed. */
  readonly attributeStrip: string | null;
  readonly attributeKeep: string;
  constructor(
    readonly raw: string,
    colon: number,
  ) {
    const local = colon < 0 ? raw : raw.slice(colon + 1);
    this.elementStrip = elementKey(local);
    this.elementKeep = elementKey(raw);
    this.attributeStrip = raw === 'xmlns' || (colon === 5 && raw.startsWith('xmlns')) ? null : `@_${local}`;
    this.attributeKeep = `@_${raw}`;
  }
}

/**
 * Names seen lately, by hash, two per set (a new name takes the first place, the first one's moves to
 * the second): most names of a document are repeated, and of the documents of a kind too, so their
 * strings and keys are made once. A name longer than MAX_CACHED_NAME is not kept, so the cache stays
 * small (2048 short names at most) whatever the texts.
 */
const NAME_CACHE_SETS = 1024;
const MAX_CACHED_NAME = 64;
const nameCache: (Name | undefined)[] = new Array<Name | undefined>(2 * NAME_CACHE_SETS).fill(undefined);

// Cutting and comparing (a native comparison) is cheaper here than startsWith or a loop over the characters.
function isNameAt(name: Name | undefined, t: string, start: number, length: number): name is Name {
  return name !== undefined && name.raw.length === length && t.slice(start, start + length) === name.raw;
}

/** The name from `start` to `end` (just read by nameEnd). */
function nameAt(t: string, start: number, end: number): Name {
  const length = end - start;
  const colon = colonAt < 0 ? -1 : colonAt - start;
  if (length > MAX_CACHED_NAME) return new Name(t.slice(start, end), colon);
  const slot = ((nameHash ^ (nameHash >>> 11)) & (NAME_CACHE_SETS - 1)) << 1;
  const first = nameCache[slot];
  if (isNameAt(first, t, start, length)) return first;
  const second = nameCache[slot + 1];
  if (isNameAt(second, t, start, length)) return second;
  const created = new Name(detached(t.slice(start, end)), colon);
  nameCache[slot + 1] = first;
  nameCache[slot] = created;
  return created;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/**
 * The validator's rule for `&` in text (`i` at the `&`): the index of the reference's `;`, or -1.
 * `&name;` with 1 to 20 word characters, `&#digits;` or `&#xhex;` (the digits may be none).
 */
function referenceEnd(t: string, i: number): number {
  let c = t.charCodeAt(++i);
  if (c === 59) return -1;
  if (c === 35) {
    c = t.charCodeAt(++i);
    const hex = c === 120;
    if (hex) c = t.charCodeAt(++i);
    for (; ; c = t.charCodeAt(++i)) {
      if (c === 59) return i;
      if (!((c >= 48 && c <= 57) || (hex && ((c >= 65 && c <= 70) || (c >= 97 && c <= 102))))) return -1;
    }
  }
  for (let count = 0; ; count++, c = t.charCodeAt(++i)) {
    if (count < 20 && isWordChar(c)) continue;
    return c === 59 ? i : -1;
  }
}

/** An open element. */
class Frame {
  /** Child elements by key, made at the first. */
  obj: XmlNode | undefined = undefined;
  /** The text pieces so far, each trimmed and decoded, joined. */
  text: string | undefined = undefined;
  constructor(
    /** The name as written, to match the end tag. */
    readonly name: string,
    /** The name as a key of the data. */
    readonly key: string,
    /** Attribute keys and values, alternately, in the parser's order. */
    readonly attrs: string[] | undefined,
  ) {}
}

/** The value an element comes to: as the parser's node2json makes it. */
function valueOf(f: Frame): XmlValue {
  let obj = f.obj;
  const attrs = f.attrs;
  if (attrs === undefined) {
    if (obj === undefined) return f.text ?? '';
    if (f.text !== undefined) obj['#text'] = f.text;
    return obj;
  }
  obj ??= {};
  if (f.text !== undefined) obj['#text'] = f.text;
  for (let k = 0; k < attrs.length; k += 2) obj[attrs[k] as string] = attrs[k + 1] as string;
  return obj;
}

/** Adds a child's value to its parent; a repeated name becomes an array. */
function addChild(parent: Frame, key: string, value: XmlValue): void {
  const obj = parent.obj;
  if (obj === undefined) {
    const created: XmlNode = {};
    created[key] = value;
    parent.obj = created;
    return;
  }
  const existing = obj[key];
  // Own properties only: a name like "isPrototypeOf" is found on every object's prototype.
  if (existing === undefined || !Object.hasOwn(obj, key)) obj[key] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else obj[key] = [existing, value];
}

/** A piece of text (line ends normalised), trimmed and decoded as the parser saves it. */
function textPiece(text: string, xml11: boolean): string {
  const trimmed = text.trim();
  return trimmed.indexOf('&') < 0 ? trimmed : decodeReferences(trimmed, xml11);
}

/** Whether the last declaration read by declarationEnd says version 1.1. */
let declaredXml11 = false;

/**
 * The end of an XML declaration `<?xml` at the start (the index after `?>`), or -1 when it is not a
 * plain one: version, encoding and standalone in quotes, nothing in the values that could end it.
 */
function declarationEnd(t: string): number {
  declaredXml11 = false;
  let i = 5;
  for (;;) {
    const start = i;
    while (isWs(t.charCodeAt(i))) i++;
    if (t.charCodeAt(i) === 63 && t.charCodeAt(i + 1) === 62) return i + 2;
    if (i === start) return -1;
    const nameStart = i;
    for (let c = t.charCodeAt(i); c >= 97 && c <= 122; c = t.charCodeAt(++i));
    const name = t.slice(nameStart, i);
    if (name !== 'version' && name !== 'encoding' && name !== 'standalone') return -1;
    while (isWs(t.charCodeAt(i))) i++;
    if (t.charCodeAt(i) !== 61) return -1;
    i++;
    while (isWs(t.charCodeAt(i))) i++;
    const q = t.charCodeAt(i);
    if (q !== 34 && q !== 39) return -1;
    const close = t.indexOf(q === 34 ? '"' : "'", i + 1);
    if (close < 0) return -1;
    for (let k = i + 1; k < close; k++) {
      const c = t.charCodeAt(k);
      if (c === 63 || c === 60 || c === 38) return -1;
    }
    // As the parser reads it: `Number(version) || 1.0`, and only 1.1 counts.
    if (name === 'version') declaredXml11 = (Number(t.slice(i + 1, close).trim()) || 1.0) === 1.1;
    i = close + 1;
  }
}

/** Past white space and comments from `i`: the next `<` that is not a comment, the end, or -1 for anything else. */
function skipMisc(t: string, i: number): number {
  for (;;) {
    const c = t.charCodeAt(i);
    if (isWs(c)) {
      i++;
      continue;
    }
    if (c !== 60) return i >= t.length ? t.length : -1;
    if (!t.startsWith('!--', i + 1)) return i;
    const end = t.indexOf('-->', i + 4);
    if (end < 0) return -1;
    i = end + 3;
  }
}

/** Attribute names read on the current start tag (for the duplicate check): the first `seenCount`. */
const seenAttributes: string[] = [];

/**
 * The single pass: the document's data, or undefined when the text is not one it takes on alone
 * (then the ports decide). `strip`: element and attribute names without prefixes, xmlns attributes dropped.
 */
export function readCommon(t: string, strip: boolean): XmlNode | undefined {
  const len = t.length;
  const hasCR = t.indexOf('\r') >= 0;
  let xml11 = false;
  let i = 0;
  if (t.startsWith('<?xml')) {
    i = declarationEnd(t);
    if (i < 0) return undefined;
    xml11 = declaredXml11;
  }
  i = skipMisc(t, i);
  if (i < 0 || i >= len) return undefined;

  const frames: Frame[] = [];
  let frame: Frame | undefined;
  let result: XmlNode | undefined;
  /** Text of the current element since its last saved piece (comments left out, line ends normalised). */
  let pending = '';
  /** The next `&` at or after the text being read (len when none). */
  let amp = -1;
  for (;;) {
    // At a `<`.
    const c1 = t.charCodeAt(i + 1);
    if (c1 === 47) {
      if (frame === undefined) return undefined;
      const name = frame.name;
      if (t.slice(i + 2, i + 2 + name.length) !== name) return undefined;
      let j = i + 2 + name.length;
      while (isWs(t.charCodeAt(j))) j++;
      if (t.charCodeAt(j) !== 62) return undefined;
      if (pending !== '') {
        const piece = textPiece(pending, xml11);
        if (piece !== '') frame.text = frame.text === undefined ? piece : frame.text + piece;
        pending = '';
      }
      const value = valueOf(frame);
      frames.pop();
      const parent = frames[frames.length - 1];
      i = j + 1;
      if (parent === undefined) {
        result = {};
        result[frame.key] = value;
        break;
      }
      addChild(parent, frame.key, value);
      frame = parent;
    } else if (c1 === 33) {
      if (frame === undefined) return undefined;
      if (t.charCodeAt(i + 2) === 45 && t.charCodeAt(i + 3) === 45) {
        const end = t.indexOf('-->', i + 4);
        if (end < 0) return undefined;
        i = end + 3;
      } else if (t.startsWith('[CDATA[', i + 2)) {
        const end = t.indexOf(']]>', i + 9);
        if (end < 0) return undefined;
        if (pending !== '') {
          const piece = textPiece(pending, xml11);
          if (piece !== '') frame.text = frame.text === undefined ? piece : frame.text + piece;
          pending = '';
        }
        // Kept as written: not trimmed, no references decoded.
        let content = t.slice(i + 9, end);
        if (hasCR) content = content.replace(LINE_ENDS, '\n');
        if (content !== '') frame.text = frame.text === undefined ? content : frame.text + content;
        i = end + 3;
      } else {
        return undefined;
      }
    } else {
      // A start tag.
      const end = nameEnd(t, i + 1);
      if (end < 0) return undefined;
      const name = nameAt(t, i + 1, end);
      const raw = name.raw;
      const key = strip ? name.elementStrip : name.elementKeep;
      if (key === null) return undefined;
      let attrs: string[] | undefined;
      let j = end;
      let sawWs = false;
      let selfClosing = false;
      let seenCount = 0;
      for (;;) {
        const c = t.charCodeAt(j);
        if (isWs(c)) {
          j++;
          sawWs = true;
          continue;
        }
        if (c === 62) {
          j++;
          break;
        }
        if (c === 47) {
          if (t.charCodeAt(j + 1) !== 62) return undefined;
          selfClosing = true;
          j += 2;
          break;
        }
        if (!sawWs) return undefined;
        const aEnd = nameEnd(t, j);
        if (aEnd < 0) return undefined;
        const aName = nameAt(t, j, aEnd);
        let k = aEnd;
        while (isWs(t.charCodeAt(k))) k++;
        if (t.charCodeAt(k) !== 61) return undefined;
        k++;
        while (isWs(t.charCodeAt(k))) k++;
        const q = t.charCodeAt(k);
        if (q !== 34 && q !== 39) return undefined;
        const close = t.indexOf(q === 34 ? '"' : "'", k + 1);
        if (close < 0) return undefined;
        const aRaw = aName.raw;
        if (seenCount === MAX_FAST_ATTRIBUTES) return undefined;
        for (let m = 0; m < seenCount; m++) if (seenAttributes[m] === aRaw) return undefined;
        seenAttributes[seenCount++] = aRaw;
        // The parser's key: with prefixes removed, xmlns and xmlns:* are dropped and p:x is x.
        const aKey = strip ? aName.attributeStrip : aName.attributeKeep;
        if (aKey !== null) {
          const raw = t.slice(k + 1, close);
          const value = textPiece(hasCR ? raw.replace(LINE_ENDS, '\n') : raw, xml11);
          if (attrs === undefined) attrs = [aKey, value];
          else {
            // Two names alike once their prefixes are removed: the last value, in the first one's place.
            let m = 0;
            while (m < attrs.length && attrs[m] !== aKey) m += 2;
            if (m < attrs.length) attrs[m + 1] = value;
            else attrs.push(aKey, value);
          }
        }
        sawWs = false;
        j = close + 1;
      }
      if (frame !== undefined && pending !== '') {
        const piece = textPiece(pending, xml11);
        if (piece !== '') frame.text = frame.text === undefined ? piece : frame.text + piece;
        pending = '';
      }
      i = j;
      if (selfClosing) {
        const value = attrs === undefined ? '' : valueOf(new Frame(raw, key, attrs));
        if (frame === undefined) {
          result = {};
          result[key] = value;
          break;
        }
        addChild(frame, key, value);
      } else {
        if (frames.length >= MAX_OPEN_ELEMENTS) return undefined;
        frame = new Frame(raw, key, attrs);
        frames.push(frame);
      }
    }
    // The text up to the next `<`: most often white space alone (indentation), seen without a search.
    let lt = i;
    while (isWs(t.charCodeAt(lt))) lt++;
    const blank = t.charCodeAt(lt) === 60;
    if (!blank) {
      lt = t.indexOf('<', lt);
      if (lt < 0) return undefined;
      if (amp < i) {
        amp = t.indexOf('&', i);
        if (amp < 0) amp = len;
      }
      while (amp < lt) {
        const semicolon = referenceEnd(t, amp);
        if (semicolon < 0) return undefined;
        amp = t.indexOf('&', semicolon + 1);
        if (amp < 0) amp = len;
      }
    }
    // White space alone matters only after text (before a comment): it is trimmed off otherwise.
    if (lt > i && (!blank || pending !== '')) {
      // Line ends normalised piece by piece: a CR before a comment and an LF after it are two.
      const piece = t.slice(i, lt);
      pending += hasCR ? piece.replace(LINE_ENDS, '\n') : piece;
    }
    i = lt;
  }
  return skipMisc(t, i) === len ? result : undefined;
}

/**
 * Reads a document the early checks (DOCTYPE, characters) let through: the single pass, or when it
 * gives up the ports of the validator and the parser, with the errors parse.ts has always thrown:
 * XmlSyntaxError with the validator's message and position, XmlLimitError past 101 open elements,
 * XmlSyntaxError with the parser's message for what only the parser refuses.
 */
export function readDocument(text: string, strip: boolean): XmlNode {
  const common = readCommon(text, strip);
  if (common !== undefined) return common;
  try {
    const problem = wellFormednessError(text);
    if (problem !== undefined) throw new XmlSyntaxError(problem.message, problem.line, problem.column);
    return buildTree(text, strip);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw e;
    if (e instanceof RangeError || (e instanceof Error && /nested/i.test(e.message))) {
      throw new XmlLimitError('the document is nested too deeply');
    }
    // Anything else the parser's rules throw is about the text it was given, never a bug of the caller's.
    throw new XmlSyntaxError(e instanceof Error ? e.message : String(e));
  }
}
