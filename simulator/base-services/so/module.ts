import type { SourceModule } from '../types.ts';
import { xmlSource } from '../xml-source.ts';
import { soEcho } from './echo.ts';
import { generateSo, type SoPayload } from './generate.ts';

const schemaPath = 'base-services/so.schema.json';
const routePath = '/so/ubp/v1/fraga';

/**
 * The unemployment funds (a-kassorna, INT014 UnemploymentBenefitPaymentService): payments,
 * suspensions and applications, one entry per fund. "No data" is the echo with an empty
 * ArbetsloshetsersattningLista. SO has no way of marking a protected identity.
 */
export const soSource: SourceModule<SoPayload> = xmlSource<SoPayload>({
  code: 'SO',
  schemaPath,
  routePath,
  generate: generateSo,
  noData: ({ request }) => ({ ...soEcho(request), ArbetsloshetsersattningLista: {} }),
  marksProtected: () => false,
});
