import { createRandom } from '../../domain/random.ts';
import { sifferkod } from './codes.ts';
import type { HistoryContext } from './history.ts';
import type { LefiPerson, Personinformation } from './types.ts';

const SVERIGE = { kod: 'SE', namn: 'SVERIGE' };

const LAN_KOMMUN: readonly { lan: string; kommun: string }[] = [
  { lan: '01', kommun: '80' },
  { lan: '14', kommun: '80' },
  { lan: '12', kommun: '80' },
  { lan: '03', kommun: '80' },
  { lan: '05', kommun: '80' },
  { lan: '22', kommun: '81' },
  { lan: '24', kommun: '80' },
  { lan: '18', kommun: '80' },
];

const UTLANDSKA_MEDBORGARSKAP = [
  { kod: 'PL', namn: 'POLEN' },
  { kod: 'DE', namn: 'TYSKLAND' },
  { kod: 'FI', namn: 'FINLAND' },
  { kod: 'NO', namn: 'NORGE' },
  { kod: 'LT', namn: 'LITAUEN' },
] as const;

function civilstand(ctx: HistoryContext): { id: number; beskrivning: string } {
  if (ctx.married) return sifferkod(2, 'Gift');
  const random = createRandom(ctx.seed, 'GEPI', 'civilstand');
  if (ctx.person.situation.pensioner)
    return random.pick([sifferkod(7, 'Änka/Änkeman'), sifferkod(5, 'Skild'), sifferkod(1, 'Ogift')]);
  return random.pick([sifferkod(1, 'Ogift'), sifferkod(1, 'Ogift'), sifferkod(5, 'Skild')]);
}

/** The children as LEFI names related persons; a protected person's children are protected too. */
export function barnAsPersons(ctx: HistoryContext): LefiPerson[] {
  return ctx.children.map((c) => ({
    personnummer: c.personnummer,
    foddes: c.foddes,
    namn: c.namn,
    skyddad: ctx.person.protected,
  }));
}

/**
 * generellPersoninformation (FK:GEPI). For a protected identity skyddad is true and the addresses and
 * place of registration are withheld (LEFI's OpenAPI allows any of them to be missing; the simulator's
 * reading of protection). A samordningsnummer holder is not registered in Sweden: no address either.
 */
export function personinformation(ctx: HistoryContext): Personinformation {
  const { person } = ctx;
  const random = createRandom(ctx.seed, 'GEPI');
  const info: Personinformation = {
    personnummer: person.personidentitet,
    foddes: person.birthDate,
    namn: `${person.fornamn} ${person.efternamn}`,
    skyddad: person.protected,
  };
  const folkbokford = random.pick(LAN_KOMMUN);
  const utlandsk = random.pick(UTLANDSKA_MEDBORGARSKAP);
  if (!person.protected && !person.samordningsnummer) {
    info.adress = [
      {
        roller: [sifferkod(1, 'Folkbokföringsadress')],
        utdelningadress: [person.address.utdelningsadress],
        postnummer: person.address.postnummer,
        postort: person.address.postort.toUpperCase(),
        land: SVERIGE,
      },
    ];
  }
  if (ctx.children.length > 0) info.barn = barnAsPersons(ctx);
  info.civilstand = civilstand(ctx);
  if (!person.protected && !person.samordningsnummer) info.folkbokford = [folkbokford];
  info.medborgarskap = person.samordningsnummer ? [{ land: { ...utlandsk } }] : [{ land: SVERIGE }];
  return info;
}
