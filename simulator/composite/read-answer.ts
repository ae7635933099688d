import { SOURCES } from '../base-services/registry.ts';
import { contracts } from '../contracts/registry.ts';
import { isSourceCode, SOURCE_CODES, type SourceCode } from '../domain/sources.ts';
import type { SourceFailure } from '../faults/soap-fault.ts';
import {
  childElements,
  parseXmlWithPrefixes,
  stripPrefixes,
  XmlSyntaxError,
  type ResolvedElement,
  type XmlValue,
} from '../xml/parse.ts';
import { readXml, XmlShapeError } from '../xml/schema-codec.ts';
import type { CompiledAnswer, PingAnswer } from './answer-types.ts';
import type { SourceResult } from './fan-out.ts';
import { SOAP11_NS, SSBT_NS } from './namespaces.ts';
import type { Query } from './query-types.ts';

/** A SOAP Fault of either operation: the contract's detail, with the envelope's faultcode and faultstring. */
export interface ReadFault {
  felkod: string;
  felmeddelande: string[];
  faultcode?: string;
  faultstring?: string;
}

/** What a SOAP answer of SSBTEK v10 holds, in the canonical JSON of contracts/composite/. */
export type ReadAnswer =
  | { kind: 'answer'; answer: CompiledAnswer }
  | { kind: 'ping'; ping: PingAnswer }
  | { kind: 'fault'; fault: ReadFault };

/** Thrown when a text is not a readable SSBTEK v10 SOAP answer; `path` says where (e.g. /svarsdata/CSN/data). */
export class AnswerReadError extends Error {
  constructor(
    message: string,
    readonly path: string = '/',
  ) {
    super(path === '/' ? message : `${path}: ${message}`);
    this.name = 'AnswerReadError';
  }
}

function textOf(node: XmlValue | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return undefined;
  const t = node['#text'];
  if (typeof t === 'string') return t;
  return Object.keys(node).some((k) => !k.startsWith('@_')) ? undefined : '';
}

function one(
  children: ResolvedElement[],
  local: string,
  path: string,
  namespace?: string,
): ResolvedElement | undefined {
  const found = children.filter(
    (c) => c.local === local && (namespace === undefined || c.namespace === namespace),
  );
  if (found.length > 1)
    throw new AnswerReadError(
      `${local} occurs ${found.length} times, at most once allowed`,
      `${path}/${local}`,
    );
  return found[0];
}

function read<T>(schemaPath: string, node: XmlValue, path: string): T {
  const registry = contracts();
  try {
    return readXml(registry.schema(schemaPath), stripPrefixes(node), registry.resolve, path) as T;
  } catch (e) {
    if (e instanceof XmlShapeError) throw new AnswerReadError(e.message.slice(e.path.length + 2), e.path);
    throw new AnswerReadError(e instanceof Error ? e.message : String(e), path);
  }
}

function base64(text: string, path: string): string {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0)
    throw new AnswerReadError('is not base64', path);
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** The text of the one child element `name` of a data element (prefixes stripped). */
function dataText(data: XmlValue, name: string, path: string): string {
  const node = typeof data === 'object' && !Array.isArray(data) ? data[name] : undefined;
  const text = textOf(node);
  if (text === undefined) throw new AnswerReadError(`has no ${name} element holding text`, path);
  return text;
}

/**
 * One source's data element decoded into the canonical JSON of its schema: for the XML sources the
 * children of <ssbt:data> are the content of the payload's root element; CSN's <ssbt:svar> is its
 * document in base64, FK's <ssbt:lefiJsonSvar> LEFI's JSON in base64, SKV's <svar> its document as text.
 */
export function decodeSourceData(
  code: SourceCode,
  data: XmlValue,
  path = `/svarsdata/${code}/data`,
): unknown {
  const source = SOURCES[code];
  const stripped = stripPrefixes(data);
  const fromDocument = (text: string, where: string): unknown => {
    try {
      return source.fromDocument(text);
    } catch (e) {
      throw new AnswerReadError(`cannot be read: ${e instanceof Error ? e.message : String(e)}`, where);
    }
  };
  switch (code) {
    case 'CSN':
      return fromDocument(base64(dataText(stripped, 'svar', path), `${path}/svar`), `${path}/svar`);
    case 'FK':
      return fromDocument(
        base64(dataText(stripped, 'lefiJsonSvar', path), `${path}/lefiJsonSvar`),
        `${path}/lefiJsonSvar`,
      );
    case 'SKV':
      return fromDocument(dataText(stripped, 'svar', path), `${path}/svar`);
    default:
      return read(source.schemaPath, data, path);
  }
}

function readSourceResult(code: SourceCode, element: ResolvedElement): SourceResult {
  const path = `/svarsdata/${code}`;
  const children = childElements(element.node, element.scope);
  const data = one(children, 'data', path, SSBT_NS);
  const error = one(children, 'error', path, SSBT_NS);
  if ((data === undefined) === (error === undefined))
    throw new AnswerReadError('must hold exactly one of ssbt:data and ssbt:error', path);
  if (error !== undefined)
    return { error: read<SourceFailure>('composite/error.schema.json', error.node, `${path}/error`) };
  return { data: decodeSourceData(code, (data as ResolvedElement).node) };
}

