/**
 * The well-formedness rules the reader has always applied, with their messages and positions: a
 * faithful port of fast-xml-parser 5's `XMLValidator.validate(text, { allowBooleanAttributes: false })`
 * (src/validator.js), which parse.ts ran before parsing. Kept rule for rule, quirks included, so that
 * what was refused is still refused with the same message, line and column, and what was accepted is
 * still accepted. Linear in the text: no regular expression that can backtrack, no recursion.
 *
 * Only xml-reader.ts calls this, for a document its single-pass reader does not take on alone
 * (anything but plain elements, attributes, text, references, comments and CDATA) or finds wrong.
 */

import { position } from './errors.ts';

/** What the validator reports: its message, and the line and column (the column is absent for a few). */
export interface WellFormednessError {
  message: string;
  line: number;
  column: number | undefined;
}

const NAME_START = ':A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = `${NAME_START}\\-.\\d\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
/** The validator's name rule (one character class, then a starred one: cannot backtrack). */
// The class holds combining marks (U+0300-U+036F) on purpose: they may follow a name's first character.
// eslint-disable-next-line no-misleading-character-class
const NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`);
const WORD = /\w/;
const DIGIT = /\d/;
const HEX_DIGIT = /[\da-fA-F]/;

class Invalid {
  constructor(
    readonly message: string,
    readonly at: number | { line: number; col: number },
  ) {}
}

function isWhiteSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** The validator's position of an index: lines split at LF or CRLF (a lone CR is no line end). */
function lineAndColumn(d: string, at: number): { line: number; col: number } {
  // As split(/\r?\n/) of the text before the index: the column counts a CR before the index.
  const { line, column } = position(d, Math.min(at, d.length));
  return { line, col: column };
}

/** readPI: skips a processing instruction; `i` is just after `<?` (at the top level) or at the `?`. */
function readPI(d: string, i: number): number | Invalid {
  const start = i;
  for (; i < d.length; i++) {
    if (d[i] === '?' || d[i] === ' ') {
      const tagname = d.substr(start, i - start);
      if (i > 5 && tagname === 'xml') {
        return new Invalid('XML declaration allowed only at the start of the document.', lineAndColumn(d, i));
      } else if (d[i] === '?' && d[i + 1] === '>') {
        i++;
        break;
      }
    }
  }
  return i;
}

/** readCommentAndCDATA: `i` is at the `!` of `<!`; returns the index of the closing `>` (or the end), or `i` for anything else. */
function readCommentAndCDATA(d: string, i: number): number {
  if (d.length > i + 5 && d[i + 1] === '-' && d[i + 2] === '-') {
    const end = d.indexOf('-->', i + 3);
    return end < 0 ? d.length : end + 2;
  } else if (d.length > i + 8 && d.startsWith('DOCTYPE', i + 1)) {
    let angleBracketsCount = 1;
    for (i += 8; i < d.length; i++) {
      if (d[i] === '<') angleBracketsCount++;
      else if (d[i] === '>') {
        angleBracketsCount--;
        if (angleBracketsCount === 0) break;
      }
    }
  } else if (d.length > i + 9 && d.startsWith('[CDATA[', i + 1)) {
    const end = d.indexOf(']]>', i + 8);
    return end < 0 ? d.length : end + 2;
  }
  return i;
}

/** readAttributeStr: from `i` to the `>` outside quotes; undefined when a quote is left open. */
function readAttributeStr(d: string, i: number): { value: string; index: number; tagClosed: boolean } | undefined {
  const start = i;
  let quote = '';
  let tagClosed = false;
  for (; i < d.length; i++) {
    const c = d[i];
    if (c === '"' || c === "'") {
      if (quote === '') quote = c;
      else if (quote === c) quote = '';
    } else if (c === '>' && quote === '') {
      tagClosed = true;
      break;
    }
  }
  if (quote !== '') return undefined;
  return { value: d.slice(start, i), index: i, tagClosed };
}

/**
 * validateAttributeString: the validator's attribute tokens, left to right; the first problem with
 * its offset inside `attrStr`, or undefined.
 */
function attributeProblem(attrStr: string): { message: string; offset: number } | undefined {
  const len = attrStr.length;
  const names = new Set<string>();
  let i = 0;
  while (i < len) {
    const tokenStart = i;
    while (i < len && isWhiteSpace(attrStr[i])) i++;
    if (i >= len) break;
    if (attrStr[i] === '=') {
      i++;
      continue;
    }
    const leading = i - tokenStart;
    const nameStart = i;
    while (i < len && !isWhiteSpace(attrStr[i]) && attrStr[i] !== '=') i++;
    const name = attrStr.slice(nameStart, i);
    let equals = false;
    let j = i;
    while (j < len && isWhiteSpace(attrStr[j])) j++;
    if (j < len && attrStr[j] === '=') {
      equals = true;
      i = j + 1;
    }
    let quoted = false;
    let k = i;
    while (k < len && isWhiteSpace(attrStr[k])) k++;
    const q = attrStr[k];
    if (k < len && (q === '"' || q === "'")) {
      const close = attrStr.indexOf(q, k + 1);
      if (close !== -1) {
        quoted = true;
        i = close + 1;
      }
    }
    const offset = tokenStart + leading;
    if (leading === 0) return { message: `Attribute '${name}' has no space in starting.`, offset };
    if (equals && !quoted) return { message: `Attribute '${name}' is without value.`, offset };
    if (!equals) return { message: `boolean attribute '${name}' is not allowed.`, offset };
    if (!NAME.test(name)) return { message: `Attribute '${name}' is an invalid name.`, offset };
    // The validator keeps the names seen as keys of a plain object: "__proto__" is never found there.
    if (name !== '__proto__') {
      if (names.has(name)) return { message: `Attribute '${name}' is repeated.`, offset };
      names.add(name);
    }
  }
  return undefined;
}

function numberReferenceEnd(d: string, i: number): number {
  let digit = DIGIT;
  if (d[i] === 'x') {
    i++;
    digit = HEX_DIGIT;
  }
  for (; i < d.length; i++) {
    if (d[i] === ';') return i;
    if (!digit.test(d[i] ?? '')) break;
  }
  return -1;
}

/** validateAmpersand: `i` is at `&`; the index of the reference's `;` (or the end of the text), or -1. */
function referenceEnd(d: string, i: number): number {
  i++;
  if (d[i] === ';') return -1;
  if (d[i] === '#') return numberReferenceEnd(d, i + 1);
  let count = 0;
  for (; i < d.length; i++, count++) {
    if (WORD.test(d[i] ?? '') && count < 20) continue;
    if (d[i] === ';') break;
    return -1;
  }
  return i;
}

function check(d: string): Invalid | undefined {
  const tags: { tagName: string; tagStartPos: number }[] = [];
  let tagFound = false;
  let reachedRoot = false;
  const len = d.length;
  for (let i = 0; i < len; i++) {
    if (d[i] === '<' && d[i + 1] === '?') {
      const r = readPI(d, i + 2);
      if (r instanceof Invalid) return r;
      i = r;
    } else if (d[i] === '<') {
      const tagStartPos = i;
      i++;
      if (d[i] === '!') {
        i = readCommentAndCDATA(d, i);
        continue;
      }
      let closingTag = false;
      if (d[i] === '/') {
        closingTag = true;
        i++;
      }
      const nameStart = i;
      for (; i < len && d[i] !== '>' && d[i] !== ' ' && d[i] !== '\t' && d[i] !== '\n' && d[i] !== '\r'; i++);
      let tagName = d.slice(nameStart, i).trim();
      if (tagName.endsWith('/')) {
        tagName = tagName.slice(0, -1);
        i--;
      }
      if (!NAME.test(tagName)) {
        const message = tagName.trim().length === 0 ? "Invalid space after '<'." : `Tag '${tagName}' is an invalid name.`;
        return new Invalid(message, lineAndColumn(d, i));
      }
      const result = readAttributeStr(d, i);
      if (result === undefined) return new Invalid(`Attributes for '${tagName}' have open quote.`, lineAndColumn(d, i));
      let attrStr = result.value;
      i = result.index;
      if (attrStr.endsWith('/')) {
        const attrStrStart = i - attrStr.length;
        attrStr = attrStr.slice(0, -1);
        const problem = attributeProblem(attrStr);
        if (problem !== undefined) return new Invalid(problem.message, lineAndColumn(d, attrStrStart + problem.offset));
        tagFound = true;
      } else if (closingTag) {
        if (!result.tagClosed) return new Invalid(`Closing tag '${tagName}' doesn't have proper closing.`, lineAndColumn(d, i));
        if (attrStr.trim().length > 0) return new Invalid(`Closing tag '${tagName}' can't have attributes or invalid starting.`, lineAndColumn(d, tagStartPos));
        const open = tags.pop();
        if (open === undefined) return new Invalid(`Closing tag '${tagName}' has not been opened.`, lineAndColumn(d, tagStartPos));
        if (tagName !== open.tagName) {
          const at = lineAndColumn(d, open.tagStartPos);
          return new Invalid(
            `Expected closing tag '${open.tagName}' (opened in line ${at.line}, col ${at.col}) instead of closing tag '${tagName}'.`,
            lineAndColumn(d, tagStartPos),
          );
        }
        if (tags.length === 0) reachedRoot = true;
      } else {
        const problem = attributeProblem(attrStr);
        if (problem !== undefined) return new Invalid(problem.message, lineAndColumn(d, i - attrStr.length + problem.offset));
        if (reachedRoot) return new Invalid('Multiple possible root nodes found.', lineAndColumn(d, i));
        tags.push({ tagName, tagStartPos });
        tagFound = true;
      }
      // The text after the tag, with the comments, CDATA sections and processing instructions in it.
      for (i++; i < len; i++) {
        if (d[i] === '<') {
          if (d[i + 1] === '!') {
            i = readCommentAndCDATA(d, i + 1);
            continue;
          } else if (d[i + 1] === '?') {
            const r = readPI(d, i + 1);
            if (r instanceof Invalid) return r;
            i = r;
          } else {
            break;
          }
        } else if (d[i] === '&') {
          const end = referenceEnd(d, i);
          if (end === -1) return new Invalid("char '&' is not expected.", lineAndColumn(d, i));
          i = end;
        } else if (reachedRoot && !isWhiteSpace(d[i])) {
          return new Invalid('Extra text at the end', lineAndColumn(d, i));
        }
      }
      if (d[i] === '<') i--;
    } else if (!isWhiteSpace(d[i])) {
      return new Invalid(`char '${d[i]}' is not expected.`, lineAndColumn(d, i));
    }
  }
  if (!tagFound) return new Invalid('Start tag expected.', 1);
  const first = tags[0];
  if (tags.length === 1 && first !== undefined) return new Invalid(`Unclosed tag '${first.tagName}'.`, lineAndColumn(d, first.tagStartPos));
  if (tags.length > 0) return new Invalid(`Invalid '${JSON.stringify(tags.map((t) => t.tagName), null, 4).replace(/\r?\n/g, '')}' found.`, { line: 1, col: 1 });
  return undefined;
}

/** The first well-formedness problem of a text as the reader has always reported it, or undefined. */
export function wellFormednessError(text: string): WellFormednessError | undefined {
  // The validator drops a byte order mark first, so its positions on line 1 are counted without it.
  const problem = check(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (problem === undefined) return undefined;
  const at = problem.at;
  return typeof at === 'number' ? { message: problem.message, line: at, column: undefined } : { message: problem.message, line: at.line, column: at.col };
}
