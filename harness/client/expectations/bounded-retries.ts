import { receivedQueries, sentQueries } from '../observation.ts';
import type { Expectation } from './expectation.ts';

/** One try and two retries. */
export const DEFAULT_MAX_REQUESTS = 3;

/**
 * The client retries a bounded number of times: SSBTEK received (its journal), or the client sent
 * (through the proxy, counting queries still unanswered when it ended), at most maxRequests queries
 * for the one question.
 */
export const boundedRetries: Expectation = {
  name: 'boundedRetries',
  title: 'it retries a bounded number of times',
  check(obs, params) {
    const max = params.maxRequests ?? DEFAULT_MAX_REQUESTS;
    const count = Math.max(receivedQueries(obs).length, sentQueries(obs).length);
    if (count <= max) return [];
    return [
      `sent ${count} queries for one question; at most ${max} (one try and ${max - 1} retr${max - 1 === 1 ? 'y' : 'ies'}) are expected${obs.run.killed ? ', and it was still going when the harness killed it' : ''}`,
    ];
  },
};
