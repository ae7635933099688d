import { SOURCE_CODES } from '../../../simulator/domain/sources.ts';
import type { Expectation } from './expectation.ts';
import { describeAnswered, noOutput, valueProblems } from './helpers.ts';

/**
 * What the client concluded per source is what SSBTEK answered: data, nodata or error (and, for an
 * error, the kalla and felkod when the client reports them), with the values the case asks for.
 * When SSBTEK gave no answer at all, the client must say it gave up or report every source as an
 * error: never data, never "no data".
 */
export const conclusionsMatch: Expectation = {
  name: 'conclusionsMatch',
  title: 'what it concluded per source is what SSBTEK answered',
  check(obs) {
    const output = obs.output;
    if (output === undefined) return [noOutput(obs)];
    const answer = obs.answer;
    if (answer === undefined) {
      if (output.gaveUp === true) return [];
      return obs.input.sources.flatMap((code) => {
        const status = output.sources[code]?.status;
        if (status === 'error') return [];
        return [
          `${code}: SSBTEK gave no answer, but it ${status === undefined ? 'does not report the source' : `reports ${status}`} and does not say it gave up`,
        ];
      });
    }
    const out: string[] = [];
    for (const code of SOURCE_CODES) {
      const answered = answer[code];
      const concluded = output.sources[code];
      if (answered === undefined) {
        if (obs.input.sources.includes(code))
          out.push(
            `${code}: the caseworker asked for it, but SSBTEK's answer has none (the client did not ask for it)`,
          );
        else if (concluded !== undefined)
          out.push(`${code}: reports ${concluded.status}, but SSBTEK's answer has no ${code}`);
        continue;
      }
      if (concluded === undefined) {
        out.push(`${code}: does not report it (SSBTEK answered ${describeAnswered(answered)})`);
        continue;
      }
      if (concluded.status !== answered.status) {
        out.push(`${code}: concluded ${concluded.status}, SSBTEK answered ${describeAnswered(answered)}`);
        continue;
      }
      if (answered.status !== 'error') continue;
      if (concluded.kalla !== undefined && concluded.kalla !== answered.kalla)
        out.push(`${code}: reports kalla ${concluded.kalla}, SSBTEK answered ${answered.kalla ?? 'none'}`);
      if (concluded.felkod !== undefined && concluded.felkod !== answered.felkod)
        out.push(`${code}: reports felkod ${concluded.felkod}, SSBTEK answered ${answered.felkod ?? 'none'}`);
    }
    out.push(...valueProblems(obs, SOURCE_CODES));
    return out;
  },
};
