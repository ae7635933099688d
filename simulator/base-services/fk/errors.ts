import type { IncomingQuery } from '../types-incoming.ts';
import type { SourceError } from '../types.ts';
import { readProblemError } from '../xml-source.ts';

/** LEFI's error body (contracts/base-services/fk/felsvar.schema.json). */
export interface LefiFelsvar {
  meddelande?: string;
  timestamp?: string;
}

/** The messages the simulated LEFI answers with (Swedish, never naming a person or organisation). */
export const LEFI_MEDDELANDE = {
  okandVersion: (version: string) =>
    `Versionen ${version} av LEFI extern förmånsinformation finns inte. Använd v9.`,
  okandAktor: 'Aktören är okänd eller får inte företrädas av anroparen.',
  felaktigaIndata: (detail: string) => `Felaktiga indata: ${detail}`,
  ingenGrupp: 'Ingen förmånsgrupp eller typ av övrig information är angiven i frågan.',
  forLangPeriod: 'Den angivna perioden är längre än två år.',
  omvandPeriod: 'Periodens första datum (from) är senare än dess sista datum (tom).',
} as const;

/**
 * LEFI refusing a request: the HTTP status with LEFI's JSON error body. No timestamp: parseIncoming
 * has no clock, and LEFI's schema does not require one.
 */
export function lefiRefusal(status: number, meddelande: string): IncomingQuery {
  const body: LefiFelsvar = { meddelande };
  return { ok: false, status, contentType: 'application/json', body: JSON.stringify(body) };
}

/** The felkod the composite reports for a LEFI error answer: LEFI has no code field, so LEFI-<status>. */
export function lefiFelkod(status: number): string {
  return `LEFI-${status}`;
}

/**
 * Reads an error answer of the FK base service: the simulator's generic problem+json with felkod
 * (technical errors the scenario asks for), else LEFI's own {meddelande} as felkod LEFI-<status>.
 */
export function readLefiError(status: number, body: string): SourceError | undefined {
  const problem = readProblemError(status, body);
  if (problem !== undefined) return problem;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { meddelande, timestamp } = parsed as { meddelande?: unknown; timestamp?: unknown };
    if (typeof meddelande === 'string') return { felkod: lefiFelkod(status), felmeddelande: [meddelande] };
    if (typeof timestamp === 'string')
      return { felkod: lefiFelkod(status), felmeddelande: [`HTTP ${status}`] };
    return undefined;
  } catch {
    return undefined;
  }
}
