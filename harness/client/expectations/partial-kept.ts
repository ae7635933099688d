import { SOURCE_CODES } from '../../../simulator/domain/sources.ts';
import { erroredSources } from '../read-answer.ts';
import type { Expectation } from './expectation.ts';
import { describeAnswered, noOutput, valueProblems } from './helpers.ts';

/**
 * In a partial answer (some sources errors), what the other sources answered is kept: each is
 * reported as SSBTEK answered it, with the values the case asks for. An error in one source must not
 * throw the whole answer away.
 */
export const partialKept: Expectation = {
  name: 'partialKept',
  title: 'the rest of a partial answer is kept',
  notApplicable: (obs) =>
    obs.answer === undefined ? 'SSBTEK gave no answer, so nothing partial to keep' : undefined,
  check(obs) {
    if (obs.output === undefined) return [noOutput(obs)];
    const answer = obs.answer ?? {};
    const errored = erroredSources(answer);
    if (errored.length === 0)
      return ["SSBTEK's answer is not partial (no source error), so this cannot be judged"];
    const answeredCodes = SOURCE_CODES.filter(
      (code) => answer[code] !== undefined && answer[code].status !== 'error',
    );
    const out = answeredCodes.flatMap((code) => {
      const answered = answer[code];
      const status = obs.output?.sources[code]?.status;
      if (answered === undefined || status === answered.status) return [];
      return [
        `${code}: did not keep its answer (${describeAnswered(answered)}) beside the error of ${errored.join(', ')}: reports ${status ?? 'nothing'}`,
      ];
    });
    return [...out, ...valueProblems(obs, answeredCodes)];
  },
};
