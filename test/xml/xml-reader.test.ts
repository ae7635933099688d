import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { declarationOffset, parserOptions, parseXml, parseXmlWithPrefixes, XmlDoctypeError, XmlLimitError } from '../../simulator/xml/parse.ts';
import { buildTree, isJsSpace } from '../../simulator/xml/tree.ts';
import { wellFormednessError } from '../../simulator/xml/well-formed.ts';
import { readCommon } from '../../simulator/xml/xml-reader.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapPing, soapQuery } from '../support/queries.ts';
import { ordered, outcome, referenceParse } from './reference-reader.ts';

// The reader (simulator/xml/xml-reader.ts, with its ports well-formed.ts and tree.ts) must read every
// text as parse.ts did with fast-xml-parser's validator and parser: the same data, key order included,
// or the same error (class, message, line, column). test/xml/reference-reader.ts is that reference.

const read = (text: string, strip: boolean): unknown => (strip ? parseXml(text) : parseXmlWithPrefixes(text));

/** The one difference kept: a DOCTYPE that the early check does not see but the parser would read is refused. */
function isKeptDifference(text: string, mine: unknown, reference: unknown): boolean {
  return (
    (mine as { error?: string }).error === 'XmlDoctypeError' &&
    (reference as { error?: string }).error !== 'XmlDoctypeError' &&
    text.includes('<!DOCTYPE') &&
    declarationOffset(text) < 0
  );
}

function expectAsReference(text: string): void {
  for (const strip of [true, false]) {
    const mine = outcome(() => read(text, strip));
    const reference = outcome(() => referenceParse(text, strip));
    if (isKeptDifference(text, mine, reference)) continue;
    expect(mine, `${strip ? 'parseXml' : 'parseXmlWithPrefixes'}(${JSON.stringify(text)})`).toEqual(reference);
  }
}

// ---- Generated documents ----

