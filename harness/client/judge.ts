import type { Failure } from '../core/types.ts';
import type { ExpectationUse } from './case-body.ts';
import { EXPECTATIONS } from './expectations/index.ts';
import type { ClientObservation } from './observation.ts';

/** What the case's expectations found. */
export interface Judgement {
  failures: Failure[];
  /** Expectations this run gave nothing to judge, each "title: why". */
  notJudged: string[];
}

/** Applies the case's expectations to the observation (pure). */
export function judge(obs: ClientObservation, uses: readonly ExpectationUse[]): Judgement {
  const failures: Failure[] = [];
  const notJudged: string[] = [];
  for (const use of uses) {
    const expectation = EXPECTATIONS[use.name];
    const why = expectation.notApplicable?.(obs);
    if (why !== undefined) {
      notJudged.push(`${expectation.title}: ${why}`);
      continue;
    }
    for (const message of expectation.check(obs, use.params))
      failures.push({ expectation: expectation.title, message });
  }
  return { failures, notJudged };
}
