import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../harness/core/types.ts';
import {
  idsWith,
  notPassing,
  providerCases,
  runProvider,
  simulatorMapping,
  startDefaultSimulator,
} from './support/run-suite.ts';

/** The cases that need a provider state (a failing source) or the simulator's own felkod table. */
const NEED_STATE = ['P-OPS-005', 'P-PART-001', 'P-PART-002', 'P-PART-003', 'P-PART-004', 'P-TIME-002'];
const NEED_CONTROL = ['P-FELKOD-001', 'P-FELKOD-002', 'P-FELKOD-003'];

let sim: Awaited<ReturnType<typeof startDefaultSimulator>>;
beforeAll(async () => {
  sim = await startDefaultSimulator();
});
afterAll(async () => {
  await sim.close();
});

describe('the provider suite against the simulator (default scenario)', () => {
  it('passes every MUST and SHOULD case with --control', async () => {
    const run = await runProvider({ target: `${sim.url}/ssbtek/v10`, control: sim.url });
    expect(notPassing(run)).toEqual([]);
    expect(run.summary.total).toBeGreaterThanOrEqual(35);
  });

  describe('without --control', () => {
    let run: RunResult;
    beforeAll(async () => {
      // Every case that needs something of the target, and two that need only a mapping person: the
      // rest send exactly what the run with --control sent.
      const cases = providerCases().filter(
        (c) => c.body.needs !== undefined || ['P-OPS-002', 'P-ECHO-001'].includes(c.id),
      );
      run = await runProvider({ target: `${sim.url}/ssbtek/v10` }, cases);
    });

    it('skips exactly the cases that need a state or the simulator, each saying what would let it run', () => {
      expect(idsWith(run, 'skip')).toEqual([...NEED_STATE, ...NEED_CONTROL].sort());
      const reasons = Object.fromEntries(
        run.results.filter((r) => r.verdict === 'skip').map((r) => [r.id, r.reason]),
      );
      expect(reasons['P-PART-001']).toBe(
        'needs a provider in state "CSN does not answer in time": give --control for the simulator, or a mapping person of kind csn-timeout',
      );
      expect(reasons['P-PART-003']).toBe(
        'needs a provider in state "CSN times out and Skatteverket reports an error": give --control for the simulator',
      );
      expect(reasons['P-FELKOD-001']).toMatch(/^needs --control: the case checks ssbtek-sim's own behaviour/);
    });

    it('runs and passes the cases that need only persons of the mapping', () => {
      expect(notPassing(run).filter((line) => !/ skip /.test(line))).toEqual([]);
      expect(idsWith(run, 'pass')).toEqual(
        expect.arrayContaining(['P-ECHO-001', 'P-FAULT-004', 'P-NODATA-001', 'P-OPS-002', 'P-PROT-001']),
      );
    });
  });

  it('runs a state case without --control when the mapping names a person already in that state', async () => {
    // The default scenario's persona technical-error gets a technical error from Skatteverket.
    const run = await runProvider(
      { target: `${sim.url}/ssbtek/v10`, mapping: simulatorMapping({ 'skv-error': '197712129852' }) },
      providerCases().filter((c) => c.id === 'P-PART-002'),
    );
    const partial = run.results.find((r) => r.id === 'P-PART-002');
    expect(partial?.verdict, notPassing(run).join('\n')).toBe('pass');
    expect(partial?.exchanges[0]?.request.headers['x-ssbtek-scenario']).toBeUndefined();
    expect(partial?.exchanges[0]?.request.body).toContain('197712129852');
  });
});
