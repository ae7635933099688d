import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../harness/core/types.ts';
import { createConsoleReporter, wantsColor } from '../../../harness/reporters/console.ts';
import { makeResult, makeRun, mixedRun } from './support.ts';

function consoleOutput(run: RunResult, color = false): string {
  let text = '';
  const r = createConsoleReporter({ write: (s) => void (text += s), color });
  void r.onStart?.({ mode: run.mode, target: run.target, startedAt: run.startedAt, cases: [] });
  run.results.forEach((x, i) => void r.onCase?.(x, i + 1, run.results.length));
  void r.onEnd?.(run);
  return text;
}

describe('the console reporter', () => {
  it('prints a line per case with its mark, level, id and title; failures indented; a summary table by verdict and level', () => {
    expect(consoleOutput(mixedRun())).toBe(
      [
        'SSBTEK conformance harness: provider mode, target http://127.0.0.1:8080/ssbtek/v10, 0 cases',
        '',
        '✓ [1/4] MUST   P-PASS-001  Given x, when y, then z (12 ms)',
        '✗ [2/4] MUST   P-FAIL-001  Given x, when y, then z (12 ms)',
        '      echoes korrelationsid: expected <script>alert("x")</script> & more',
        '      f.yaml:1',
        '! [3/4] SHOULD P-ERR-001  Given x, when y, then z (12 ms)',
        '      could not run: adapter crashed',
        '      f.yaml:1',
        '- [4/4] MUST   P-SKIP-001  Given x, when y, then z (skipped: needs --control)',
        '',
        'Summary (1.2 s)',
        '            pass  fail error  skip total',
        '  MUST         1     1     0     1     3',
        '  SHOULD       0     0     1     0     1',
        '  all          1     1     1     1     4',
        '',
        'FAILED: 1 MUST case did not pass',
        '',
      ].join('\n'),
    );
  });

  it('colours only when asked; colour is wanted on a terminal without NO_COLOR', () => {
    expect(consoleOutput(mixedRun())).not.toContain('\u001b[');
    expect(consoleOutput(mixedRun(), true)).toContain('\u001b[31m✗\u001b[0m');
    expect(wantsColor(true, {})).toBe(true);
    expect(wantsColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor(true, { NO_COLOR: '' })).toBe(true);
    expect(wantsColor(false, {})).toBe(false);
    expect(wantsColor(undefined, {})).toBe(false);
  });

  it('says PASSED when only SHOULD cases failed', () => {
    expect(
      consoleOutput(makeRun([makeResult(), makeResult({ id: 'S', level: 'SHOULD', verdict: 'fail' })])),
    ).toMatch(/PASSED: every MUST case passed; 1 SHOULD case did not\n$/);
  });
});
