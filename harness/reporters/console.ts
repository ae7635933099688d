import type { CaseResult, Reporter, RunResult, Verdict } from '../core/types.ts';
import { SUMMARY_COLUMNS, summaryRows, verdictLine } from './summary-rows.ts';

export interface ConsoleReporterOptions {
  write: (text: string) => void;
  /** ANSI colours; the CLI turns them off when the output is not a terminal or NO_COLOR is set. */
  color?: boolean;
}

const SYMBOL: Record<Verdict, string> = { pass: '✓', fail: '✗', skip: '-', error: '!' };
const COLOR: Record<Verdict, number> = { pass: 32, fail: 31, skip: 90, error: 33 };

/** Whether to colour: a terminal, and NO_COLOR unset or empty (https://no-color.org). */
export function wantsColor(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  return isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The summary table as text lines. */
export function summaryTable(run: RunResult): string[] {
  const head = ['', ...SUMMARY_COLUMNS].map((c, i) => (i === 0 ? c.padEnd(8) : c.padStart(6)));
  const lines = [`  ${head.join('')}`];
  for (const r of summaryRows(run.results))
    lines.push(`  ${r.label.padEnd(8)}${SUMMARY_COLUMNS.map((c) => String(r[c]).padStart(6)).join('')}`);
  return lines;
}

/** Progress (one line per case, failures indented beneath) and, at the end, the summary table. */
export function createConsoleReporter(options: ConsoleReporterOptions): Reporter {
  const paint = (code: number, text: string): string =>
    options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const w = (line = ''): void => options.write(`${line}\n`);
  let width = 1;
  return {
    onStart(start) {
      width = String(start.cases.length).length;
      w(
        `SSBTEK conformance harness: ${start.mode} mode, target ${start.target}, ${start.cases.length} case${start.cases.length === 1 ? '' : 's'}`,
      );
      w();
    },
    onCase(r: CaseResult, index, total) {
      const counter = `[${String(index).padStart(width)}/${total}]`;
      const tail = r.verdict === 'skip' ? ` (skipped: ${r.reason ?? ''})` : ` (${seconds(r.durationMs)})`;
      w(
        `${paint(COLOR[r.verdict], SYMBOL[r.verdict])} ${counter} ${r.level.padEnd(6)} ${r.id}  ${r.title}${paint(90, tail)}`,
      );
      if (r.verdict === 'error') w(`      ${paint(COLOR.error, 'could not run:')} ${r.reason ?? ''}`);
      // A passing case may carry a note: a check that could not run here (e.g. no xmllint).
      if ((r.verdict === 'pass' || r.verdict === 'fail') && r.reason !== undefined) w(`      ${paint(90, `note: ${r.reason}`)}`);
      for (const f of r.failures)
        w(`      ${paint(COLOR.fail, `${f.expectation}:`)} ${f.message.split('\n').join('\n        ')}`);
      if (r.verdict === 'fail' || r.verdict === 'error') w(`      ${paint(90, `${r.file}:${r.line}`)}`);
    },
    onEnd(run) {
      w();
      w(`Summary (${seconds(run.durationMs)})`);
      for (const line of summaryTable(run)) w(line);
      w();
      w(paint(run.summary.mustFailed > 0 ? COLOR.fail : COLOR.pass, verdictLine(run)));
    },
  };
}
