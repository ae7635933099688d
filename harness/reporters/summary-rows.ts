import type { CaseResult, RunResult } from '../core/types.ts';

export interface SummaryRow {
  label: 'MUST' | 'SHOULD' | 'all';
  pass: number;
  fail: number;
  error: number;
  skip: number;
  total: number;
}

export const SUMMARY_COLUMNS = ['pass', 'fail', 'error', 'skip', 'total'] as const;

function row(label: SummaryRow['label'], results: readonly CaseResult[]): SummaryRow {
  const n = (v: CaseResult['verdict']): number => results.filter((r) => r.verdict === v).length;
  return {
    label,
    pass: n('pass'),
    fail: n('fail'),
    error: n('error'),
    skip: n('skip'),
    total: results.length,
  };
}

/** The summary table: verdict counts for MUST, SHOULD and all cases. */
export function summaryRows(results: readonly CaseResult[]): SummaryRow[] {
  return [
    row(
      'MUST',
      results.filter((r) => r.level === 'MUST'),
    ),
    row(
      'SHOULD',
      results.filter((r) => r.level === 'SHOULD'),
    ),
    row('all', results),
  ];
}

/** The run's verdict in one sentence, e.g. "FAILED: 2 MUST cases did not pass". */
export function verdictLine(run: RunResult): string {
  const { mustFailed, shouldFailed } = run.summary;
  const s = (n: number): string => (n === 1 ? 'case' : 'cases');
  if (mustFailed > 0) return `FAILED: ${mustFailed} MUST ${s(mustFailed)} did not pass`;
  if (shouldFailed > 0)
    return `PASSED: every MUST case passed; ${shouldFailed} SHOULD ${s(shouldFailed)} did not`;
  return 'PASSED: every case passed';
}
