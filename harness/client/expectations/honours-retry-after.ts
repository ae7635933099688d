import type { Expectation } from './expectation.ts';
import { retryAfterMs } from './helpers.ts';

/** How much earlier than Retry-After said a retry may come (timer granularity), by default. */
export const DEFAULT_RETRY_AFTER_TOLERANCE_MS = 25;

/**
 * After an answer with Retry-After (HTTP 503, SSBT-030/031), the client's next request comes no
 * earlier than the header said, measured from when that answer was handed to the client to when the
 * next request arrived.
 */
export const honoursRetryAfter: Expectation = {
  name: 'honoursRetryAfter',
  title: 'it waits as long as Retry-After says',
  notApplicable: (obs) =>
    obs.exchanges.some((e) => e.retryAfter !== undefined) ? undefined : 'SSBTEK sent no Retry-After',
  check(obs, params) {
    const tolerance = params.toleranceMs ?? DEFAULT_RETRY_AFTER_TOLERANCE_MS;
    const out: string[] = [];
    obs.exchanges.forEach((e, i) => {
      const wait = retryAfterMs(e.retryAfter, e.date);
      const next = obs.exchanges[i + 1];
      if (wait === undefined || e.answeredMs === undefined || next === undefined) return;
      const gap = Math.round(next.receivedMs - e.answeredMs);
      if (gap < wait - tolerance) {
        out.push(
          `request ${next.seq} came ${gap} ms after the ${e.status ?? ''} answer to request ${e.seq}, whose Retry-After (${e.retryAfter ?? ''}) asked for ${wait} ms`,
        );
      }
    });
    return out;
  },
};
