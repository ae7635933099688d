import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ContractRegistry, CONTRACTS_DIR } from '../../../simulator/contracts/registry.ts';
import type { Case, CaseExecutor, CaseOutcome, CaseResult, RunResult } from '../../../harness/core/types.ts';
import { summarize } from '../../../harness/core/summarize.ts';

/** A fresh directory holding `files` (name → text). */
export function writeDir(files: Record<string, string>, prefix = 'harness-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/**
 * A registry of only the harness core's schemas (and `extra` ones), so these tests do not depend on
 * the mode schemas other parts of the harness define.
 */
export function coreRegistry(extra: Record<string, object> = {}): ContractRegistry {
  const dir = writeDir({}, 'contracts-');
  mkdirSync(join(dir, 'harness'));
  for (const name of ['case', 'mapping'])
    copyFileSync(
      join(CONTRACTS_DIR, `harness/${name}.schema.json`),
      join(dir, `harness/${name}.schema.json`),
    );
  for (const [rel, schema] of Object.entries(extra)) writeFileSync(join(dir, rel), JSON.stringify(schema));
  return new ContractRegistry(dir);
}

/** A case file's YAML for one case. */
export function caseYaml(id: string, extra = '', level = 'MUST'): string {
  return `id: ${id}\ntitle: Given a person, when asked about ${id}, then it answers\nrequirement: contract ${id}\nlevel: ${level}\n${extra}`;
}

export function makeCase(over: Partial<Case> = {}): Case {
  return {
    id: 'P-X-001',
    title: 'Given x, when y, then z',
    requirement: 'r',
    level: 'MUST',
    mode: 'provider',
    suite: 'provider',
    file: 'harness/suites/provider/x.yaml',
    line: 1,
    body: {},
    ...over,
  };
}

export const PASS: CaseOutcome = { verdict: 'pass', failures: [], exchanges: [] };

export function failOutcome(message = 'AF came after CSN'): CaseOutcome {
  return {
    verdict: 'fail',
    failures: [{ expectation: 'sources in contract order', message }],
    exchanges: [],
  };
}

/** An executor answering from `outcomes` by case id (pass when absent), recording what it was asked. */
export function fakeExecutor(
  outcomes: Record<string, CaseOutcome | Error> = {},
): CaseExecutor & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    prepare() {
      calls.push('prepare');
      return Promise.resolve();
    },
    run(c) {
      calls.push(c.id);
      const o = outcomes[c.id] ?? PASS;
      return o instanceof Error ? Promise.reject(o) : Promise.resolve(o);
    },
    close() {
      calls.push('close');
      return Promise.resolve();
    },
  };
}

export function makeResult(over: Partial<CaseResult> = {}): CaseResult {
  return {
    id: 'P-X-001',
    title: 'Given x, when y, then z',
    requirement: 'r',
    level: 'MUST',
    suite: 'provider',
    file: 'f.yaml',
    line: 1,
    durationMs: 12,
    verdict: 'pass',
    failures: [],
    exchanges: [],
    ...over,
  };
}

export function makeRun(results: CaseResult[]): RunResult {
  return {
    mode: 'provider',
    target: 'http://127.0.0.1:8080/ssbtek/v10',
    startedAt: '2026-01-02T03:04:05.000Z',
    durationMs: 1234,
    results,
    summary: summarize(results),
  };
}

/** A run with one case of each verdict; the failure carries markup and an exchange. */
export function mixedRun(): RunResult {
  return makeRun([
    makeResult({ id: 'P-PASS-001' }),
    makeResult({
      id: 'P-FAIL-001',
      verdict: 'fail',
      failures: [
        { expectation: 'echoes korrelationsid', message: 'expected <script>alert("x")</script> & more' },
      ],
      exchanges: [
        {
          label: 'query',
          request: {
            method: 'POST',
            url: 'http://127.0.0.1:8080/ssbtek/v10',
            headers: { 'content-type': 'text/xml', authorization: 'Basic c2VjcmV0' },
            body: '<a><b>1</b></a>',
          },
          response: {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: '{"svar":{"x":1}}',
          },
          durationMs: 20,
        },
      ],
    }),
    makeResult({ id: 'P-ERR-001', level: 'SHOULD', verdict: 'error', reason: 'adapter crashed' }),
    makeResult({ id: 'P-SKIP-001', suite: 'extra', verdict: 'skip', reason: 'needs --control' }),
  ]);
}
