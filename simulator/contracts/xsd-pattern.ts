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
