import { parseJsonQuery } from '../app.ts';
import type { IncomingHttp, IncomingQuery } from '../types-incoming.ts';

/** CSN refuses an arendeidentitet of this many characters or more. */
export const CSN_MAX_ARENDEIDENTITET = 32;

/** CSN's code for a query that breaks its specification, and its message. */
export const CSN_FELKOD_KONTRAKT = '-1005';
export const CSN_FELMEDDELANDE_KONTRAKT = 'Inparametrar bryter mot specifikation/kontrakt';

/**
 * Reads the CSN base service's query: the default JSON query, then CSN's own rule that an
 * arendeidentitet of 32 characters or more is refused with felkod -1005 (HTTP 400, problem+json,
 * which readProblemError turns into error{kalla=BT, felkod -1005}).
 */
export function parseCsnIncoming(http: IncomingHttp): IncomingQuery {
  const incoming = parseJsonQuery(http);
  if (!incoming.ok) return incoming;
  if ([...incoming.request.arendeidentitet].length < CSN_MAX_ARENDEIDENTITET) return incoming;
  return {
    ok: false,
    status: 400,
    contentType: 'application/problem+json',
    body: JSON.stringify({
      type: 'about:blank',
      title: CSN_FELMEDDELANDE_KONTRAKT,
      status: 400,
      felkod: CSN_FELKOD_KONTRAKT,
      felmeddelande: [CSN_FELMEDDELANDE_KONTRAKT],
    }),
  };
}