/** The sources of svarsdata (or of the ping's answer), each once, in the contract's order. */
function bySource<T>(
  parent: ResolvedElement,
  path: string,
  readOne: (code: SourceCode, e: ResolvedElement) => T,
): Partial<Record<SourceCode, T>> {
  const found = new Map<SourceCode, ResolvedElement>();
  for (const child of childElements(parent.node, parent.scope)) {
    if (child.namespace !== SSBT_NS || !isSourceCode(child.local)) {
      throw new AnswerReadError(
        `{${child.namespace}}${child.local} is not a source of the contract`,
        `${path}/${child.local}`,
      );
    }
    if (found.has(child.local)) throw new AnswerReadError('occurs more than once', `${path}/${child.local}`);
    found.set(child.local, child);
  }
  const out: Partial<Record<SourceCode, T>> = {};
  for (const code of SOURCE_CODES) {
    const e = found.get(code);
    if (e !== undefined) out[code] = readOne(code, e);
  }
  return out;
}

function readHamta(response: ResolvedElement): CompiledAnswer {
  const children = childElements(response.node, response.scope);
  const answer: CompiledAnswer = { svarsdata: {} };
  const fraga = one(children, 'fraga', '', SSBT_NS);
  if (fraga !== undefined) answer.fraga = read<Query>('composite/query.schema.json', fraga.node, '/fraga');
  for (const name of ['frageTidpunkt', 'korrelationsid'] as const) {
    const el = one(children, name, '', SSBT_NS);
    if (el === undefined) continue;
    const text = textOf(el.node);
    if (text === undefined) throw new AnswerReadError('holds elements, not text', `/${name}`);
    answer[name] = text;
  }
  const svarsdata = one(children, 'svarsdata', '', SSBT_NS);
  if (svarsdata === undefined) throw new AnswerReadError('the answer has no ssbt:svarsdata', '/svarsdata');
  answer.svarsdata = bySource(svarsdata, '/svarsdata', readSourceResult);
  return answer;
}

function readPing(response: ResolvedElement): PingAnswer {
  bySource(response, '', () => true);
  return read<PingAnswer>('composite/ping-answer.schema.json', response.node, '');
}

function readFault(fault: ResolvedElement): ReadFault {
  const children = childElements(fault.node, fault.scope);
  const detail = one(children, 'detail', '/Fault');
  const inner = detail === undefined ? [] : childElements(detail.node, detail.scope);
  const element = inner.find(
    (c) => c.namespace === SSBT_NS && /^(hamta|testa)BastjanstInformationFault$/.test(c.local),
  );
  if (element === undefined)
    throw new AnswerReadError(
      'the Fault has no detail holding ssbt:hamtaBastjanstInformationFault or ssbt:testaBastjanstInformationFault',
      '/Fault/detail',
    );
  const out: ReadFault = read<ReadFault>(
    'composite/fault.schema.json',
    element.node,
    `/Fault/detail/${element.local}`,
  );
  if (typeof out.felkod !== 'string' || !Array.isArray(out.felmeddelande)) {
    throw new AnswerReadError('needs felkod and felmeddelande', `/Fault/detail/${element.local}`);
  }
  const faultcode = textOf(one(children, 'faultcode', '/Fault')?.node);
  const faultstring = textOf(one(children, 'faultstring', '/Fault')?.node);
  if (faultcode !== undefined) out.faultcode = faultcode.trim();
  if (faultstring !== undefined) out.faultstring = faultstring;
  return out;
}

/**
 * Reads a SOAP 1.1 answer of SSBTEK v10 (as /ssbtek/v10 answers it) back into canonical JSON: the
 * compiled answer with every source's data decoded into its own schema's JSON, exactly what the JSON
 * API answers; the ping's answer; or a Fault's felkod and felmeddelande. Namespace-aware (any
 * prefixes). Pure; throws AnswerReadError saying what and where when the text cannot be read.
 */
export function readAnswerEnvelope(xml: string): ReadAnswer {
  let doc;
  try {
    doc = parseXmlWithPrefixes(xml);
  } catch (e) {
    if (e instanceof XmlSyntaxError) {
      const where = e.line === undefined ? '' : ` (line ${e.line}, column ${e.column ?? '?'})`;
      throw new AnswerReadError(`the text is not well-formed XML${where}: ${e.message}`);
    }
    throw e;
  }
  const roots = childElements(doc, {});
  const envelope = roots[0];
  if (
    roots.length !== 1 ||
    envelope === undefined ||
    envelope.local !== 'Envelope' ||
    envelope.namespace !== SOAP11_NS
  ) {
    throw new AnswerReadError(`the root element must be a SOAP 1.1 Envelope (namespace ${SOAP11_NS})`);
  }
  const bodies = childElements(envelope.node, envelope.scope).filter(
    (c) => c.local === 'Body' && c.namespace === SOAP11_NS,
  );
  const body = bodies[0];
  if (bodies.length !== 1 || body === undefined)
    throw new AnswerReadError('the Envelope must hold exactly one soap:Body');
  const inBody = childElements(body.node, body.scope);
  const first = inBody[0];
  if (inBody.length !== 1 || first === undefined)
    throw new AnswerReadError(`soap:Body must hold exactly one element, holds ${inBody.length}`);
  if (first.namespace === SOAP11_NS && first.local === 'Fault')
    return { kind: 'fault', fault: readFault(first) };
  if (first.namespace === SSBT_NS && first.local === 'hamtaBastjanstInformationResponse')
    return { kind: 'answer', answer: readHamta(first) };
  if (first.namespace === SSBT_NS && first.local === 'testaBastjanstInformationResponse')
    return { kind: 'ping', ping: readPing(first) };
  throw new AnswerReadError(
    `soap:Body holds {${first.namespace}}${first.local}: neither an answer of SSBTEK v10 nor a Fault`,
  );
}
