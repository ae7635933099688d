import { hashString } from '../../domain/random.ts';
import type { BaseServiceCall, BaseServiceRequest, FkQueryPart } from '../types.ts';
import { CORRELATION_HEADER } from './incoming.ts';

/** LEFI's path for a version and actor. */
export function lefiPath(version: string, aktorsid: string): string {
  return `/lefi-extern-formansinformation/${encodeURIComponent(version)}/aktorer/${encodeURIComponent(aktorsid)}/formansinformation/fraga`;
}

/** A correlation id derived from the call alone (UUID-shaped), for requests that carry none. */
export function derivedCorrelationId(request: BaseServiceRequest, fk: FkQueryPart): string {
  const text = JSON.stringify([
    request.personidentitet,
    request.tidsperiod,
    request.arendeidentitet,
    fk.version ?? 'v9',
    fk.aktorsid,
    fk.lefiJsonFraga,
  ]);
  const hex = [1, 2, 3, 4]
    .map((salt) => hashString(`${salt}\u0000${text}`).toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The composite's call to LEFI: POST the municipality's LEFI query as it is (JSON text stays as it
 * is, a decoded value is written as JSON) to the version and actor of the FK part, with the request's
 * correlation id (or one derived from the call) in x-correlation-id. LEFI's OpenAPI requires no header.
 */
export function buildFkCall(request: BaseServiceRequest, fk?: FkQueryPart): BaseServiceCall {
  if (fk === undefined)
    throw new Error('FK base service: buildCall needs the FK query part (version, aktorsid, lefiJsonFraga)');
  const body = typeof fk.lefiJsonFraga === 'string' ? fk.lefiJsonFraga : JSON.stringify(fk.lefiJsonFraga);
  return {
    method: 'POST',
    path: lefiPath(fk.version ?? 'v9', fk.aktorsid),
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      [CORRELATION_HEADER]: request.korrelationsid ?? derivedCorrelationId(request, fk),
    },
    body,
  };
}
