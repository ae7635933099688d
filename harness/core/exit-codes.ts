import type { RunResult } from './types.ts';

/** The harness's exit codes (docs/harness.md). */
export const EXIT = {
  /** Every MUST case passed (SHOULD failures are reported, not fatal). */
  ok: 0,
  /** A MUST case failed or could not be run (verdict error). */
  mustFailed: 1,
  /** The run could not start: bad arguments, suite or mapping files. */
  usage: 2,
  /** The target could not be reached at all. */
  unreachable: 3,
} as const;

/** 0 when every MUST case passed (or was skipped), 1 otherwise. */
export function exitCodeOf(run: RunResult): 0 | 1 {
  return run.summary.mustFailed > 0 ? EXIT.mustFailed : EXIT.ok;
}
