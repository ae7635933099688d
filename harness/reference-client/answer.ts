/**
 * Reads SSBTEK's answer: per source, did it answer with information (data), with its own "no
 * information" answer (nodata), or not at all (error)? And does any source mark a protected identity?
 *
 * The three must never be confused: "no data" is a fact about the person ("not registered at
 * Arbetsförmedlingen"); an error says nothing about the person, and the caseworker must be told the
 * source is missing, not that the person has nothing there.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Defect } from './defects.ts';
import { SOURCE_CODES, type SourceCode } from './query.ts';

/** What one source gave. `document` is the source's own document, read as a plain tree. */
export type SourceResult =
  | { status: 'data' | 'nodata'; protected: boolean; document: unknown }
  | { status: 'error'; kalla?: string; felkod?: string; felmeddelande?: string };

/** The whole request failed (a SOAP Fault): felkod and message from the fault's detail. */
export interface Fault {
  felkod?: string;
  felmeddelande?: string;
}

// Namespace prefixes are dropped (a source may use any prefix), attributes are kept as "@name",
// and every value stays text: "0" and "true" are read as what they are below, where it matters.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  textNodeName: '#text',
  ignoreDeclaration: true,
});

type Tree = unknown;

function isObject(v: Tree): v is Record<string, Tree> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** All children of that name (an element that occurs once is not an array in the tree). */
function all(node: Tree, name: string): Tree[] {
  const v = isObject(node) ? node[name] : undefined;
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** The first child of that name. */
function one(node: Tree, name: string): Tree {
  return all(node, name)[0];
}

/** The text of an element or attribute (an element with attributes keeps its text under #text). */
function text(v: Tree): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObject(v) && '#text' in v) return text(v['#text']);
  return undefined;
}

function parse(xml: string): Record<string, Tree> {
  return parser.parse(xml) as Record<string, Tree>;
}

/** The content of a document's (only) root element. */
function root(xml: string): Tree {
  const doc = parse(xml);
  const name = Object.keys(doc).find((k) => !k.startsWith('@'));
  return name === undefined ? undefined : doc[name];
}

function fromBase64(v: Tree): string {
  return Buffer.from((text(v) ?? '').replace(/\s+/g, ''), 'base64').toString('utf8');
}

/**
 * Each source's own document out of its <data> element: CSN sends its CSNSvar document in base64,
 * FK (LEFI) its JSON in base64, Skatteverket its document as text; the others are plain elements.
 */
function documentOf(code: SourceCode, data: Tree): Tree {
  if (code === 'CSN') return root(fromBase64(one(data, 'svar')));
  if (code === 'FK') return JSON.parse(fromBase64(one(data, 'lefiJsonSvar'))) as Tree;
  if (code === 'SKV') return root(text(one(data, 'svar')) ?? '');
  return data;
}

/** LEFI answers every asked list; the person is unknown to FK when all of them are empty. */
function allListsEmpty(lefi: Tree): boolean {
  if (!isObject(lefi)) return true;
  const fi = lefi.formansinformation;
  const lists = [
    ...(isObject(fi) ? Object.values(fi) : []),
    lefi.ansprak,
    lefi.beslut,
    lefi.preliminaraUtbetalningar,
    lefi.utbetalningar,
    lefi.ovrigInformation,
  ];
  return lists.every((l) => !Array.isArray(l) || l.length === 0);
}

/** Each source's own way of saying "we have nothing on this person" (docs/sources/*.md). */
export function isNoData(code: SourceCode, doc: Tree): boolean {
  switch (code) {
    case 'AF': // status code 1: not registered as a job seeker; no ArbetssokandeInfo
      return (
        text(one(one(doc, 'Svar'), 'StatusSokandeinformationKod')) === '1' ||
        one(one(doc, 'Svar'), 'ArbetssokandeInfo') === undefined
      );
    case 'CSN': // every Person "Ej träff" (or no Person at all, as for a samordningsnummer)
      return all(one(doc, 'Personer'), 'Person').every((p) => text(one(p, '@Status'))?.trim() === 'Ej träff');
    case 'FK': // LEFI: every list empty
      return allListsEmpty(doc);
    case 'SKV': // StatusPersonuppgiftKod 100: not in the taxation records
      return all(one(doc, 'PersonuppgiftLista'), 'Personuppgift').every(
        (p) => text(one(p, 'StatusPersonuppgiftKod')) === '100',
      );
    case 'SO': // no unemployment fund has anything
      return all(one(doc, 'ArbetsloshetsersattningLista'), 'Arbetsloshetsersattning').length === 0;
    case 'TNS': // no vehicles
      return all(one(doc, 'fordonsinnehav'), 'fordon').length === 0;
    case 'MIV': // no svarCollection: no permit case
      return one(one(doc, 'response'), 'svarCollection') === undefined;
  }
}

