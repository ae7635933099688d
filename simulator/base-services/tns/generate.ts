import type { GenerateInput } from '../types.ts';

export interface TnsFordon {
  regnr: string;
  fabrikat: string;
  fordonsar: string;
  fordonsslag: string;
  handelsbeteckning: string;
}

/** Canonical JSON of contracts/base-services/tns.schema.json. */
export interface TnsPayload {
  resultat: 'OK' | 'FEL';
  fordonsinnehav?: { fordon?: TnsFordon[] };
  felresultat?: { felkod: number; feltext: string }[];
}

const MODELS: readonly { fabrikat: string; fordonsslag: string; modeller: readonly string[] }[] = [
  { fabrikat: 'VOLVO', fordonsslag: 'PERSONBIL', modeller: ['V70', 'V60', 'XC60', 'S40', '240'] },
  { fabrikat: 'SAAB', fordonsslag: 'PERSONBIL', modeller: ['9-3', '9-5', '900'] },
  { fabrikat: 'VOLKSWAGEN', fordonsslag: 'PERSONBIL', modeller: ['GOLF', 'PASSAT', 'POLO'] },
  { fabrikat: 'TOYOTA', fordonsslag: 'PERSONBIL', modeller: ['COROLLA', 'YARIS', 'RAV4'] },
  { fabrikat: 'KIA', fordonsslag: 'PERSONBIL', modeller: ['CEED', 'NIRO'] },
  { fabrikat: 'HONDA', fordonsslag: 'MOTORCYKEL', modeller: ['CB500F', 'SH300A'] },
  { fabrikat: 'YAMAHA', fordonsslag: 'MOPED', modeller: ['AEROX', 'NEOS'] },
  { fabrikat: 'BRENDERUP', fordonsslag: 'SLÄPVAGN', modeller: ['1205S', '2260'] },
];

const LETTERS = 'ABCDEFGHJKLMNPRSTUWXYZ';

/** The vehicles the person owns: `situation.vehicles` of them, plausible makes and years. */
export function generateTns({ person, random, request }: GenerateInput): TnsPayload {
  const count = person.situation.vehicles;
  const fordon: TnsFordon[] = [];
  const latestYear = Number(request.tidsperiod.tomDatum.slice(0, 4));
  for (let i = 0; i < count; i++) {
    const make = random.pick(MODELS);
    const letters = Array.from({ length: 3 }, () => random.pick([...LETTERS])).join('');
    const digits = String(random.int(10, 99));
    const last = random.chance(0.3) ? random.pick([...LETTERS]) : String(random.int(0, 9));
    fordon.push({
      regnr: `${letters}${digits}${last}`,
      fabrikat: make.fabrikat,
      fordonsar: String(random.int(latestYear - 22, latestYear - 1)),
      fordonsslag: make.fordonsslag,
      handelsbeteckning: random.pick(make.modeller),
    });
  }
  return { resultat: 'OK', fordonsinnehav: fordon.length > 0 ? { fordon } : {} };
}
