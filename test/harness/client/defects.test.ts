import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientExecutor } from '../../../harness/client/executor.ts';
import { DEFECTS } from '../../../harness/reference-client/defects.ts';
import { curlAvailable, startReferenceService } from './in-process-reference.ts';
import { clientCases, defaultMapping, explain, notPassing, REFERENCE_ADAPTER, runAll } from './support.ts';

/** Each broken variant of the reference client, and exactly the cases it must fail. */
const EXPECTED: Record<(typeof DEFECTS)[number], string[]> = {
  'ignore-protected': ['C-CONC-003'],
  'errors-as-nodata': ['C-CONC-005', 'C-CONC-007'],
  'retry-forever': ['C-FAULT-002'],
  'shared-account': ['C-REQ-005'],
};

describe('the broken variants of the reference client (REFERENCE_CLIENT_DEFECT)', () => {
  let service: Awaited<ReturnType<typeof startReferenceService>>;
  beforeAll(async () => {
    service = await startReferenceService();
  });
  afterAll(async () => {
    await service.close();
  });

  it.skipIf(!curlAvailable)(
    'each fails exactly the cases of the rule it breaks, and passes every other case of the suite',
    async () => {
      const cases = clientCases();
      const mapping = defaultMapping();
      // The four variants side by side: the cases mostly wait (Retry-After, timeouts), so this is quick.
      const runs = await Promise.all(
        DEFECTS.map(async (defect) => {
          const executor = createClientExecutor({
            adapter: service.adapterFor(defect),
            mapping,
            timeoutMs: 30_000,
          });
          try {
            return { defect, results: await runAll(executor, cases, 6) };
          } finally {
            await executor.close?.();
          }
        }),
      );
      for (const { defect, results } of runs) {
        expect(notPassing(results), `${defect}:\n${explain(results)}`).toEqual(EXPECTED[defect]);
        for (const id of EXPECTED[defect]) expect(results.get(id)?.verdict, `${defect} ${id}`).toBe('fail');
      }
    },
    90_000,
  );

  it('Given REFERENCE_CLIENT_DEFECT=shared-account on the real command, when C-REQ-005 runs, then it fails on the shared account', async () => {
    const c = clientCases().find((x) => x.id === 'C-REQ-005');
    if (c === undefined) throw new Error('C-REQ-005 is missing');
    const executor = createClientExecutor({
      adapter: `REFERENCE_CLIENT_DEFECT=shared-account ${REFERENCE_ADAPTER}`,
      mapping: defaultMapping(),
      timeoutMs: 30_000,
    });
    try {
      const outcome = await executor.run(c);
      expect(outcome.verdict).toBe('fail');
      expect(outcome.failures).toEqual([
        {
          expectation: 'handlaggare names a person, not a shared account',
          message:
            'query 1: handlaggare "socialtjanst" is a shared or technical account ("socialtjanst"), not a person',
        },
      ]);
    } finally {
      await executor.close?.();
    }
  });
});
