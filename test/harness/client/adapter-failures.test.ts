import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientExecutor } from '../../../harness/client/executor.ts';
import { TargetUnreachable, type CaseExecutor } from '../../../harness/core/types.ts';
import { clientCase, defaultMapping } from './support.ts';

const mapping = defaultMapping();
const healthyCase = clientCase('C-TEST-001', {
  person: 'ordinary',
  scenario: 'healthy',
  expect: ['queriesValid', 'conclusionsMatch'],
});

function executorFor(adapter: string, timeoutMs = 30_000): CaseExecutor {
  return createClientExecutor({ adapter, mapping, timeoutMs });
}

describe('client mode with an adapter that misbehaves', () => {
  let dir: string;
  const executors: CaseExecutor[] = [];
  const make = (adapter: string, timeoutMs?: number): CaseExecutor => {
    const e = executorFor(adapter, timeoutMs);
    executors.push(e);
    return e;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssbtek-client-adapter-'));
  });
  afterAll(async () => {
    for (const e of executors) await e.close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Given an adapter that prints garbage, when the case runs, then the verdict is error with its stdout and stderr in the exchange', async () => {
    const outcome = await make(`echo 'this is not json'; echo 'adapter exploded: no such client' >&2`).run(
      healthyCase,
    );
    expect(outcome.verdict).toBe('error');
    expect(outcome.reason).toMatch(/not one JSON document/);
    expect(outcome.reason).toContain('adapter exploded: no such client');
    const adapter = outcome.exchanges[0];
    expect(adapter?.label).toMatch(/^adapter/);
    expect(adapter?.response?.body).toContain('this is not json');
    expect(adapter?.error).toContain('adapter exploded: no such client');
    expect(adapter?.request.headers.SSBTEK_PERSON).toBe(mapping.persons.ordinary);
  });

  it('Given an adapter whose output breaks the output schema, when the case runs, then the verdict is error naming the schema', async () => {
    const outcome = await make(`echo '{"sources": {"AF": {"status": "maybe"}}}'`).run(healthyCase);
    expect(outcome.verdict).toBe('error');
    expect(outcome.reason).toMatch(/client-output\.schema\.json/);
    expect(outcome.reason).toMatch(/protectedIdentityShown/);
  });

  it('Given an adapter that exits with a non-zero code, when the case runs, then the verdict is error with the exit code', async () => {
    const outcome = await make(`echo 'cannot log in to the case system' >&2; exit 3`).run(healthyCase);
    expect(outcome.verdict).toBe('error');
    expect(outcome.reason).toMatch(/exit code 3/);
    expect(outcome.reason).toContain('cannot log in to the case system');
  });

  it('Given an adapter that hangs, when it runs past its limit, then the harness kills it (and what it started) and judges the case as failed', async () => {
    const pidFile = join(dir, 'hang.pid');
    const hanging = clientCase('C-TEST-002', {
      person: 'ordinary',
      scenario: 'slow',
      timeoutMs: 500,
      expect: ['givesUpInTime'],
    });
    const started = performance.now();
    const outcome = await make(`echo $$ > '${pidFile}'; exec sleep 60`, 1500).run(hanging);
    const took = performance.now() - started;
    expect(outcome.verdict).toBe('fail');
    expect(outcome.failures).toEqual([
      expect.objectContaining({
        expectation: 'it gives up within its own timeout',
        message: expect.stringMatching(/killed it \d+ ms after it started/) as unknown,
      }),
    ]);
    expect(outcome.exchanges[0]?.label).toMatch(/killed by the harness/);
    expect(took).toBeLessThan(6000);
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    expect(() => process.kill(pid, 0)).toThrow();
  });

  it('Given an adapter that hangs on a case that does not judge timing, when it is killed, then the case still fails for not ending', async () => {
    const outcome = await make('sleep 60', 1000).run(
      clientCase('C-TEST-003', { person: 'ordinary', scenario: 'healthy', expect: ['caseIdentity'] }),
    );
    expect(outcome.verdict).toBe('fail');
    expect(outcome.failures.map((f) => f.expectation)).toEqual([
      'the adapter ends by itself',
      'arendeidentitet is present and under 32 characters',
    ]);
  });

  it('Given an adapter command that does not exist, when the case runs, then the target is unreachable', async () => {
    await expect(make('ssbtek-no-such-adapter-command-1').run(healthyCase)).rejects.toBeInstanceOf(
      TargetUnreachable,
    );
    expect(existsSync(dir)).toBe(true);
  });
});
