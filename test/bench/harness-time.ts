/** The conformance harness's provider suite against a freshly started simulator: wall time and verdicts. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RunSummary } from '../../harness/core/types.ts';
import { spawnNode, startSimulator } from './procs.ts';
import { round } from './stats.ts';

export interface HarnessTime {
  wallS: number;
  exitCode: string;
  /** The harness's own summary of the run (its JSON report), as it gives it. */
  summary?: Omit<RunSummary, 'shouldFailed'>;
  /** The harness's own measure of the run. */
  harnessDurationS?: number;
  error?: string;
}

export async function timeProviderSuite(root: string, timeoutMs = 600_000): Promise<HarnessTime> {
  const sim = await startSimulator({ root });
  const dir = mkdtempSync(join(tmpdir(), 'ssbtek-bench-harness-'));
  const report = join(dir, 'provider.json');
  try {
    const t0 = performance.now();
    const h = spawnNode(
      [
        '--import',
        'tsx',
        'harness/cli/main.ts',
        'provider',
        '--target',
        sim.soapUrl,
        '--control',
        sim.baseUrl,
        '--reporter',
        `json:${report}`,
      ],
      root,
    );
    const timer = setTimeout(() => void h.stop('SIGKILL'), timeoutMs);
    const exitCode = await h.exited;
    clearTimeout(timer);
    const wallS = round((performance.now() - t0) / 1000, 2);
    try {
      const run = JSON.parse(readFileSync(report, 'utf8')) as {
        durationMs: number;
        summary: HarnessTime['summary'];
      };
      return {
        wallS,
        exitCode,
        ...(run.summary === undefined ? {} : { summary: run.summary }),
        harnessDurationS: round(run.durationMs / 1000, 2),
      };
    } catch {
      return { wallS, exitCode, error: `no JSON report: ${h.stderr().slice(-1000)}` };
    }
  } finally {
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
