/**
 * Character and entity references in text and attribute values, decoded exactly as the reader has
 * always decoded them (fast-xml-parser 5 with `processEntities: true`, `htmlEntities: false`, whose
 * decoder is @nodable/entities' EntityDecoder):
 *
 * - the five predefined entities (`&amp; &lt; &gt; &quot; &apos;`) become their character;
 * - any other named reference (`&nbsp;`, `&foo;`) stays as written;
 * - a numeric reference (`&#229;`, `&#xE5;`) stays as written, except one naming a character XML
 *   forbids (U+0000, a surrogate, or under XML 1.0 a C0 control but tab, LF, CR), which is removed;
 * - a reference is `&`, then up to 32 characters without `;`, then `;`; an `&` without one stays.
 *
 * The decoding is one pass, left to right; a replacement is never decoded again (`&amp;lt;` is `&lt;`).
 */

/** The replacement of a numeric reference's token (`#229`, `#xE5`), or undefined to keep it as written. */
function numericReference(token: string, xml11: boolean): string | undefined {
  const second = token.charCodeAt(1);
  // parseInt as the decoder calls it: leading white space, a sign and trailing garbage are tolerated.
  const cp = second === 120 || second === 88 ? parseInt(token.slice(2), 16) : parseInt(token.slice(1), 10);
  if (Number.isNaN(cp) || cp < 0 || cp > 0x10ffff) return undefined;
  if (cp === 0 || (cp >= 0xd800 && cp <= 0xdfff)) return '';
  if (!xml11 && cp >= 0x01 && cp <= 0x1f && cp !== 0x09 && cp !== 0x0a && cp !== 0x0d) return '';
  return undefined;
}

function namedReference(token: string): string | undefined {
  switch (token) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default:
      return undefined;
  }
}

/**
 * Decodes the references in a text value (already trimmed and with line ends normalised).
 * `xml11`: the document declared `version="1.1"` before this text (C0 controls then stay as written).
 */
export function decodeReferences(str: string, xml11 = false): string {
  let i = str.indexOf('&');
  if (i < 0) return str;
  const len = str.length;
  let out = '';
  let last = 0;
  while (i >= 0 && i < len) {
    let j = i + 1;
    while (j < len && str.charCodeAt(j) !== 59 && j - i <= 32) j++;
    if (j >= len || str.charCodeAt(j) !== 59 || j === i + 1) {
      i = str.indexOf('&', i + 1);
      continue;
    }
    const token = str.slice(i + 1, j);
    const replacement = token.charCodeAt(0) === 35 ? numericReference(token, xml11) : namedReference(token);
    if (replacement === undefined) {
      i = str.indexOf('&', i + 1);
      continue;
    }
    out += str.slice(last, i) + replacement;
    last = j + 1;
    i = str.indexOf('&', last);
  }
  return last === 0 ? str : out + str.slice(last);
}
