import { addDays, addMonths, ageOn } from '../../domain/dates.ts';
import type { Random } from '../../domain/random.ts';
import { GROUNDS, HOMELANDS, TEMPORARY_PROTECTION_FROM, type Ground } from './codes.ts';

/** One application in the person's history: granted (a permit), refused, or still being handled today. */
export interface PermitCase {
  ground: Ground;
  applied: string;
  /** Absent while the application is still being handled. */
  decision?: { date: string; outcome: 'BEV' } & (
    { kind: 'PUT'; from: string } | { kind: 'TUT'; from: string; tom: string }
  );
  refused?: string;
}

/** The person's whole migration history as Migrationsverket knows it today. */
export interface PermitHistory {
  hemland: string;
  inresedatum: string;
  cases: PermitCase[];
}

const MAX_CASES = 20;

/**
 * Draws the history from the random source, from arrival (`inresedatum`: the person's
 * `timeline.arrivalDate`, shared with the other sources) to today, in one fixed sequence of draws (so
 * what has happened does not depend on the asked period): the first permit on one ground fitting the
 * age at arrival (applied from abroad before arrival for work, family ties and studies, unless the
 * person came as a baby; on arrival for protection), then extensions until a permanent permit (never
 * on studies or temporary protection). Now and then an extension is refused and a new application
 * granted after a gap. An application whose decision would come after today is still being handled.
 */
export function drawPermitHistory(
  random: Random,
  birthDate: string,
  today: string,
  inresedatum: string,
): PermitHistory {
  const arrivalAge = ageOn(birthDate, inresedatum);
  const fitting = (Object.keys(GROUNDS) as Ground[]).filter(
    (g) => GROUNDS[g].minAge <= arrivalAge && arrivalAge <= GROUNDS[g].maxAge,
  );
  let ground = random.pick(fitting);
  if (ground === 'TSK' && inresedatum < TEMPORARY_PROTECTION_FROM) ground = 'SKY';
  const hemland = random.pick(HOMELANDS[ground]);
  const rules = GROUNDS[ground];
  const cases: PermitCase[] = [];

  let applied: string;
  let decided: string;
  if (rules.fromAbroad && addDays(inresedatum, -220) >= birthDate) {
    decided = addDays(inresedatum, -random.int(10, 60));
    applied = addDays(decided, -random.int(30, 150));
  } else {
    applied = addDays(inresedatum, random.int(0, 10));
    decided = addDays(
      applied,
      ground === 'TSK' ? random.int(10, 60) : rules.fromAbroad ? random.int(30, 150) : random.int(90, 500),
    );
  }
  let from = decided;
  let refusedOnce = false;
  for (let n = 0; n < MAX_CASES; n++) {
    if (applied > today) break;
    if (decided > today) {
      cases.push({ ground, applied });
      break;
    }
    const temporaryCount = cases.filter((c) => c.decision?.kind === 'TUT').length;
    if (n > 0 && !refusedOnce && random.chance(0.12)) {
      refusedOnce = true;
      cases.push({ ground, applied, refused: decided });
      applied = addDays(decided, random.int(14, 90));
      decided = addDays(applied, random.int(60, 200));
      from = decided;
      continue;
    }
    if (n > 0 && random.chance(temporaryCount >= 2 ? 0.5 : 0.15) && rules.permanent) {
      cases.push({ ground, applied, decision: { date: decided, outcome: 'BEV', kind: 'PUT', from } });
      break;
    }
    const tom = addDays(addMonths(from, random.pick(rules.months)), -1);
    cases.push({ ground, applied, decision: { date: decided, outcome: 'BEV', kind: 'TUT', from, tom } });
    applied = addDays(tom, -random.int(10, 60));
    decided = addDays(applied, random.int(30, 240));
    from = addDays(tom, 1);
  }
  return { hemland, inresedatum, cases };
}

/**
 * The cases MIV reports for [from, tom]: permits valid on some day of the period (a permanent one
 * from its first day on), refusals decided in the period, and an application still being handled
 * today that was made by the end of the period.
 */
export function casesFor(history: PermitHistory, from: string, tom: string): PermitCase[] {
  return history.cases.filter((c) => {
    if (c.refused !== undefined) return c.refused >= from && c.refused <= tom;
    if (c.decision === undefined) return c.applied <= tom;
    if (c.decision.kind === 'PUT') return c.decision.from <= tom;
    return c.decision.from <= tom && c.decision.tom >= from;
  });
}
