import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { contracts } from '../../simulator/contracts/registry.ts';
import { parserOptions, parseXml, parseXmlWithPrefixes } from '../../simulator/xml/parse.ts';
import { writeXml } from '../../simulator/xml/schema-codec.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapQuery } from '../support/queries.ts';

// parse.ts builds its parsers with `jPath: false` (issue 7): the parser then passes its matcher to the
// callbacks instead of a path string it would build for every element, text and attribute. No callback
// is set, so what is read must be exactly what the parser with its default (`jPath: true`) reads.

function withJPath(removeNSPrefix: boolean): XMLParser {
  return new XMLParser({ ...parserOptions(removeNSPrefix), jPath: true });
}

const DOCUMENTS = [
  soapQuery(fullQuery('198803159824', { generellaFrageparametrar: { fraganSkallInkluderasISvaret: true } })),
  `<?xml version="1.0" encoding="UTF-8"?>
<a:root xmlns:a="urn:a" xmlns="urn:d" id="1" a:kind="k &amp; l">
  <item n="1">one &lt;1&gt;</item>
  <item n="2"/>
  <a:item>three &#65;&#x42; &quot;q&quot;</a:item>
  <mixed>text<b>bold</b>tail</mixed>
  <![CDATA[ <raw> & ]]>
  <!-- comment -->
  <nil xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>
  <toString a="b"/>
</a:root>`,
  '<root><constructor>x</constructor></root>',
  '<root><a><b><c/></b></a></root>',
];

/** The value read, or the message of what was thrown. */
function outcome(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

describe('parse.ts with jPath: false reads what the parser reads by default', () => {
  it('SOAP queries, a hand-written document with namespaces, attributes, entities, CDATA, comments', () => {
    for (const text of DOCUMENTS) {
      expect(outcome(() => parseXml(text))).toEqual(outcome(() => withJPath(true).parse(text)));
      expect(outcome(() => parseXmlWithPrefixes(text))).toEqual(outcome(() => withJPath(false).parse(text)));
    }
  });

  it('a document written from a contract schema', () => {
    const registry = contracts();
    const schema = registry.schema('composite/query.schema.json');
    const text = writeXml(schema, fullQuery('198803159824'), registry.resolve);
    expect(parseXml(text)).toEqual(withJPath(true).parse(text));
    expect(parseXmlWithPrefixes(text)).toEqual(withJPath(false).parse(text));
  });
});
