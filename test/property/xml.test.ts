import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../simulator/xml/body-text.ts';
import { escapeXml } from '../../simulator/xml/escape.ts';
import { parseXml, XmlLimitError, XmlSyntaxError } from '../../simulator/xml/parse.ts';

/** What XML can hold of a string: characters XML 1.0 does not allow become U+FFFD. */
// eslint-disable-next-line no-control-regex
const xmlSafe = (s: string): string => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

describe('XML reading and writing (property)', () => {
  it('whatever text is escaped, the element written parses back to it (characters XML cannot hold as U+FFFD, line ends as LF)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const doc = parseXml(`<a b="${escapeXml(text)}">${escapeXml(text)}</a>`);
        const a = doc.a as Record<string, string> | string;
        const body = typeof a === 'string' ? a : (a['#text'] ?? '');
        // As XML reads it: line ends normalised to LF, and the reader trims surrounding white space.
        const expected = xmlSafe(text).replace(/\r\n?/g, '\n').trim();
        expect(body).toBe(expected);
        if (typeof a !== 'string') expect((a['@_b'] ?? '').replace(/\r\n?/g, '\n')).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary text is read or refused with XmlSyntaxError or XmlLimitError, nothing else', () => {
    const fragments = fc.constantFrom('<', '>', '</', '/>', 'a', 'b:c', '="x"', ' ', '&', '&amp;', '&#65;', ';', '<!DOCTYPE a>', '<!ENTITY', '<![CDATA[', ']]>', '<!--', '-->', '<?xml?>', '\u0000', '\uD800');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), fc.array(fragments, { maxLength: 30 }).map((a) => a.join(''))), (text) => {
        try {
          parseXml(text);
        } catch (e) {
          expect(e instanceof XmlSyntaxError || e instanceof XmlLimitError).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('any string sent as UTF-8 decodes back to itself; any bytes decode or are refused with a place inside them, never a throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.uint8Array({ maxLength: 60 }), fc.constantFrom(undefined, 'text/xml', 'text/xml; charset=utf-8', 'application/json; charset="UTF-8"', 'text/xml; charset=latin1', 'text/xml; charset=utf-16le', 'text/xml; charset=nonsense'), (text, bytes, type) => {
        const utf8 = /charset=(latin1|utf-16le|nonsense)/.test(type ?? '') ? undefined : decodeBody(new TextEncoder().encode(text), type);
        if (utf8 !== undefined) expect(utf8).toEqual({ ok: true, text: text.replace(/^\uFEFF/, '') });
        const any = decodeBody(bytes, type);
        if (any.ok) expect(typeof any.text).toBe('string');
        else if (any.problem === 'bytes') expect(any.offset >= 0 && any.offset <= bytes.length && any.line >= 1).toBe(true);
        else expect(type).toContain('nonsense');
      }),
      { numRuns: 500 },
    );
  });
});
