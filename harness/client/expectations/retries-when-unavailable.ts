import { sentQueries } from '../observation.ts';
import type { Expectation } from './expectation.ts';
import { retryAfterMs } from './helpers.ts';

/**
 * After SSBTEK answers 503 with Retry-After, the client tries again once the wait is over, when its
 * own timeout leaves time for that: a temporary outage should not become "no answer" for the
 * caseworker.
 */
export const retriesWhenUnavailable: Expectation = {
  name: 'retriesWhenUnavailable',
  title: 'it tries again after Retry-After when its timeout allows',
  check(obs) {
    const queries = sentQueries(obs);
    const first = queries[0];
    const refused = queries.find((e) => e.status === 503 && e.answeredMs !== undefined);
    if (first === undefined || refused === undefined)
      return ['SSBTEK never answered a query of it with 503, so this cannot be judged'];
    const wait = retryAfterMs(refused.retryAfter, refused.date) ?? 0;
    const deadline = first.receivedMs + obs.input.timeoutMs;
    const retryAt = (refused.answeredMs ?? 0) + wait;
    if (retryAt >= deadline) return [];
    if (queries.some((e) => e.seq > refused.seq)) return [];
    return [
      `did not try again after the 503 to query ${refused.seq} (Retry-After ${refused.retryAfter ?? 'none'}), though its own timeout left ${Math.round(deadline - retryAt)} ms after the wait`,
    ];
  },
};
