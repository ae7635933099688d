import type { SourceCode } from '../../simulator/domain/sources.ts';

/**
 * What each source answers for a person it has nothing on: its own "no data" answer, which is data
 * (never an error). Each check returns undefined when the payload is that answer, else what it holds.
 * The forms are the agencies' own, as the simulator implements them (docs/sources/<code>.md, "No data").
 */
type NoDataCheck = (payload: unknown) => string | undefined;

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** Paths of non-empty lists in a value, skipping the named top-level members. */
function nonEmptyLists(value: unknown, path: string, out: string[]): string[] {
  if (Array.isArray(value)) {
    if (value.length > 0) out.push(path);
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) nonEmptyLists(v, path === '' ? k : `${path}/${k}`, out);
  }
  return out;
}

export const NO_DATA: Record<SourceCode, { describe: string; check: NoDataCheck }> = {
  AF: {
    describe:
      'Svar/StatusSokandeinformationKod 1 (not registered as a job seeker), no ArbetssokandeInfo, BeslutInfo or Akassetillhorighet',
    check: (p) => {
      const svar = obj(obj(p).Svar);
      if (svar.StatusSokandeinformationKod !== 1)
        return `Svar/StatusSokandeinformationKod is ${JSON.stringify(svar.StatusSokandeinformationKod)}, not 1`;
      const held = ['ArbetssokandeInfo', 'BeslutInfo', 'Akassetillhorighet'].filter(
        (k) => svar[k] !== undefined,
      );
      return held.length === 0 ? undefined : `Svar holds ${held.join(', ')}`;
    },
  },
  CSN: {
    describe: 'ResultatKod 0 and every Person with Status "Ej träff" (or no Person, for a samordningsnummer)',
    check: (p) => {
      const resultat = obj(obj(obj(p).GemensamtSvarEkbistand).Resultat);
      if (resultat.ResultatKod !== '0')
        return `GemensamtSvarEkbistand/Resultat/ResultatKod is ${JSON.stringify(resultat.ResultatKod)}, not "0"`;
      const hits = list(obj(obj(p).Personer).Person).filter((person) => obj(person).Status !== 'Ej träff');
      return hits.length === 0 ? undefined : `${hits.length} Person element(s) without Status "Ej träff"`;
    },
  },
  FK: {
    describe: 'every list LEFI answers is empty (utlamnare aside)',
    check: (p) => {
      const lists = nonEmptyLists({ ...obj(p), utlamnare: undefined, avvikelser: undefined }, '', []);
      return lists.length === 0 ? undefined : `non-empty: ${lists.slice(0, 5).join(', ')}`;
    },
  },
  SKV: {
    describe:
      'every Personuppgift with StatusPersonuppgiftKod 100 (not in the taxation records) and no income',
    check: (p) => {
      const uppgifter = list(obj(obj(p).PersonuppgiftLista).Personuppgift).map(obj);
      if (uppgifter.length === 0) return 'no Personuppgift';
      const other = uppgifter.filter(
        (u) =>
          u.StatusPersonuppgiftKod !== '100' ||
          u.Kapitaluppgift !== undefined ||
          u.Forvarvsinkomstuppgift !== undefined,
      );
      return other.length === 0
        ? undefined
        : `StatusPersonuppgiftKod ${other.map((u) => JSON.stringify(u.StatusPersonuppgiftKod)).join(', ')} or income present`;
    },
  },
  SO: {
    describe: 'the echo with an empty ArbetsloshetsersattningLista',
    check: (p) => {
      const entries = list(obj(obj(p).ArbetsloshetsersattningLista).Arbetsloshetsersattning);
      return entries.length === 0
        ? undefined
        : `ArbetsloshetsersattningLista holds ${entries.length} fund(s)`;
    },
  },
  TNS: {
    describe: 'resultat OK and no fordon',
    check: (p) => {
      if (obj(p).resultat !== 'OK') return `resultat is ${JSON.stringify(obj(p).resultat)}`;
      const fordon = list(obj(obj(p).fordonsinnehav).fordon);
      return fordon.length === 0 ? undefined : `${fordon.length} fordon`;
    },
  },
  MIV: {
    describe: 'response without svar in svarCollection',
    check: (p) => {
      const svar = list(obj(obj(obj(p).response).svarCollection).svar);
      return svar.length === 0 ? undefined : `svarCollection holds ${svar.length} svar`;
    },
  },
};
