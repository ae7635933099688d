import type { SourceModule } from '../types.ts';
import { xmlSource, xmlDocumentCodec } from '../xml-source.ts';
import { csnNoData, generateCsn } from './generate.ts';
import { parseCsnIncoming } from './incoming.ts';
import type { CsnPayload } from './types.ts';

const schemaPath = 'base-services/csn.schema.json';
const routePath = '/csn/kommunfraga/v4/fraga';
const documents = xmlDocumentCodec<CsnPayload>(schemaPath);

/** CSN/data: <ssbt:svar> holding the CSNSvar document in base64. */
function soapDataOfDocument(document: string, indent: string): string {
  return `${indent}<ssbt:svar>${Buffer.from(document, 'utf8').toString('base64')}</ssbt:svar>`;
}

/**
 * Centrala studiestödsnämnden: student aid (studiemedel, studiehjälp, studiestartsstöd,
 * omställningsstudiestöd) and hemutrustningslån. The base service answers with a CSNSvar document;
 * in the composite answer CSN/data is <ssbt:svar> holding that document in base64. A protected
 * identity is marked by a non-blank Person/@sekretess.
 */
export const csnSource: SourceModule<CsnPayload> = xmlSource<CsnPayload>({
  code: 'CSN',
  schemaPath,
  routePath,
  generate: generateCsn,
  noData: csnNoData,
  marksProtected: (payload) => (payload.Personer.Person ?? []).some((p) => (p.sekretess ?? '').trim() !== ''),
  soapData: (payload, indent) => soapDataOfDocument(documents.toDocument(payload), indent),
  soapDataOfDocument,
  parseIncoming: parseCsnIncoming,
});
