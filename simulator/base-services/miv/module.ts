import type { SourceModule } from '../types.ts';
import { xmlSource } from '../xml-source.ts';
import { generateMiv, mivNoData, type MivPayload } from './generate.ts';

const schemaPath = 'base-services/miv.schema.json';
const routePath = '/miv/ssbtek/v1/fraga';

/**
 * Migrationsverket: residence and work permits and their decisions. "No data" is a response with the
 * ids and the personnummer and no svarCollection. MIV has no way of marking a protected identity.
 */
export const mivSource: SourceModule<MivPayload> = xmlSource<MivPayload>({
  code: 'MIV',
  schemaPath,
  routePath,
  generate: generateMiv,
  noData: mivNoData,
  marksProtected: () => false,
});
