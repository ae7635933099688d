import type { Expectation } from './expectation.ts';
import { noOutput, receivedQueryFields } from './helpers.ts';

/**
 * The client's own processing history shows who asked about whom: for every person and case it
 * asked SSBTEK about there is an entry naming the caseworker who asked, and no entry names another
 * user. Retries of one question may share one entry.
 */
export const historyComplete: Expectation = {
  name: 'historyComplete',
  title: 'its history shows every query with the right user and case',
  notApplicable: (obs) =>
    obs.output !== undefined && obs.output.history === undefined
      ? 'the adapter reports no history'
      : undefined,
  check(obs) {
    const history = obs.output?.history;
    if (history === undefined) return [noOutput(obs)];
    const user = obs.input.caseworker;
    const out: string[] = [];
    const asked = new Map<string, { person: string; case: string }>();
    for (const q of receivedQueryFields(obs)) {
      const person = q.personidentitet ?? '';
      const arende = q.arendeidentitet ?? '';
      asked.set(`${person}\u0000${arende}`, { person, case: arende });
    }
    for (const { person, case: arende } of asked.values()) {
      const found = history.some(
        (h) => h.caseworker === user && h.personidentitet === person && h.arendeidentitet === arende,
      );
      if (!found)
        out.push(
          `no history entry says that ${user} asked about ${person} under case ${JSON.stringify(arende)}`,
        );
    }
    history.forEach((h, i) => {
      if (h.caseworker !== user)
        out.push(
          `history entry ${i + 1} names ${JSON.stringify(h.caseworker)} as the user, not the caseworker who asked (${user})`,
        );
    });
    return out;
  },
};
