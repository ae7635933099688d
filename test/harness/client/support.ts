import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAPPING, loadMapping } from '../../../harness/core/load-mapping.ts';
import { loadSuite } from '../../../harness/core/load-suite.ts';
import type { Case, CaseExecutor, CaseOutcome, Mapping } from '../../../harness/core/types.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLIENT_SUITE = join(ROOT, 'harness/suites/client');

/** The reference client's adapter as docs/harness-client.md runs it (node with tsx's loader). */
export const REFERENCE_ADAPTER = 'node --import tsx harness/reference-client/adapter.ts';

export function clientCases(): readonly Case[] {
  return loadSuite(CLIENT_SUITE, 'client');
}

export function defaultMapping(): Mapping {
  return loadMapping(DEFAULT_MAPPING);
}

/** Runs cases with `concurrency` at a time (the client executor keeps cases apart); outcomes by id. */
export async function runAll(
  executor: CaseExecutor,
  cases: readonly Case[],
  concurrency = 4,
): Promise<Map<string, CaseOutcome>> {
  const results = new Map<string, CaseOutcome>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const c = cases[next++] as Case;
      results.set(c.id, await executor.run(c));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** The ids of the cases whose verdict is not pass, sorted. */
export function notPassing(results: Map<string, CaseOutcome>): string[] {
  return [...results]
    .filter(([, o]) => o.verdict !== 'pass')
    .map(([id]) => id)
    .sort();
}

/** A readable account of what did not pass, for assertion messages. */
export function explain(results: Map<string, CaseOutcome>): string {
  return [...results]
    .filter(([, o]) => o.verdict !== 'pass')
    .map(
      ([id, o]) =>
        `${id} ${o.verdict}${o.reason === undefined ? '' : ` (${o.reason})`}: ${o.failures.map((f) => `${f.expectation}: ${f.message}`).join('; ')}`,
    )
    .join('\n');
}

/** A case of client mode for tests (common fields filled in). */
export function clientCase(id: string, body: Record<string, unknown>): Case {
  return {
    id,
    title: 'Given a test, when it runs, then it is judged',
    requirement: 'test',
    level: 'MUST',
    mode: 'client',
    suite: 'client',
    file: 'test',
    line: 1,
    body,
  };
}
