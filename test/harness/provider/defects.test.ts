import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../harness/core/types.ts';
import { DEFECTS, type DefectName } from './support/defects.ts';
import { startMutatingProxy } from './support/mutating-proxy.ts';
import {
  idsWith,
  notPassing,
  providerCases,
  runProvider,
  startDefaultSimulator,
} from './support/run-suite.ts';

/**
 * Each defect, and exactly the cases that must catch it. Every other case must still pass: a
 * harness that fails unrelated cases for a defect points the supplier at the wrong thing.
 */
const CAUGHT_BY: Record<DefectName, string[]> = {
  // kalla is checked wherever a source's error is expected (queries and the ping).
  swapsKalla: ['P-OPS-005', 'P-PART-001', 'P-PART-002', 'P-PART-003', 'P-PART-004'],
  // Order is checked by the XSD (officialOrder), by `sources` and by `ping`, whenever two or more sources answer.
  sourcesOutOfOrder: [
    'P-ECHO-003',
    'P-FAULT-004',
    'P-INKL-001',
    'P-INKL-003',
    'P-NODATA-001',
    'P-OPS-001',
    'P-OPS-002',
    'P-OPS-003',
    'P-OPS-004',
    'P-OPS-005',
    'P-PART-001',
    'P-PART-002',
    'P-PART-003',
  ],
  dropsAfProtection: ['P-PROT-001', 'P-PROT-003'],
  omitsKorrelationsid: ['P-ECHO-001', 'P-ECHO-003'],
  ignoresInkludera: ['P-FAULT-012', 'P-FELKOD-003', 'P-INKL-001', 'P-INKL-002', 'P-INKL-003'],
  acceptsBadCheckDigit: ['P-FAULT-003', 'P-FELKOD-001'],
};

let sim: Awaited<ReturnType<typeof startDefaultSimulator>>;
const runs = new Map<DefectName, RunResult>();

beforeAll(async () => {
  sim = await startDefaultSimulator();
  const cases = providerCases();
  // The six defective providers are judged side by side (each run is sequential, as the CLI runs it).
  await Promise.all(
    (Object.keys(DEFECTS) as DefectName[]).map(async (name) => {
      const proxy = await startMutatingProxy(sim.url, DEFECTS[name]);
      try {
        runs.set(name, await runProvider({ target: `${proxy.url}/ssbtek/v10`, control: sim.url }, cases));
      } finally {
        await proxy.close();
      }
    }),
  );
}, 60_000);
afterAll(async () => {
  await sim.close();
});

describe('a defective provider fails exactly the cases that check what it breaks', () => {
  for (const [name, expected] of Object.entries(CAUGHT_BY) as [DefectName, string[]][]) {
    it(name, () => {
      const run = runs.get(name);
      if (run === undefined) throw new Error(`no run for ${name}`);
      expect(idsWith(run, 'fail'), notPassing(run).join('\n')).toEqual([...expected].sort());
      expect(idsWith(run, 'error')).toEqual([]);
      expect(idsWith(run, 'skip')).toEqual([]);
    });
  }

  it('names what the defect broke in the failures', () => {
    const messages = (name: DefectName, id: string): string =>
      (runs.get(name)?.results.find((r) => r.id === id)?.failures ?? [])
        .map((f) => `${f.expectation}: ${f.message}`)
        .join('\n');
    expect(messages('swapsKalla', 'P-PART-001')).toContain('CSN error has kalla=BT, expected SSBT');
    expect(messages('sourcesOutOfOrder', 'P-OPS-002')).toContain(
      'out of contract order: MIV, TNS, SO, SKV, FK, CSN, AF',
    );
    expect(messages('dropsAfProtection', 'P-PROT-001')).toContain(
      'AF answers data without marking the protected identity (Svar/Sekretessmarkering true)',
    );
    expect(messages('omitsKorrelationsid', 'P-ECHO-001')).toContain(
      'korrelationsid is not echoed (sent "harness-korrelation-0001")',
    );
    expect(messages('ignoresInkludera', 'P-INKL-002')).toContain('not asked for: AF, CSN, FK, SKV, SO, MIV');
    expect(messages('acceptsBadCheckDigit', 'P-FAULT-003')).toContain(
      'expected a SOAP Fault, got the answer of hamtaBastjanstInformation (HTTP 200)',
    );
  });
});
