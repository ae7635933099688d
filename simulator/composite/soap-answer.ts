import { contracts } from '../contracts/registry.ts';
import { LruCache } from '../domain/lru.ts';
import { SOURCE_CODES } from '../domain/sources.ts';
import type { SourceModule } from '../base-services/types.ts';
import { escapeXml } from '../xml/escape.ts';
import { writeXmlContent } from '../xml/schema-codec.ts';
import type { SourceFailure } from '../faults/soap-fault.ts';
import type { CompiledAnswer, PingAnswer } from './answer-types.ts';
import type { SourceOutcome } from './fan-out.ts';
import { SOAP11_NS, SSBT_NS } from './namespaces.ts';
import type { Query } from './query-types.ts';
import type { SourceCode } from '../domain/sources.ts';

const ENVELOPE_HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="${SOAP11_NS}">
  <soap:Body>
`;
const ENVELOPE_TAIL = `  </soap:Body>
</soap:Envelope>
`;

function envelope(body: string): string {
  return `${ENVELOPE_HEAD}${body}\n${ENVELOPE_TAIL}`;
}

function errorXml(e: SourceFailure, indent: string): string {
  const msgs = e.felmeddelande.map((m) => `${indent}  <ssbt:felmeddelande>${escapeXml(m)}</ssbt:felmeddelande>`).join('\n');
  return `${indent}<ssbt:error>
