import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../harness/core/exit-codes.ts';
import { exitCodeOf, NOT_RUN_BAIL, runCases, type RunOptions } from '../../../harness/core/run.ts';
import { TargetUnreachable, type CaseResult, type Reporter } from '../../../harness/core/types.ts';
import { failOutcome, fakeExecutor, makeCase } from './support.ts';

const cases = [
  makeCase({ id: 'P-ECHO-001', title: 'Given a person, when asked, then korrelationsid is echoed' }),
  makeCase({
    id: 'P-ORDER-001',
    title: 'Given all sources, when asked, then they come in contract order',
    body: { tags: ['order'] },
  }),
  makeCase({
    id: 'P-SLOW-001',
    level: 'SHOULD',
    title: 'Given a query, when asked, then the answer comes in time',
  }),
  makeCase({ id: 'P-FAULT-001', title: 'Given a bad orgnr, when asked, then a fault' }),
];

/** A clock that advances 5 ms each time it is read. */
function ticking(): () => number {
  let t = Date.parse('2026-01-02T03:04:05Z');
  return () => (t += 5);
}

const opts = (over: Partial<RunOptions> = {}): RunOptions => ({
  mode: 'provider',
  target: 'http://t/ssbtek/v10',
  now: ticking(),
  ...over,
});

