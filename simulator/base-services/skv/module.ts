import type { SourceModule } from '../types.ts';
import { xmlSource, xmlDocumentCodec } from '../xml-source.ts';
import { generateSkv, skvStatusOnly, type SkvPayload } from './generate.ts';
import { svarElement } from './svar-element.ts';
import { SKV_STATUS } from './types.ts';

const schemaPath = 'base-services/skv.schema.json';
const routePath = '/skv/beskattning/v1/fraga';
const codec = xmlDocumentCodec<SkvPayload>(schemaPath);

/**
 * Skatteverket: taxation data. The base service answers the taxation document itself; in the composite
 * answer it travels as text in SKV/data/svar. "No data" is status 100; a protected identity is status
 * 200 with names and data withheld.
 */
export const skvSource: SourceModule<SkvPayload> = xmlSource<SkvPayload>({
  code: 'SKV',
  schemaPath,
  routePath,
  generate: generateSkv,
  noData: ({ request }) => skvStatusOnly(request.personidentitet, SKV_STATUS.unknown),
  marksProtected: (payload) =>
    payload.PersonuppgiftLista.Personuppgift.some((p) => p.StatusPersonuppgiftKod === SKV_STATUS.protected),
  soapData: (payload, indent) => svarElement(codec.toDocument(payload).trimEnd(), indent),
  soapDataOfDocument: (document, indent) => svarElement(document.trimEnd(), indent),
});
