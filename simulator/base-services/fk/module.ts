import type { SourceModule } from '../types.ts';
import { buildFkCall } from './call.ts';
import { readLefiError } from './errors.ts';
import { generateFk, noDataFk } from './generate.ts';
import { parseLefiIncoming } from './incoming.ts';
import type { FkPayload } from './types.ts';

const schemaPath = 'base-services/fk.schema.json';

/** The LEFI route; express reads the version and the actor from the path (only v9 is served). */
const routePath = '/lefi-extern-formansinformation/:version/aktorer/:aktorsId/formansinformation/fraga';

function toJson(payload: FkPayload): string {
  return JSON.stringify(payload);
}

/** FK/data: LEFI's JSON answer, base64-encoded in lefiJsonSvar. */
function soapDataOfDocument(document: string, indent: string): string {
  return `${indent}<ssbt:lefiJsonSvar>${Buffer.from(document, 'utf8').toString('base64')}</ssbt:lefiJsonSvar>`;
}

/** True when LEFI's answer marks a protected identity: formansinformation.generellPersoninformation[0].skyddad. */
export function marksProtected(payload: unknown): boolean {
  const info = (payload as { formansinformation?: { generellPersoninformation?: unknown } } | null)
    ?.formansinformation?.generellPersoninformation;
  return Array.isArray(info) && (info[0] as { skyddad?: unknown } | undefined)?.skyddad === true;
}

/**
 * Försäkringskassan and Pensionsmyndigheten through LEFI v9 (REST, JSON). The base service answers
 * LEFI's route with LEFI's JSON; in the composite answer that JSON travels base64-encoded in
 * FK/data/lefiJsonSvar. See docs/sources/fk.md.
 */
export const fkSource: SourceModule<FkPayload> = {
  code: 'FK',
  schemaPath,
  mediaType: 'application/json',
  routePath,
  generate: generateFk,
  noData: noDataFk,
  marksProtected,
  toDocument: toJson,
  fromDocument: (text) => JSON.parse(text) as unknown,
  soapData: (payload, indent) => soapDataOfDocument(toJson(payload), indent),
  soapDataOfDocument,
  buildCall: buildFkCall,
  parseIncoming: parseLefiIncoming,
  readError: readLefiError,
};
