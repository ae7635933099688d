import type { SourceModule } from '../types.ts';
import { jsonPostCall, readProblemError, xmlDocumentCodec } from '../xml-source.ts';
import { afNotRegistered, generateAf, type AfPayload } from './generate.ts';

const schemaPath = 'base-services/af.schema.json';
const routePath = '/af/arbetssokande/ersattningsstod/v2/fraga';

/**
 * Arbetsförmedlingen: registration as a job seeker, activity reports, decisions on activity support
 * and a-kassa membership (ers_stod v2 `SvarMeddelande`). Marks a protected identity with
 * `Svar/Sekretessmarkering` and then withholds the names. See docs/sources/af.md.
 */
export const afSource: SourceModule<AfPayload> = {
  code: 'AF',
  schemaPath,
  mediaType: 'application/xml',
  routePath,
  generate: generateAf,
  noData: afNotRegistered,
  marksProtected: (payload) => payload.Svar.Sekretessmarkering === true,
  ...xmlDocumentCodec<AfPayload>(schemaPath),
  buildCall: (request) => jsonPostCall(routePath, request),
  readError: readProblemError,
};
