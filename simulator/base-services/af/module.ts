import type { SourceModule } from '../types.ts';
import { xmlSource } from '../xml-source.ts';
import { afNotRegistered, generateAf, type AfPayload } from './generate.ts';

const schemaPath = 'base-services/af.schema.json';
const routePath = '/af/arbetssokande/ersattningsstod/v2/fraga';

/**
 * Arbetsförmedlingen: registration as a job seeker, activity reports, decisions on activity support
 * and a-kassa membership (ers_stod v2 `SvarMeddelande`). Marks a protected identity with
 * `Svar/Sekretessmarkering` and then withholds the names. See docs/sources/af.md.
 */
export const afSource: SourceModule<AfPayload> = xmlSource<AfPayload>({
  code: 'AF',
  schemaPath,
  routePath,
  generate: generateAf,
  noData: afNotRegistered,
  marksProtected: (payload) => payload.Svar.Sekretessmarkering === true,
});