/** Each source's own mark of a protected identity (sekretessmarkering). SO, TNS and MIV have none. */
export function marksProtected(code: SourceCode, doc: Tree): boolean {
  switch (code) {
    case 'AF':
      return text(one(one(doc, 'Svar'), 'Sekretessmarkering')) === 'true';
    case 'CSN': // the sekretess attribute: blank or absent for none
      return all(one(doc, 'Personer'), 'Person').some(
        (p) => (text(one(p, '@sekretess')) ?? '').trim() !== '',
      );
    case 'FK': {
      const fi = isObject(doc) ? doc.formansinformation : undefined;
      return all(fi, 'generellPersoninformation').some((p) => isObject(p) && p.skyddad === true);
    }
    case 'SKV': // status 200: Skatteverket withholds the data of a protected person
      return all(one(doc, 'PersonuppgiftLista'), 'Personuppgift').some(
        (p) => text(one(p, 'StatusPersonuppgiftKod')) === '200',
      );
    default:
      return false;
  }
}

/** One source's part of the answer: its <error>, or its <data> read and classified. */
function readSource(code: SourceCode, element: Tree, defect: Defect | undefined): SourceResult {
  const error = one(element, 'error');
  if (error !== undefined) {
    // DEFECT(errors-as-nodata): a source that gave no answer is read as "no data".
    if (defect === 'errors-as-nodata') return { status: 'nodata', protected: false, document: undefined };
    const result: SourceResult = { status: 'error' };
    const kalla = text(one(error, 'kalla'));
    const felkod = text(one(error, 'felkod'));
    const felmeddelande = all(error, 'felmeddelande').map(text).join(' ');
    if (kalla !== undefined) result.kalla = kalla;
    if (felkod !== undefined) result.felkod = felkod;
    if (felmeddelande !== '') result.felmeddelande = felmeddelande;
    return result;
  }
  try {
    const document = documentOf(code, one(element, 'data'));
    return {
      status: isNoData(code, document) ? 'nodata' : 'data',
      protected: marksProtected(code, document),
      document,
    };
  } catch (e) {
    // A document we cannot read is no answer: never guess "no data".
    return {
      status: 'error',
      felmeddelande: `the client could not read ${code}'s document: ${(e as Error).message}`,
    };
  }
}

/** Reads a hamtaBastjanstInformationResponse: the sources it holds, by code. */
export function readAnswer(xml: string, defect?: Defect): Partial<Record<SourceCode, SourceResult>> {
  const body = one(one(parse(xml), 'Envelope'), 'Body');
  const svarsdata = one(one(body, 'hamtaBastjanstInformationResponse'), 'svarsdata');
  if (svarsdata === undefined) throw new Error('the answer has no svarsdata');
  const results: Partial<Record<SourceCode, SourceResult>> = {};
  for (const code of SOURCE_CODES) {
    const element = one(svarsdata, code);
    if (element !== undefined) results[code] = readSource(code, element, defect);
  }
  return results;
}

/** Reads a SOAP Fault's detail (hamtaBastjanstInformationFault{felkod, felmeddelande}), as far as it goes. */
export function readFault(xml: string): Fault {
  try {
    const fault = one(one(one(parse(xml), 'Envelope'), 'Body'), 'Fault');
    const detail = one(one(fault, 'detail'), 'hamtaBastjanstInformationFault');
    const out: Fault = {};
    const felkod = text(one(detail, 'felkod'));
    const felmeddelande = all(detail, 'felmeddelande').map(text).join(' ') || text(one(fault, 'faultstring'));
    if (felkod !== undefined) out.felkod = felkod;
    if (felmeddelande !== undefined && felmeddelande !== '') out.felmeddelande = felmeddelande;
    return out;
  } catch {
    return {};
  }
}

/**
 * A value in a source's document by a path of names, e.g. ["Svar", "StatusSokandeinformationKod"]
 * (element local names, "@name" for an attribute, LEFI's JSON property names for FK); the first
 * item of anything repeated. Undefined when it is not there.
 */
export function valueAt(doc: Tree, path: readonly string[]): string | undefined {
  let node: Tree = doc;
  for (const name of path) {
    node = one(node, name);
    if (node === undefined) return undefined;
  }
  return text(node);
}
