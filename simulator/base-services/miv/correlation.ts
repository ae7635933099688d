import { createRandom, type Random } from '../../domain/random.ts';
import type { BaseServiceRequest } from '../types.ts';

/** A UUID-shaped (version 4 layout) id drawn from `random`. */
export function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + random.int(0, 3)).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The ids MIV answers with: `korrelationsid` only when the query had one, and `correlationid` always,
 * the query's korrelationsid or an id made for the call (deterministic from the source's random source
 * and the case and period, so different queries get different ids). Draws exactly once from `random`.
 */
export function correlationIds(
  request: BaseServiceRequest,
  random: Random,
): { korrelationsid?: string; correlationid: string } {
  const seed = random.seed32();
  if (request.korrelationsid !== undefined)
    return { korrelationsid: request.korrelationsid, correlationid: request.korrelationsid };
  const { fromDatum, tomDatum } = request.tidsperiod;
  return {
    correlationid: uuidFrom(
      createRandom(seed, 'correlationid', request.arendeidentitet, fromDatum, tomDatum),
    ),
  };
}
