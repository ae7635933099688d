/**
 * Each source's document inside SSBTEK's answer, read as a plain tree (element local names, `@name`
 * for attributes, `#text` for the text beside attributes; LEFI's JSON as it is), and what the harness
 * reads from it: whether it is the source's "no data" answer, whether it marks a protected identity,
 * and the value at a path (for a case's wantValues). The rules are those of docs/sources/*.md.
 */
import { XMLParser } from 'fast-xml-parser';
import type { SourceCode } from '../../simulator/domain/sources.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  textNodeName: '#text',
  processEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Parses an XML text into a tree (namespace prefixes removed). */
export function parseXmlTree(text: string): Record<string, unknown> {
  const tree: unknown = parser.parse(text);
  if (tree === null || typeof tree !== 'object') throw new Error('not an XML document');
  return tree as Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A child by name (every item of a repeated element). */
export function children(node: unknown, name: string): unknown[] {
  const v = isObject(node) ? node[name] : undefined;
  return v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v];
}

/** The first child of that name, or undefined. */
export function child(node: unknown, name: string): unknown {
  return children(node, name)[0];
}

/** The text of a leaf: an element's text, an attribute, a JSON string, number or boolean. */
export function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObject(v) && '#text' in v) return textOf(v['#text']);
  if (isObject(v) && Object.keys(v).every((k) => k.startsWith('@'))) return '';
  return undefined;
}

/** The content of a document's root element. */
function rootContent(tree: Record<string, unknown>): unknown {
  const names = Object.keys(tree).filter((k) => !k.startsWith('@') && k !== '#text');
  if (names.length !== 1) throw new Error('the document must have one root element');
  return tree[names[0] as string];
}

function decodeBase64(v: unknown, what: string): string {
  const text = textOf(v);
  if (text === undefined || text === '') throw new Error(`${what} is missing`);
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/**
 * The source's own document from the content of its `data` element: AF, SO, TNS and MIV are the
 * elements themselves; CSN's `svar` is a base64 CSNSvar document, FK's `lefiJsonSvar` base64 LEFI
 * JSON, SKV's `svar` the taxation document as text.
 */
export function sourceDocument(code: SourceCode, data: unknown): unknown {
  switch (code) {
    case 'CSN':
      return rootContent(parseXmlTree(decodeBase64(child(data, 'svar'), 'CSN/data/svar')));
    case 'FK':
      return JSON.parse(decodeBase64(child(data, 'lefiJsonSvar'), 'FK/data/lefiJsonSvar')) as unknown;
    case 'SKV': {
      const text = textOf(child(data, 'svar'));
      if (text === undefined || text === '') throw new Error('SKV/data/svar is missing');
      return rootContent(parseXmlTree(text));
    }
    default:
      return data;
  }
}

function lefiListsEmpty(doc: unknown): boolean {
  const fi = isObject(doc) ? doc.formansinformation : undefined;
  const lists = [...(isObject(fi) ? Object.values(fi) : [])];
  if (isObject(doc))
    for (const k of ['ansprak', 'beslut', 'preliminaraUtbetalningar', 'utbetalningar', 'ovrigInformation'])
      lists.push(doc[k]);
  return lists.every((l) => !Array.isArray(l) || l.length === 0);
}

/**
 * True when the document is the source's own "no data" answer: AF status code 1 (or no
 * ArbetssokandeInfo), CSN no Person or every Person "Ej träff", LEFI every list empty, SKV every
 * Personuppgift status 100, SO an empty ArbetsloshetsersattningLista, TNS no fordon, MIV no
 * svarCollection.
 */
export function isNoData(code: SourceCode, doc: unknown): boolean {
  switch (code) {
    case 'AF': {
      const svar = child(doc, 'Svar');
      return (
        textOf(child(svar, 'StatusSokandeinformationKod')) === '1' ||
        child(svar, 'ArbetssokandeInfo') === undefined
      );
    }
    case 'CSN':
      return children(child(doc, 'Personer'), 'Person').every(
        (p) => textOf(child(p, '@Status'))?.trim() === 'Ej träff',
      );
    case 'FK':
      return lefiListsEmpty(doc);
    case 'SKV':
      return children(child(doc, 'PersonuppgiftLista'), 'Personuppgift').every(
        (p) => textOf(child(p, 'StatusPersonuppgiftKod')) === '100',
      );
    case 'SO':
      return children(child(doc, 'ArbetsloshetsersattningLista'), 'Arbetsloshetsersattning').length === 0;
    case 'TNS':
      return children(child(doc, 'fordonsinnehav'), 'fordon').length === 0;
    case 'MIV':
      return child(child(doc, 'response'), 'svarCollection') === undefined;
  }
}

/**
 * True when the document marks a protected identity the way its source does: AF
 * Svar/Sekretessmarkering true, CSN a non-blank Person/@sekretess, LEFI
 * generellPersoninformation[0].skyddad, SKV StatusPersonuppgiftKod 200. SO, TNS and MIV have no mark.
 */
export function marksProtected(code: SourceCode, doc: unknown): boolean {
  switch (code) {
    case 'AF':
      return textOf(child(child(doc, 'Svar'), 'Sekretessmarkering')) === 'true';
    case 'CSN':
      return children(child(doc, 'Personer'), 'Person').some(
        (p) => (textOf(child(p, '@sekretess')) ?? '').trim() !== '',
      );
    case 'FK': {
      const info = child(isObject(doc) ? doc.formansinformation : undefined, 'generellPersoninformation');
      return isObject(info) && info.skyddad === true;
    }
    case 'SKV':
      return children(child(doc, 'PersonuppgiftLista'), 'Personuppgift').some(
        (p) => textOf(child(p, 'StatusPersonuppgiftKod')) === '200',
      );
    default:
      return false;
  }
}

/** The value at a path of names (first item of anything repeated), as text; undefined when absent or not a leaf. */
export function valueAt(doc: unknown, path: readonly string[]): string | undefined {
  let node: unknown = doc;
  for (const name of path) {
    node = child(node, name);
    if (node === undefined) return undefined;
  }
  return textOf(Array.isArray(node) ? (node as unknown[])[0] : node);
}
