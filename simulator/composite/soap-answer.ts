import { contracts } from '../contracts/registry.ts';
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

function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="${SOAP11_NS}">
  <soap:Body>
${body}
  </soap:Body>
</soap:Envelope>
`;
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

/**
 * The SOAP 1.1 envelope of a compiled answer, sources in contract order. `documents` are the answer
 * documents as the base services sent them (SourceOutcome.document): a source whose data carries its
 * document (FK, CSN, SKV) embeds that text as received, without writing the document again.
 */
export function answerEnvelope(answer: CompiledAnswer, modules: Record<SourceCode, SourceModule>, documents: Partial<Record<SourceCode, string>> = {}): string {
  const i = '      ';
  const parts: string[] = [];
  if (answer.fraga !== undefined) parts.push(`${i}<ssbt:fraga>\n${echoXml(answer.fraga, `${i}  `)}\n${i}</ssbt:fraga>`);
  if (answer.frageTidpunkt !== undefined) parts.push(`${i}<ssbt:frageTidpunkt>${escapeXml(answer.frageTidpunkt)}</ssbt:frageTidpunkt>`);
  if (answer.korrelationsid !== undefined) parts.push(`${i}<ssbt:korrelationsid>${escapeXml(answer.korrelationsid)}</ssbt:korrelationsid>`);
  const sources: string[] = [];
  for (const code of SOURCE_CODES) {
    const result = answer.svarsdata[code];
    if (result === undefined) continue;
    const inner = 'data' in result ? `${i}    <ssbt:data>\n${sourceData(modules[code], result.data, documents[code], `${i}      `)}\n${i}    </ssbt:data>` : errorXml(result.error, `${i}    `);
    sources.push(`${i}  <ssbt:${code}>\n${inner}\n${i}  </ssbt:${code}>`);
  }
  parts.push(sources.length === 0 ? `${i}<ssbt:svarsdata/>` : `${i}<ssbt:svarsdata>\n${sources.join('\n')}\n${i}</ssbt:svarsdata>`);
  return envelope(`    <ssbt:hamtaBastjanstInformationResponse xmlns:ssbt="${SSBT_NS}">\n${parts.join('\n')}\n    </ssbt:hamtaBastjanstInformationResponse>`);
}

/** The content of a source's `<ssbt:data>`: from the received document when the source carries it, else written from the payload. */
function sourceData(module: SourceModule, data: unknown, document: string | undefined, indent: string): string {
  if (document !== undefined && module.soapDataOfDocument !== undefined) return module.soapDataOfDocument(document, indent);
  if (data === null || typeof data !== 'object' || !Object.isFrozen(data)) return module.soapData(data, indent);
  // A frozen payload (a remembered read, see readSourceDocument) cannot change: its XML is written once per indent.
  let byPayload = written.get(module);
  if (byPayload === undefined) written.set(module, (byPayload = new WeakMap()));
  let byIndent = byPayload.get(data);
  if (byIndent === undefined) byPayload.set(data, (byIndent = new Map<string, string>()));
  let xml = byIndent.get(indent);
  if (xml === undefined) byIndent.set(indent, (xml = module.soapData(data, indent)));
  return xml;
}

/** The `<ssbt:data>` content written for frozen payloads, per source module, payload and indent. */
const written = new WeakMap<SourceModule, WeakMap<object, Map<string, string>>>();

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
