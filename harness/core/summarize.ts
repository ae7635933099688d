import type { CaseResult, RunSummary } from './types.ts';

/** A case that did not pass: verdict fail, or error (it could not be run). */
export function isFailure(r: Pick<CaseResult, 'verdict'>): boolean {
  return r.verdict === 'fail' || r.verdict === 'error';
}

/** Counts by verdict; mustFailed and shouldFailed count failures and errors by level. */
export function summarize(results: readonly CaseResult[]): RunSummary {
  const count = (p: (r: CaseResult) => boolean): number => results.filter(p).length;
  return {
    total: results.length,
    passed: count((r) => r.verdict === 'pass'),
    failed: count((r) => r.verdict === 'fail'),
    skipped: count((r) => r.verdict === 'skip'),
    errors: count((r) => r.verdict === 'error'),
    mustFailed: count((r) => r.level === 'MUST' && isFailure(r)),
    shouldFailed: count((r) => r.level === 'SHOULD' && isFailure(r)),
  };
}
