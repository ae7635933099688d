import type { GenerateInput } from '../types.ts';
import { soEcho } from './echo.ts';
import { drawSpell, paymentsIn, playSpell, suspensionsIn } from './history.ts';
import type { SoArbetsloshetsersattning, SoPayload } from './types.ts';

export type { SoPayload } from './types.ts';

/**
 * What the funds answer: the echo of the query and one entry for the person's fund
 * (`situation.akassa`), none when the person belongs to no fund. A member who is not unemployed gets
 * an entry with nothing in it; an unemployed member gets the payments wholly inside the period, the
 * suspensions overlapping it (cut to it) and the state of their application once the spell has begun.
 * The spell begins on `timeline.unemployedSince`, the day Arbetsförmedlingen's registration begins.
 */
export function generateSo({ person, request, random, today }: GenerateInput): SoPayload {
  const fund = person.situation.akassa;
  if (fund === null) return { ...soEcho(request), ArbetsloshetsersattningLista: {} };
  const entry: SoArbetsloshetsersattning = { SvarandeOrganisation: fund, StatusSvarandeOrganisation: 'OK' };
  const since = person.timeline.unemployedSince;
  if (person.situation.unemployed && since !== undefined) {
    const { fromDatum: from, tomDatum: tom } = request.tidsperiod;
    const spell = drawSpell(random, today, since);
    const history = playSpell(spell, today);
    const payments = paymentsIn(history, from, tom);
    const suspensions = suspensionsIn(history, from, tom);
    if (payments.length > 0) entry.Utbetalningar = payments;
    if (suspensions.length > 0) entry.Avstangningar = suspensions;
    if (spell.start <= tom && spell.start <= today) {
      entry.AnsoktOmErsattning = {
        BeslutOmRattTillErsattning: spell.decision,
        AnsokanOmUtbetalningInlamnad: history.claimedPeriodEnds.some((end) => end >= from && end <= tom),
      };
    }
  }
  return { ...soEcho(request), ArbetsloshetsersattningLista: { Arbetsloshetsersattning: [entry] } };
}
