import { sentQueries } from '../observation.ts';
import type { Expectation } from './expectation.ts';
import { noOutput } from './helpers.ts';

/** How much later than its own timeout the adapter may end, by default. */
export const DEFAULT_GIVE_UP_MARGIN_MS = 2000;

/**
 * The client gives up by its own deadline: the adapter ends by itself, and has printed its
 * conclusions no later than timeoutMs + margin after the client's first query (before that is
 * start-up, after it the process's own teardown: neither is waiting for SSBTEK); and when no answer
 * reached it, it says so (gaveUp, or every source an error) rather than reporting data.
 */
export const givesUpInTime: Expectation = {
  name: 'givesUpInTime',
  title: 'it gives up within its own timeout',
  check(obs, params) {
    const timeout = obs.input.timeoutMs;
    const margin = params.marginMs ?? DEFAULT_GIVE_UP_MARGIN_MS;
    if (obs.run.killed) {
      return [
        `did not end by itself: the harness killed it ${Math.round(obs.run.exitMs)} ms after it started (its own timeout is ${timeout} ms)`,
      ];
    }
    const out: string[] = [];
    const from = sentQueries(obs)[0]?.receivedMs ?? 0;
    const took = Math.round((obs.run.outputMs ?? obs.run.exitMs) - from);
    if (took > timeout + margin) {
      out.push(
        `concluded ${took} ms after ${from === 0 ? 'it started' : 'its first query'}: later than its timeout of ${timeout} ms (+ ${margin} ms margin)`,
      );
    }
    if (obs.answer === undefined) {
      const output = obs.output;
      if (output === undefined) out.push(noOutput(obs));
      else if (
        output.gaveUp !== true &&
        !obs.input.sources.every((code) => output.sources[code]?.status === 'error')
      ) {
        out.push(
          'got no answer from SSBTEK, but neither says it gave up (gaveUp) nor reports every source as an error',
        );
      }
    }
    return out;
  },
};
