import type { SourceModule } from '../types.ts';
import { xmlSource } from '../xml-source.ts';
import { generateTns, type TnsPayload } from './generate.ts';

const schemaPath = 'base-services/tns.schema.json';
const routePath = '/tns/ssbtek/hamtauppgifter/v1';

/** Transportstyrelsen: the vehicles a person owns. TNS has no way of marking a protected identity. */
export const tnsSource: SourceModule<TnsPayload> = xmlSource<TnsPayload>({
  code: 'TNS',
  schemaPath,
  routePath,
  generate: generateTns,
  noData: () => ({ resultat: 'OK', fordonsinnehav: {} }),
  marksProtected: () => false,
});