describe('runCases', () => {
  it('prepares once, runs every case in order, times each, closes, and summarises', async () => {
    const ex = fakeExecutor({ 'P-ORDER-001': failOutcome(), 'P-SLOW-001': failOutcome('took 12 s') });
    const run = await runCases(cases, ex, opts());
    expect(ex.calls).toEqual(['prepare', 'P-ECHO-001', 'P-ORDER-001', 'P-SLOW-001', 'P-FAULT-001', 'close']);
    expect(run.results.map((r) => [r.id, r.verdict, r.durationMs])).toEqual([
      ['P-ECHO-001', 'pass', 5],
      ['P-ORDER-001', 'fail', 5],
      ['P-SLOW-001', 'fail', 5],
      ['P-FAULT-001', 'pass', 5],
    ]);
    expect(run.results[1]).toMatchObject({
      requirement: 'r',
      suite: 'provider',
      file: 'harness/suites/provider/x.yaml',
      line: 1,
      failures: [{ expectation: 'sources in contract order' }],
    });
    expect(run).toMatchObject({
      mode: 'provider',
      target: 'http://t/ssbtek/v10',
      startedAt: '2026-01-02T03:04:05.005Z',
    });
    expect(run.summary).toEqual({
      total: 4,
      passed: 2,
      failed: 2,
      skipped: 0,
      errors: 0,
      mustFailed: 1,
      shouldFailed: 1,
    });
    expect(exitCodeOf(run)).toBe(EXIT.mustFailed);
  });

  it('selects by --grep (id, title or tag) and --level must', async () => {
    const ids = async (o: Partial<RunOptions>): Promise<string[]> =>
      (await runCases(cases, fakeExecutor(), opts(o))).results.map((r) => r.id);
    expect(await ids({ grep: /echo/i })).toEqual(['P-ECHO-001']);
    expect(await ids({ grep: /contract order/ })).toEqual(['P-ORDER-001']);
    expect(await ids({ grep: /^order$/ })).toEqual(['P-ORDER-001']);
    expect(await ids({ grep: /P-/g })).toHaveLength(4);
    expect(await ids({ level: 'must' })).toEqual(['P-ECHO-001', 'P-ORDER-001', 'P-FAULT-001']);
    expect(await ids({ level: 'should' })).toHaveLength(4);
  });

  it('does not run a case with skip:, and reports its reason', async () => {
    const ex = fakeExecutor();
    const run = await runCases(
      [makeCase({ id: 'P-A', body: { skip: 'the simulator has no such fault yet' } })],
      ex,
      opts(),
    );
    expect(ex.calls).toEqual([]);
    expect(run.results[0]).toMatchObject({ verdict: 'skip', reason: 'the simulator has no such fault yet' });
    expect(exitCodeOf(run)).toBe(EXIT.ok);
  });

  it('--bail stops after the first MUST failure: the rest are skipped as not run', async () => {
    const ex = fakeExecutor({ 'P-ECHO-001': failOutcome() });
    const run = await runCases(cases, ex, opts({ bail: true }));
    expect(ex.calls).toEqual(['prepare', 'P-ECHO-001', 'close']);
    expect(run.results.map((r) => [r.id, r.verdict, r.reason])).toEqual([
      ['P-ECHO-001', 'fail', undefined],
      ['P-ORDER-001', 'skip', NOT_RUN_BAIL],
      ['P-SLOW-001', 'skip', NOT_RUN_BAIL],
      ['P-FAULT-001', 'skip', NOT_RUN_BAIL],
    ]);
  });

  it('--bail goes on after a SHOULD failure', async () => {
    const ex = fakeExecutor({ 'P-SLOW-001': failOutcome() });
    const run = await runCases(cases, ex, opts({ bail: true }));
    expect(run.summary).toMatchObject({ passed: 3, failed: 1, skipped: 0 });
    expect(exitCodeOf(run)).toBe(EXIT.ok);
  });

  it("an executor exception is that case's verdict error; the run goes on and fails", async () => {
    const ex = fakeExecutor({ 'P-ECHO-001': new Error('adapter exited with code 127') });
    const run = await runCases(cases, ex, opts());
    expect(run.results[0]).toMatchObject({
      verdict: 'error',
      reason: 'adapter exited with code 127',
      failures: [],
    });
    expect(run.summary).toMatchObject({ errors: 1, passed: 3, mustFailed: 1 });
    expect(exitCodeOf(run)).toBe(EXIT.mustFailed);
  });

  it('a prepare that fails (not unreachable) makes every run case an error', async () => {
    const ex = { ...fakeExecutor(), prepare: () => Promise.reject(new Error('control API answered 404')) };
    const run = await runCases(cases.slice(0, 2), ex, opts());
    expect(run.results.map((r) => [r.verdict, r.reason])).toEqual([
      ['error', 'the executor could not prepare: control API answered 404'],
      ['error', 'the executor could not prepare: control API answered 404'],
    ]);
  });

  it('TargetUnreachable stops the run and propagates (after close)', async () => {
    const ex = fakeExecutor({ 'P-ORDER-001': new TargetUnreachable('connect ECONNREFUSED 127.0.0.1:1') });
    await expect(runCases(cases, ex, opts())).rejects.toThrow(TargetUnreachable);
    expect(ex.calls).toEqual(['prepare', 'P-ECHO-001', 'P-ORDER-001', 'close']);
    const early = { ...fakeExecutor(), prepare: () => Promise.reject(new TargetUnreachable('no route')) };
    await expect(runCases(cases, early, opts())).rejects.toThrow('no route');
  });

  it('tells reporters the start, each case with its index, and the end', async () => {
    const events: string[] = [];
    const reporter: Reporter = {
      onStart: (s) => void events.push(`start ${s.mode} ${s.cases.length}`),
      onCase: (r: CaseResult, i, n) => void events.push(`${i}/${n} ${r.id} ${r.verdict}`),
      onEnd: (run) => void events.push(`end ${run.summary.total}`),
    };
    await runCases(cases, fakeExecutor(), opts({ level: 'must', reporters: [reporter] }));
    expect(events).toEqual([
      'start provider 3',
      '1/3 P-ECHO-001 pass',
      '2/3 P-ORDER-001 pass',
      '3/3 P-FAULT-001 pass',
      'end 3',
    ]);
  });

  it('exit code: 0 when every MUST case passed or was skipped, whatever SHOULD did', async () => {
    const run = await runCases(cases, fakeExecutor({ 'P-SLOW-001': new Error('boom') }), opts());
    expect(run.summary).toMatchObject({ errors: 1, mustFailed: 0, shouldFailed: 1 });
    expect(exitCodeOf(run)).toBe(EXIT.ok);
    expect(EXIT).toEqual({ ok: 0, mustFailed: 1, usage: 2, unreachable: 3 });
  });
});
