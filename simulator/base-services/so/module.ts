import type { SourceModule } from '../types.ts';
import { jsonPostCall, readProblemError, xmlDocumentCodec } from '../xml-source.ts';
import { soEcho } from './echo.ts';
import { generateSo, type SoPayload } from './generate.ts';

const schemaPath = 'base-services/so.schema.json';
const routePath = '/so/ubp/v1/fraga';

/**
 * The unemployment funds (a-kassorna, INT014 UnemploymentBenefitPaymentService): payments,
 * suspensions and applications, one entry per fund. "No data" is the echo with an empty
 * ArbetsloshetsersattningLista. SO has no way of marking a protected identity.
 */
export const soSource: SourceModule<SoPayload> = {
  code: 'SO',
  schemaPath,
  mediaType: 'application/xml',
  routePath,
  generate: generateSo,
  noData: ({ request }) => ({ ...soEcho(request), ArbetsloshetsersattningLista: {} }),
  marksProtected: () => false,
  ...xmlDocumentCodec<SoPayload>(schemaPath),
  buildCall: (request) => jsonPostCall(routePath, request),
  readError: readProblemError,
};
