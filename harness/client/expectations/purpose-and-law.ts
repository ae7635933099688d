import type { Expectation } from './expectation.ts';
import { NO_QUERY, receivedQueryFields } from './helpers.ts';

/** generellaFrageparametrar/syfte and lagtext are present and not blank in every query. */
export const purposeAndLaw: Expectation = {
  name: 'purposeAndLaw',
  title: 'syfte and lagtext are present',
  check(obs) {
    const queries = receivedQueryFields(obs);
    if (queries.length === 0) return [NO_QUERY];
    return queries.flatMap((q, i) => {
      const out: string[] = [];
      if ((q.syfte ?? '').trim() === '')
        out.push(`query ${i + 1} has ${q.syfte === undefined ? 'no' : 'an empty'} syfte`);
      if ((q.lagtext ?? '').trim() === '')
        out.push(`query ${i + 1} has ${q.lagtext === undefined ? 'no' : 'an empty'} lagtext`);
      return out;
    });
  },
};
