import { selectCases, type Selection } from './select-cases.ts';
import { isFailure, summarize } from './summarize.ts';
import {
  TargetUnreachable,
  type Case,
  type CaseExecutor,
  type CaseOutcome,
  type CaseResult,
  type Mode,
  type Reporter,
  type RunResult,
} from './types.ts';

export { exitCodeOf } from './exit-codes.ts';

export interface RunOptions extends Selection {
  mode: Mode;
  /** What is judged, for the reports: the provider URL or the adapter command. */
  target: string;
  /** Stop after the first MUST case that fails (or errors); the rest are reported as skipped. */
  bail?: boolean;
  reporters?: readonly Reporter[];
  /** Milliseconds since the epoch (injected for tests); default: performance.timeOrigin + performance.now(). */
  now?: () => number;
}

/** The reason given to cases --bail left out. */
export const NOT_RUN_BAIL = 'not run (--bail)';

function resultOf(c: Case, outcome: CaseOutcome, durationMs: number): CaseResult {
  return {
    id: c.id,
    title: c.title,
    requirement: c.requirement,
    level: c.level,
    suite: c.suite,
    file: c.file,
    line: c.line,
    verdict: outcome.verdict,
    ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
    failures: outcome.failures,
    exchanges: outcome.exchanges,
    durationMs,
  };
}

function skipReason(c: Case): string | undefined {
  const skip = c.body.skip;
  return typeof skip === 'string' && skip !== '' ? skip : undefined;
}

function errorOutcome(e: unknown): CaseOutcome {
  const message = e instanceof Error ? e.message : String(e);
  return { verdict: 'error', reason: message, failures: [], exchanges: [] };
}

/**
 * Runs the selected cases one after another with the executor and tells the reporters.
 * `prepare` is called once before the first case that runs, `close` always at the end. An executor
 * exception for a case is that case's verdict `error`; TargetUnreachable stops the run and is
 * rethrown (exit code 3). Cases with `skip:` are not run.
 */
export async function runCases(
  cases: readonly Case[],
  executor: CaseExecutor,
  options: RunOptions,
): Promise<RunResult> {
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  const reporters = options.reporters ?? [];
  const selected = selectCases(cases, options);
  const started = now();
  const startedAt = new Date(started).toISOString();
  for (const r of reporters)
    await r.onStart?.({ mode: options.mode, target: options.target, startedAt, cases: selected });

  const results: CaseResult[] = [];
  let prepared = false;
  let prepareError: unknown;
  let bailed = false;
  try {
    for (const c of selected) {
      const t0 = now();
      let outcome: CaseOutcome;
      const skip = skipReason(c);
      if (bailed) outcome = { verdict: 'skip', reason: NOT_RUN_BAIL, failures: [], exchanges: [] };
      else if (skip !== undefined) outcome = { verdict: 'skip', reason: skip, failures: [], exchanges: [] };
      else {
        if (!prepared) {
          prepared = true;
          try {
            await executor.prepare?.();
          } catch (e) {
            if (e instanceof TargetUnreachable) throw e;
            prepareError = e;
          }
        }
        if (prepareError !== undefined)
          outcome = errorOutcome(
            new Error(`the executor could not prepare: ${errorOutcome(prepareError).reason ?? ''}`),
          );
        else {
          try {
            outcome = await executor.run(c);
          } catch (e) {
            if (e instanceof TargetUnreachable) throw e;
            outcome = errorOutcome(e);
          }
        }
      }
      const result = resultOf(c, outcome, now() - t0);
      results.push(result);
      if (options.bail && result.level === 'MUST' && isFailure(result)) bailed = true;
      for (const r of reporters) await r.onCase?.(result, results.length, selected.length);
    }
  } finally {
    if (prepared) await executor.close?.().catch(() => undefined);
  }
  const run: RunResult = {
    mode: options.mode,
    target: options.target,
    startedAt,
    durationMs: now() - started,
    results,
    summary: summarize(results),
  };
  for (const r of reporters) await r.onEnd?.(run);
  return run;
}
