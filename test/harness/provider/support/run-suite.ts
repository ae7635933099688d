import { resolve } from 'node:path';
import { defaultMapping } from '../../../../harness/core/load-mapping.ts';
import { loadSuite } from '../../../../harness/core/load-suite.ts';
import type { ProviderOptions } from '../../../../harness/core/options.ts';
import { runCases } from '../../../../harness/core/run.ts';
import type { Case, Mapping, RunResult } from '../../../../harness/core/types.ts';
import { createProviderExecutor } from '../../../../harness/provider/executor.ts';
import { loadScenarioFile } from '../../../../simulator/scenarios/load.ts';
import { startSimulator } from '../../../../simulator/server.ts';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** The provider suite, loaded by the harness core's loader (every file checked by the case schemas). */
export function providerCases(): Case[] {
  return loadSuite(resolve(ROOT, 'harness/suites/provider'), 'provider');
}

/** The simulator with the default scenario, in-process on a free port. */
export function startDefaultSimulator(): ReturnType<typeof startSimulator> {
  return startSimulator({
    scenario: loadScenarioFile(resolve(ROOT, 'scenarios/default.yaml')),
    port: 0,
    log: () => undefined,
  });
}

/** The mapping of the simulator's default scenario (harness/mappings/default.yaml). */
export function simulatorMapping(extraPersons: Record<string, string> = {}): Mapping {
  const m = defaultMapping();
  return { ...m, persons: { ...m.persons, ...extraPersons } };
}

/** Runs cases (default: the whole provider suite) with the provider executor through the core runner. */
export async function runProvider(
  options: Partial<ProviderOptions> & { target: string },
  cases: Case[] = providerCases(),
): Promise<RunResult> {
  const executor = createProviderExecutor({ mapping: simulatorMapping(), timeoutMs: 20_000, ...options });
  return runCases(cases, executor, { mode: 'provider', target: options.target });
}

/** The ids of the cases with this verdict. */
export function idsWith(run: RunResult, verdict: 'pass' | 'fail' | 'skip' | 'error'): string[] {
  return run.results
    .filter((r) => r.verdict === verdict)
    .map((r) => r.id)
    .sort();
}

/** Each case that did not pass, with why: for readable assertion failures. */
export function notPassing(run: RunResult): string[] {
  return run.results
    .filter((r) => r.verdict !== 'pass')
    .map(
      (r) =>
        `${r.id} ${r.verdict}${r.reason === undefined ? '' : ` (${r.reason})`}${r.failures.map((f) => ` | ${f.expectation}: ${f.message}`).join('')}`,
    );
}
