import type { HistoryEntry, HistorySource } from './history-entry.ts';

/**
 * Entries share what repeats from one query to the next (issue 7: a kept entry is most of the history's
 * memory, up to 100 000 of them): the strings a caseworker's queries repeat (scenario, caseworker, the
 * person and case, purpose and law text), one frozen object per municipality, and one frozen object per
 * source outcome with the same timings (answers without injected latency repeat them: 0-5 ms). What is
 * unique to an entry (id, time, korrelationsid) stays its own. Bounded: past `max` distinct values the
 * tables start over (entries keep what they hold).
 */
export interface SharedValues {
  /** `entry` (fresh, not yet frozen) with its repeating values replaced by the shared ones. */
  share(entry: HistoryEntry): HistoryEntry;
}

export function createSharedValues(max = 4096): SharedValues {
  let strings = new Map<string, string>();
  let municipalities = new Map<string, HistoryEntry['municipality']>();
  let sources = new Map<string, HistorySource>();
  const s = <T extends string>(value: T): T => {
    const known = strings.get(value);
    if (known !== undefined) return known as T;
    if (strings.size >= max) strings = new Map();
    strings.set(value, value);
    return value;
  };
  const source = (x: HistorySource): HistorySource => {
    const key = `${x.code}|${x.outcome}|${x.kalla ?? ''}|${x.felkod ?? ''}|${x.startedMs}|${x.endedMs}`;
    const known = sources.get(key);
    if (known !== undefined) return known;
    if (sources.size >= max) sources = new Map();
    x.code = s(x.code);
    x.outcome = s(x.outcome);
    if (x.kalla !== undefined) x.kalla = s(x.kalla);
    if (x.felkod !== undefined) x.felkod = s(x.felkod);
    const shared = Object.freeze(x);
    sources.set(key, shared);
    listKeys.set(shared, key);
    return shared;
  };
  // The lists of source outcomes, whole: without injected latency most queries repeat one list of shared outcomes.
  let lists = new Map<string, HistorySource[]>();
  const listKeys = new WeakMap<HistorySource, string>();
  const sourceList = (list: HistorySource[]): HistorySource[] => {
    let key = '';
    for (const x of list) {
      const k = listKeys.get(x);
      if (k === undefined) return list;
      key += `${k}\n`;
    }
    const known = lists.get(key);
    if (known !== undefined) return known;
    if (lists.size >= max) lists = new Map();
    const shared = Object.freeze(list) as HistorySource[];
    lists.set(key, shared);
    return shared;
  };
  return {
    share(entry) {
      entry.scenario = s(entry.scenario);
      const m = entry.municipality;
      const key = `${m.organisationsnummer}\n${m.namn}`;
      let municipality = municipalities.get(key);
      if (municipality === undefined) {
        if (municipalities.size >= max) municipalities = new Map();
        municipality = Object.freeze({ organisationsnummer: s(m.organisationsnummer), namn: s(m.namn) });
        municipalities.set(key, municipality);
      }
      entry.municipality = municipality;
      entry.caseworker = s(entry.caseworker);
      entry.personidentitet = s(entry.personidentitet);
      entry.arendeidentitet = s(entry.arendeidentitet);
      entry.syfte = s(entry.syfte);
      entry.lagtext = s(entry.lagtext);
      entry.result = s(entry.result);
      if (entry.felkod !== undefined) entry.felkod = s(entry.felkod);
      entry.via = s(entry.via);
      entry.sources = sourceList(entry.sources.map(source));
      return entry;
    },
  };
}
