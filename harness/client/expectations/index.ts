import type { ExpectationName } from '../case-body.ts';
import { boundedRetries } from './bounded-retries.ts';
import { caseIdentity } from './case-identity.ts';
import { caseworkerNamed } from './caseworker-named.ts';
import { conclusionsMatch } from './conclusions-match.ts';
import { errorsNotNoData } from './errors-not-nodata.ts';
import type { Expectation } from './expectation.ts';
import { givesUpInTime } from './gives-up-in-time.ts';
import { historyComplete } from './history-complete.ts';
import { honoursRetryAfter } from './honours-retry-after.ts';
import { partialKept } from './partial-kept.ts';
import { protectedNoticed } from './protected-noticed.ts';
import { purposeAndLaw } from './purpose-and-law.ts';
import { queriesValid } from './queries-valid.ts';
import { retriesWhenUnavailable } from './retries-when-unavailable.ts';

export type { Expectation } from './expectation.ts';

/** Every expectation of client mode by the name a case uses. */
export const EXPECTATIONS: Readonly<Record<ExpectationName, Expectation>> = {
  queriesValid,
  caseworkerNamed,
  caseIdentity,
  purposeAndLaw,
  conclusionsMatch,
  protectedNoticed,
  errorsNotNoData,
  partialKept,
  givesUpInTime,
  boundedRetries,
  honoursRetryAfter,
  retriesWhenUnavailable,
  historyComplete,
};
