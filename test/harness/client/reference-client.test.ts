import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientExecutor } from '../../../harness/client/executor.ts';
import type { CaseExecutor } from '../../../harness/core/types.ts';
import { clientCases, defaultMapping, explain, notPassing, REFERENCE_ADAPTER, runAll } from './support.ts';

describe('the reference client through its adapter (node --import tsx)', () => {
  let executor: CaseExecutor;
  beforeAll(async () => {
    executor = createClientExecutor({
      adapter: REFERENCE_ADAPTER,
      mapping: defaultMapping(),
      timeoutMs: 30_000,
    });
    await executor.prepare?.();
  });
  afterAll(async () => {
    await executor.close?.();
  });

  it('passes every MUST and SHOULD case of harness/suites/client', async () => {
    const cases = clientCases();
    const results = await runAll(executor, cases, 4);
    expect(results.size).toBe(cases.length);
    expect(notPassing(results), explain(results)).toEqual([]);
  }, 90_000);
});