const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
const joined = (pieces: fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<string> => fc.array(pieces, { maxLength }).map((p) => p.join(''));

const PREFIX = pick('', '', '', 'a:', 'b:', 'ssbt:');
const LOCAL = fc.oneof(
  { weight: 20, arbitrary: pick('r', 'item', 'n', 'x-y', 'a.b', '_u', 'A1', 'toString', 'valueOf', 'isPrototypeOf', 'text', 'é', 'naïve') },
  { weight: 1, arbitrary: pick('constructor', '__proto__', 'prototype', 'hasOwnProperty', '__defineGetter__', '1', 'a\uFEFFb', 'a\u1680b') },
);
const elementName = fc.tuple(PREFIX, LOCAL).map(([p, l]) => p + l);
const ATTRIBUTE_NAME = pick('id', 'a:id', 'b:id', 'xmlns', 'xmlns:a', 'xmlns:b', 'version', 'n', 'x.y', 'é', 'xml:lang', '__proto__', 'a:b:c');
const WS = pick(' ', ' ', '\n  ', '\t', '  ', '\r\n ');
const OPTIONAL_WS = pick('', '', '', ' ', '\n', '\t');

const TEXT_PIECES = ['a', 'b c', 'Åsa', '😀', ' ', '  ', '\n', '\n    ', '\r\n', '\r', '\t', '\u00A0', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#229;', '&#xE5;', '&#0;', '&#x1F;', '&#9;', '&#13;', '&#xD800;', '&#x;', '&#;', '&nbsp;', '&x;', '&a_1;', '&#000000000000000000000000000000065;', '&#x0000000000000000000000000000041;', '&abcdefghijabcdefghij;', '&abcdefghijabcdefghijk;', '&#-0;', '&#x110000;', '>', ']]>', '"', "'", '?', '/', '=', '-'];
const text = joined(pick(...TEXT_PIECES), 6);
const attributeValue = (quote: string): fc.Arbitrary<string> =>
  joined(pick(...TEXT_PIECES, '<', '& ', '<b>', '>'), 5).map((v) => v.split(quote).join(quote === '"' ? '&quot;' : '&apos;'));
const attribute = fc
  .tuple(WS, ATTRIBUTE_NAME, OPTIONAL_WS, OPTIONAL_WS, pick('"', "'"))
  .chain(([ws, name, before, after, quote]) => attributeValue(quote).map((value) => ({ name, text: `${ws}${name}${before}=${after}${quote}${value}${quote}` })));
const attributes = fc.uniqueArray(attribute, { maxLength: 4, selector: (a) => a.name }).map((list) => list.map((a) => a.text).join(''));
const comment = joined(pick('c', ' ', '<b>', '&', '- ', '\r\n', 'é'), 4).map((c) => `<!--${c}-->`);
const cdata = joined(pick('d', ' ', '<b>', '&amp;', ']', ']]', '\r\n', '\n'), 4).map((c) => `<![CDATA[${c}]]>`);
const processingInstruction = pick('<?pi?>', '<?pi data?>', '<?xml-stylesheet href="a.xsl"?>', '<?p version="1.1"?>', '<?p version="1.0"?>');

function element(depth: number): fc.Arbitrary<string> {
  const child = depth <= 0 ? fc.oneof(text, comment, cdata) : fc.oneof({ weight: 4, arbitrary: text }, { weight: 4, arbitrary: element(depth - 1) }, { weight: 1, arbitrary: comment }, { weight: 1, arbitrary: cdata }, { weight: 1, arbitrary: processingInstruction });
  return fc.tuple(elementName, attributes, fc.option(fc.array(child, { maxLength: 5 }), { freq: 5 }), OPTIONAL_WS, pick('/>', ' />', '/>')).map(([name, attrs, content, closeWs, empty]) =>
    content === null ? `<${name}${attrs}${empty}` : `<${name}${attrs}>${content.join('')}</${name}${closeWs}>`,
  );
}

const DECLARATION = pick('', '', '<?xml version="1.0" encoding="UTF-8"?>\n', '<?xml version="1.1"?>', "<?xml version='1.0' standalone='yes' ?>", '<?xml version="1.0"?>\r\n', '<?xml version="1.10" encoding="utf-8"?>');
const MISC = pick('', '', '\n', '<!-- c -->', ' <!--x--> \n', '\r\n');
const document = fc.tuple(DECLARATION, MISC, element(4), MISC).map((parts) => parts.join(''));

/** Breaks a text: a slice deleted, a fragment inserted, a slice repeated, or the end cut off. */
const FRAGMENTS = ['<', '>', '</', '/>', '<a>', '</a>', '<b/>', 'a', 'x:y', '="v"', " b='1'", ' c', '=', '"', "'", '&', '&amp', '&#x4g;', ';', ' ', '\n', '\r', '<![CDATA[', ']]>', '<!--', '-->', '<?', '?>', '<?xml version="1.0"?>', '<!x', '<!D', '<!DOCTYPE', '<!ENTITY', '\u00A0', '\uFEFF', '\u1680', '\u0001', '\uD800', 'constructor', '__proto__', '#text'];
function broken(text: string): fc.Arbitrary<string> {
  const at = fc.nat({ max: text.length });
  return fc.oneof(
    fc.tuple(at, fc.nat({ max: 8 })).map(([i, n]) => text.slice(0, i) + text.slice(i + n)),
    fc.tuple(at, fc.constantFrom(...FRAGMENTS)).map(([i, f]) => text.slice(0, i) + f + text.slice(i)),
    fc.tuple(at, fc.nat({ max: 12 })).map(([i, n]) => text.slice(0, i + n) + text.slice(i)),
    at.map((i) => text.slice(0, i)),
  );
}
const brokenDocument = document.chain(broken);
const soup = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((p) => p.join(''));

describe('the XML reader reads as parse.ts did with fast-xml-parser (property)', () => {
  it('generated documents (namespaces, attributes, references, CDATA, comments, processing instructions, mixed content, repeated elements, white space): the same data, key order included', () => {
    fc.assert(fc.property(document, expectAsReference), { numRuns: 1500 });
  });

  it('broken documents and random fragments: refused alike (message, line, column), or read alike', () => {
    fc.assert(fc.property(fc.oneof(brokenDocument, soup, fc.string({ unit: 'binary', maxLength: 40 })), expectAsReference), { numRuns: 3000 });
  });

  it('well-formed.ts reports exactly what the validator reports, on any text', () => {
    fc.assert(
      fc.property(fc.oneof(document, brokenDocument, soup), (text) => {
        const check = XMLValidator.validate(text, { allowBooleanAttributes: false });
        const expected = check === true ? undefined : { message: check.err.msg, line: check.err.line, column: check.err.col };
        expect(wellFormednessError(text)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('tree.ts builds exactly what the parser builds, on any text the validator accepts', () => {
    const parsers = { true: new XMLParser(parserOptions(true)), false: new XMLParser(parserOptions(false)) };
    fc.assert(
      fc.property(fc.oneof(document, brokenDocument, soup), fc.boolean(), (text, strip) => {
        if (XMLValidator.validate(text, { allowBooleanAttributes: false }) !== true || text.includes('<!DOCTYPE')) return;
        expect(outcome(() => buildTree(text, strip))).toEqual(outcome(() => parsers[`${strip}`].parse(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('the single pass gives a result only for texts the validator accepts, and then the parser\'s', () => {
    fc.assert(
      fc.property(fc.oneof(document, brokenDocument), fc.boolean(), (text, strip) => {
        const fast = readCommon(text, strip);
        if (fast === undefined) return;
        expect(XMLValidator.validate(text, { allowBooleanAttributes: false })).toBe(true);
        expect(ordered(fast)).toEqual(ordered(new XMLParser(parserOptions(strip)).parse(text)));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the XML reader (examples)', () => {
  const query = soapQuery(fullQuery('198803159824', { generellaFrageparametrar: { fraganSkallInkluderasISvaret: true } }));

  it('takes SOAP requests and plain documents in its single pass, and reads them as the reference', () => {
    const texts = [
      query,
      soapPing(),
      '<?xml version="1.0" encoding="UTF-8"?>\n<a:root xmlns:a="urn:a" xmlns="urn:d" id="1" a:kind="k &amp; l">\n  <item n="1">one &lt;1&gt;</item>\n  <item n="2"/>\n  <a:item>three &#65;&#x42; &quot;q&quot;</a:item>\n  <mixed>text<b>bold</b>tail</mixed>\n  <![CDATA[ <raw> & ]]>\n  <!-- comment -->\n  <toString a="b"/>\n</a:root>',
      '<r>\r\n  <v> a\r\nb </v>\r</r>',
      '<r><e/><e></e><e x="1"/><e>t</e></r>',
      // A CR before a comment and an LF after it are two line ends, not one.
      '<r>aa]]>\r<!--<-->\n    a\r\n</r>',
    ];
    for (const text of texts) {
      expect(readCommon(text, true)).toBeDefined();
      expect(readCommon(text, false)).toBeDefined();
      expectAsReference(text);
    }
  });

  it('keeps numeric references as written, decodes the five predefined entities, and removes references to characters XML forbids', () => {
    expect(parseXml('<a>&#229;&#xE5; &amp;&lt;&gt;&quot;&apos; &nbsp; x&#0;&#x1;&#xD800;y</a>')).toEqual({ a: "&#229;&#xE5; &<>\"' &nbsp; xy" });
    expect(parseXml('<?xml version="1.1"?><a>&#x1;</a>')).toEqual({ a: '&#x1;' });
  });

  it('follows 101 open elements and refuses the 102nd with XmlLimitError (a self-closing one may be the 102nd)', () => {
    const nest = (n: number, inner = ''): string => `${'<a>'.repeat(n)}${inner}${'</a>'.repeat(n)}`;
    for (const text of [nest(101), nest(101, '<b/>'), nest(102), nest(50_000)]) expectAsReference(text);
    expect(() => parseXml(nest(102))).toThrow(XmlLimitError);
    expect(() => parseXmlWithPrefixes(nest(50_000))).toThrow(XmlLimitError);
    expect(parseXml(nest(101, '<b/>'))).toBeDefined();
  });

  it('refuses texts nested deeper still, or left open, as the validator did, with its message', () => {
    expectAsReference('<a>'.repeat(20_000));
    expectAsReference(`${'<a>'.repeat(20_000)}</b>`);
  });

  it('stays linear on hostile texts: many attributes, quotes the parser\'s pattern would rescan, long runs of references and white space', () => {
    const many = `<t ${Array.from({ length: 5000 }, (_, i) => `a${i}="${i}"`).join(' ')}/>`;
    const quotes = `<t x='${' a =" '.repeat(20_000)}'/>`;
    const refs = `<t>${'&amp;'.repeat(50_000)}&#;${'&x'.repeat(1000)}</t>`;
    const spaces = `<t${' '.repeat(100_000)}a="1"${' '.repeat(100_000)}/>`;
    for (const text of [many, quotes, refs, spaces, `<t>${'<!---->'.repeat(20_000)}</t>`, `<t>${'<![CDATA[x]]>'.repeat(20_000)}</t>`]) expectAsReference(text);
  });

  it('refuses a DOCTYPE the early check cannot see but the parser would read (the reference expanded its entities): the one difference kept', () => {
    const text = '<a b="<!--"><!DOCTYPE x [<!ENTITY e "hi">]>&e;--></a>';
    expect(referenceParse(text, true)).toEqual({ a: { '#text': 'hi-->', '@_b': '<!--' } });
    expect(() => parseXml(text)).toThrow(XmlDoctypeError);
    expect(() => parseXml(text)).toThrow(expect.objectContaining({ line: 1, column: 13 }) as Error);
  });

  it("isJsSpace is JavaScript's \\s, for every code unit", () => {
    for (let c = 0; c <= 0xffff; c++) expect(isJsSpace(c), `U+${c.toString(16)}`).toBe(/\s/.test(String.fromCharCode(c)));
  });
});
