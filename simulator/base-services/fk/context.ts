import { addMonths, ageOn } from '../../domain/dates.ts';
import { makePersonidentitet } from '../../domain/identity.ts';
import { createRandom } from '../../domain/random.ts';
import type { GenerateInput } from '../types.ts';
import { monthOf } from './calendar.ts';
import type { Child, HistoryContext } from './history.ts';
import { SGI_TAK } from './levels.ts';

/**
 * The person's children under 18 (`situation.children` of them): born when the person was at least
 * 19, named with the person's surname, ordered by birth. Birth years count back from today's year.
 */
function childrenOf(input: GenerateInput, seed: number): Child[] {
  const { person, today, faker } = input;
  const random = createRandom(seed, 'barn');
  const parentAge = ageOn(person.birthDate, today);
  const year = Number(today.slice(0, 4));
  const children: Child[] = [];
  for (let i = 0; i < person.situation.children; i++) {
    const age = random.int(0, Math.max(0, Math.min(17, parentAge - 19)));
    let foddes = `${year - age}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    if (foddes > today) foddes = addMonths(foddes, -12);
    const personnummer = makePersonidentitet(foddes, random.int(1, 999));
    const sex = Number(personnummer[10]) % 2 === 1 ? 'male' : 'female';
    children.push({
      personnummer,
      foddes,
      namn: `${faker.person.firstName(sex)} ${person.efternamn}`,
      age: ageOn(foddes, today),
    });
  }
  return children.sort((a, b) => (a.foddes < b.foddes ? -1 : a.foddes > b.foddes ? 1 : 0));
}

/** Yearly SGI: income from work up to the cap; a plausible one for a sick or parental-leave person with none. */
function sgiOf(input: GenerateInput, seed: number): number {
  const { situation } = input.person;
  if (situation.pensioner) return 0;
  if (situation.yearlyIncome >= 100_000) return Math.min(SGI_TAK, situation.yearlyIncome);
  const random = createRandom(seed, 'SGI');
  return situation.sickLeave || situation.parentalLeave ? random.int(150, 260) * 1_000 : 0;
}

/** The context of every history builder; the asked period only sets the window written out. */
export function historyContext(input: GenerateInput): HistoryContext {
  const seed = input.random.seed32();
  const { fromDatum, tomDatum } = input.request.tidsperiod;
  const children = childrenOf(input, seed);
  return {
    person: input.person,
    today: input.today,
    anchor: monthOf(input.today),
    seed,
    window: { from: addMonths(monthOf(fromDatum), -2), tom: addMonths(tomDatum, 2) },
    children,
    sgi: sgiOf(input, seed),
    married: createRandom(seed, 'civilstand').chance(input.person.situation.pensioner ? 0.55 : 0.4),
    faker: input.faker,
  };
}
