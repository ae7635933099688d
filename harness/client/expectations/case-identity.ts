import type { Expectation } from './expectation.ts';
import { NO_QUERY, receivedQueryFields } from './helpers.ts';

/** The longest arendeidentitet every source takes: CSN refuses 32 characters or more (felkod -1005). */
export const MAX_ARENDEIDENTITET = 31;

/** generellaFrageparametrar/arendeidentitet names the case: present, not blank, under 32 characters. */
export const caseIdentity: Expectation = {
  name: 'caseIdentity',
  title: 'arendeidentitet is present and under 32 characters',
  check(obs) {
    const queries = receivedQueryFields(obs);
    if (queries.length === 0) return [NO_QUERY];
    return queries.flatMap((q, i) => {
      const id = q.arendeidentitet;
      if (id === undefined) return [`query ${i + 1} has no arendeidentitet`];
      if (id.trim() === '') return [`query ${i + 1} has an empty arendeidentitet`];
      const length = [...id].length;
      if (length > MAX_ARENDEIDENTITET)
        return [
          `query ${i + 1}: arendeidentitet ${JSON.stringify(id)} is ${length} characters; it must be under 32 (CSN refuses it with -1005)`,
        ];
      return [];
    });
  },
};
