import { erroredSources } from '../read-answer.ts';
import type { Expectation } from './expectation.ts';
import { describeAnswered, noOutput } from './helpers.ts';

/**
 * A source that answered with an error (kalla SSBT or BT) is reported as an error, never as "no
 * data": a caseworker must not conclude that the person has no income from an agency that did not
 * answer.
 */
export const errorsNotNoData: Expectation = {
  name: 'errorsNotNoData',
  title: 'a source error is not taken for no data',
  notApplicable: (obs) =>
    obs.answer === undefined ? 'SSBTEK gave no answer, so no source error to read' : undefined,
  check(obs) {
    if (obs.output === undefined) return [noOutput(obs)];
    const errored = erroredSources(obs.answer ?? {});
    if (errored.length === 0)
      return [
        "SSBTEK's answer holds no source error to judge (did the client ask every source the case asked for?)",
      ];
    return errored.flatMap((code) => {
      const answered = describeAnswered(obs.answer?.[code] ?? { status: 'error', protected: false });
      const status = obs.output?.sources[code]?.status;
      if (status === undefined) return [`${code}: does not report it (SSBTEK answered ${answered})`];
      if (status === 'nodata') return [`${code}: took the error (${answered}) for no data`];
      if (status === 'data') return [`${code}: reports data, but SSBTEK answered ${answered}`];
      return [];
    });
  },
};