${indent}  <ssbt:kalla>${e.kalla}</ssbt:kalla>
${indent}  <ssbt:felkod>${escapeXml(e.felkod)}</ssbt:felkod>
${msgs}
${indent}</ssbt:error>`;
}

/** The query as echoed in the answer's `fraga` (FK's lefiJsonFraga always as base64 text). */
function echoXml(query: Query, indent: string): string {
  const registry = contracts();
  const fraga = query.specifikaFrageparametrar.FK.fraga;
  const asSent =
    fraga !== undefined && typeof fraga.lefiJsonFraga !== 'string'
      ? {
          ...query,
          specifikaFrageparametrar: {
            ...query.specifikaFrageparametrar,
            FK: { ...query.specifikaFrageparametrar.FK, fraga: { ...fraga, lefiJsonFraga: Buffer.from(JSON.stringify(fraga.lefiJsonFraga)).toString('base64') } },
          },
        }
      : query;
  return writeXmlContent(registry.schema('composite/query.schema.json'), asSent as unknown as Record<string, unknown>, registry.resolve, indent);
}

/** What an envelope is made of: text, and the remembered bytes of sources' data (see sourceData). */
type Chunk = string | Buffer;

/** The chunks in one buffer: one allocation, each text encoded once, each remembered part copied. */
function joinChunks(chunks: readonly Chunk[]): Buffer {
  let length = 0;
  for (const c of chunks) length += typeof c === 'string' ? Buffer.byteLength(c, 'utf8') : c.length;
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (const c of chunks) at += typeof c === 'string' ? out.write(c, at, 'utf8') : c.copy(out, at);
  return out;
}

/**
 * The SOAP 1.1 envelope of a compiled answer, sources in contract order, as UTF-8 bytes. `documents`
 * are the answer documents as the base services sent them (SourceOutcome.document): a source whose
 * data carries its document (FK, CSN, SKV) embeds that text as received, without writing the document
 * again. The envelope is written straight into one buffer: the sources' data (most of an answer) is
 * remembered as bytes per payload or document, so an answer costs little more than its copy (issue 7).
 */
export function answerEnvelopeBytes(answer: CompiledAnswer, modules: Record<SourceCode, SourceModule>, documents: Partial<Record<SourceCode, string>> = {}): Buffer {
  const i = '      ';
  const chunks: Chunk[] = [ENVELOPE_HEAD, `    <ssbt:hamtaBastjanstInformationResponse xmlns:ssbt="${SSBT_NS}">\n`];
  if (answer.fraga !== undefined) chunks.push(`${i}<ssbt:fraga>\n${echoXml(answer.fraga, `${i}  `)}\n${i}</ssbt:fraga>\n`);
  if (answer.frageTidpunkt !== undefined) chunks.push(`${i}<ssbt:frageTidpunkt>${escapeXml(answer.frageTidpunkt)}</ssbt:frageTidpunkt>\n`);
  if (answer.korrelationsid !== undefined) chunks.push(`${i}<ssbt:korrelationsid>${escapeXml(answer.korrelationsid)}</ssbt:korrelationsid>\n`);
  let any = false;
  for (const code of SOURCE_CODES) {
    const result = answer.svarsdata[code];
    if (result === undefined) continue;
    chunks.push(any ? `\n${i}  <ssbt:${code}>\n` : `${i}<ssbt:svarsdata>\n${i}  <ssbt:${code}>\n`);
    any = true;
    if ('data' in result) chunks.push(`${i}    <ssbt:data>\n`, sourceData(modules[code], result.data, documents[code], `${i}      `), `\n${i}    </ssbt:data>`);
    else chunks.push(errorXml(result.error, `${i}    `));
    chunks.push(`\n${i}  </ssbt:${code}>`);
  }
  chunks.push(any ? `\n${i}</ssbt:svarsdata>\n` : `${i}<ssbt:svarsdata/>\n`, `    </ssbt:hamtaBastjanstInformationResponse>\n`, ENVELOPE_TAIL);
  return joinChunks(chunks);
}

/** answerEnvelopeBytes as text. */
export function answerEnvelope(answer: CompiledAnswer, modules: Record<SourceCode, SourceModule>, documents: Partial<Record<SourceCode, string>> = {}): string {
  return answerEnvelopeBytes(answer, modules, documents).toString('utf8');
}

/** The longest received document whose data is remembered, and how many are remembered per source. */
const DOCUMENT_MEMO_MAX_CHARS = 64 * 1024;
const DOCUMENT_MEMO_SIZE = 24;

/**
 * The content of a source's `<ssbt:data>` as bytes: from the received document when the source carries
 * it, else written from the payload. Both are pure functions of their input, so the bytes are
 * remembered: per received document text (the last 24 per source and indent, each up to 64 K
 * characters: the text is the very string the read memo in fan-out.ts looked up, so its hash is
 * already known) and per frozen payload (a remembered read, see readSourceDocument) and indent.
 */
function sourceData(module: SourceModule, data: unknown, document: string | undefined, indent: string): Chunk {
  if (document !== undefined && module.soapDataOfDocument !== undefined) {
    if (document.length > DOCUMENT_MEMO_MAX_CHARS) return module.soapDataOfDocument(document, indent);
    let byIndent = ofDocuments.get(module);
    if (byIndent === undefined) ofDocuments.set(module, (byIndent = new Map<string, LruCache<string, Buffer>>()));
    let memo = byIndent.get(indent);
    if (memo === undefined) byIndent.set(indent, (memo = new LruCache(DOCUMENT_MEMO_SIZE)));
    return memo.getOrCreate(document, () => Buffer.from(module.soapDataOfDocument?.(document, indent) ?? '', 'utf8'));
  }
  if (data === null || typeof data !== 'object' || !Object.isFrozen(data)) return module.soapData(data, indent);
  let byPayload = written.get(module);
  if (byPayload === undefined) written.set(module, (byPayload = new WeakMap()));
  let byIndent = byPayload.get(data);
  if (byIndent === undefined) byPayload.set(data, (byIndent = new Map<string, Buffer>()));
  let bytes = byIndent.get(indent);
  if (bytes === undefined) byIndent.set(indent, (bytes = Buffer.from(module.soapData(data, indent), 'utf8')));
  return bytes;
}

/** The `<ssbt:data>` content written for frozen payloads, per source module, payload and indent. */
const written = new WeakMap<SourceModule, WeakMap<object, Map<string, Buffer>>>();
/** The `<ssbt:data>` content of received documents, per source module, indent and document text. */
const ofDocuments = new WeakMap<SourceModule, Map<string, LruCache<string, Buffer>>>();

/** The received answer documents of the sources that answered with data (see SourceOutcome.document). */
export function receivedDocuments(outcomes: readonly SourceOutcome[]): Partial<Record<SourceCode, string>> {
  const out: Partial<Record<SourceCode, string>> = {};
  for (const o of outcomes) if (o.document !== undefined) out[o.code] = o.document;
  return out;
}

/** The SOAP 1.1 envelope of the ping's answer. */
export function pingEnvelope(ping: PingAnswer): string {
  const i = '      ';
  const parts: string[] = [];
  for (const code of SOURCE_CODES) {
    const t = ping[code];
    if (t === undefined) continue;
    const err = t.error === undefined ? '' : `\n${errorXml(t.error, `${i}  `)}`;
    parts.push(`${i}<ssbt:${code}>\n${i}  <ssbt:anropad>${t.anropad}</ssbt:anropad>${err}\n${i}</ssbt:${code}>`);
  }
  const tag = 'ssbt:testaBastjanstInformationResponse';
  return envelope(parts.length === 0 ? `    <${tag} xmlns:ssbt="${SSBT_NS}"/>` : `    <${tag} xmlns:ssbt="${SSBT_NS}">\n${parts.join('\n')}\n    </${tag}>`);
}

/** A SOAP 1.1 Fault whose detail is the contract's fault element for the operation. */
export function faultEnvelope(felkod: string, felmeddelande: string[], operation: 'hamtaBastjanstInformation' | 'testaBastjanstInformation' = 'hamtaBastjanstInformation'): string {
  const faultcode = felkod === 'SSBT-099' ? 'soap:Server' : 'soap:Client';
  const msgs = felmeddelande.map((m) => `          <ssbt:felmeddelande>${escapeXml(m)}</ssbt:felmeddelande>`).join('\n');
  return envelope(`    <soap:Fault>
      <faultcode>${faultcode}</faultcode>
      <faultstring>${escapeXml(`${felkod}: ${felmeddelande[0] ?? ''}`)}</faultstring>
      <detail>
        <ssbt:${operation}Fault xmlns:ssbt="${SSBT_NS}">
          <ssbt:felkod>${escapeXml(felkod)}</ssbt:felkod>
${msgs}
        </ssbt:${operation}Fault>
      </detail>
    </soap:Fault>`);
}
