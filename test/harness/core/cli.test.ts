import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, type CliDeps } from '../../../harness/cli/main.ts';
import { ExecutorUnavailable, importFactory, type ExecutorRegistry } from '../../../harness/cli/executors.ts';
import type { ClientOptions, ProviderOptions } from '../../../harness/core/options.ts';
import { TargetUnreachable, type CaseExecutor } from '../../../harness/core/types.ts';
import { caseYaml, coreRegistry, failOutcome, fakeExecutor, writeDir } from './support.ts';

const registry = coreRegistry();
const suite = writeDir(
  {
    'a.yaml': caseYaml('P-ECHO-001'),
    'b.yaml': caseYaml('P-SLOW-001', '', 'SHOULD'),
    'c.yaml': caseYaml('P-ORDER-001'),
  },
  'provider-',
);

interface Seen {
  provider?: ProviderOptions;
  client?: ClientOptions;
}

function registryOf(executor: CaseExecutor | Error, seen: Seen = {}): ExecutorRegistry {
  return {
    provider: (o) => (
      (seen.provider = o),
      executor instanceof Error ? Promise.reject(executor) : Promise.resolve(executor)
    ),
    client: (o) => (
      (seen.client = o),
      executor instanceof Error ? Promise.reject(executor) : Promise.resolve(executor)
    ),
  };
}

async function run(
  args: string[],
  over: Partial<CliDeps> = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    env: {},
    isTTY: false,
    registry,
    executors: registryOf(fakeExecutor()),
    ...over,
  });
  return { code, out, err };
}

const provider = ['provider', '--target', 'http://127.0.0.1:8080/ssbtek/v10', '--suite', suite];

describe('the ssbtek-harness command', () => {
  it('--help prints usage with the exit codes and exits 0', async () => {
    const res = await run(['--help']);
    expect(res.code).toBe(0);
    expect(res.out).toContain('ssbtek-harness provider --target URL');
    expect(res.out).toContain('Exit codes: 0 every MUST case passed, 1 a MUST case failed, 2 bad arguments');
  });

  it.each([
    [[], 'say which command'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['provider'], 'provider needs --target URL'],
    [['provider', '--target', 'ftp://x'], '--target must be an http or https URL'],
    [
      ['provider', '--target', 'http://x', '--timeout', 'soon'],
      '--timeout must be a positive number of milliseconds',
    ],
    [['provider', '--target', 'http://x', '--level', 'may'], '--level must be must or should'],
    [['provider', '--target', 'http://x', '--grep', '('], '--grep: not a regular expression'],
    [['provider', '--target', 'http://x', '--cert', 'c.pem'], '--cert and --key go together'],
    [
      ['provider', '--target', 'http://x', '--ca', '/no/such/ca.pem'],
      '--ca: cannot read /no/such/ca.pem (ENOENT)',
    ],
    [['provider', '--target', 'http://x', '--adapter', 'x'], '--adapter is not an option of provider'],
    [['provider', '--target', 'http://x', '--reporter', 'tap'], 'unknown reporter "tap"'],
    [['client'], 'client needs --adapter "COMMAND"'],
    [['client', '--adapter', 'x', '--target', 'http://x'], '--target is not an option of client'],
    [['list', '--suite', 'x'], 'list --suite DIR needs the mode'],
    [['provider', '--no-such-flag'], "Unknown option '--no-such-flag'"],
    [[...provider, '--grep', 'nothing-matches'], 'no case of'],
  ])('refuses %j with exit code 2 saying %s', async (args, message) => {
    const res = await run(args);
    expect(res.code).toBe(2);
    expect(res.err).toContain(message);
  });

  it('exits 2 naming a missing suite directory, and a bad case as file:line:column', async () => {
    const missing = join(suite, 'nope');
    const res = await run(['provider', '--target', 'http://x', '--suite', missing]);
    expect(res).toMatchObject({
      code: 2,
      err: `Invalid suite (1 problem):\n${missing}:1:1: no such suite directory\n`,
    });
    const bad = writeDir({ 'a.yaml': 'id: A-ONE\ntitle: When x then y\nrequirement: r\nlevel: MAY\n' });
    expect((await run(['provider', '--target', 'http://x', '--suite', bad])).err).toContain(
      `${bad}/a.yaml:4:8: level: must be one of "MUST", "SHOULD"`,
    );
  });

  it('exits 2 for a bad mapping, located', async () => {
    const dir = writeDir({ 'm.yaml': 'persons: {}\n' });
    const res = await run([...provider, '--mapping', join(dir, 'm.yaml')]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/^Invalid mapping \(\d+ problems\):\n/);
    expect(res.err).toContain(`${dir}/m.yaml:1:10: persons: must NOT have fewer than 1 properties`);
  });

  it('runs the suite with the executor the registry gives, passing the options; exit 0 when every MUST case passes', async () => {
    const seen: Seen = {};
    const res = await run(
      [...provider, '--timeout', '5000', '--deadline', '2000', '--control', 'http://127.0.0.1:8080'],
      { executors: registryOf(fakeExecutor(), seen) },
    );
    expect(res.code).toBe(0);
    expect(res.out).toContain('✓ [1/3] MUST   P-ECHO-001');
    expect(res.out).toContain('PASSED: every case passed');
    expect(seen.provider).toMatchObject({
      target: 'http://127.0.0.1:8080/ssbtek/v10',
      control: 'http://127.0.0.1:8080',
      timeoutMs: 5000,
      deadlineMs: 2000,
    });
    expect(seen.provider?.mapping.persons.protected).toBe('198307199979');
  });

  it('exit 1 when a MUST case fails, 0 when only a SHOULD case does; --level, --grep and --bail reach the runner', async () => {
    expect(
      (await run(provider, { executors: registryOf(fakeExecutor({ 'P-ECHO-001': failOutcome() })) })).code,
    ).toBe(1);
    expect(
      (await run(provider, { executors: registryOf(fakeExecutor({ 'P-SLOW-001': failOutcome() })) })).code,
    ).toBe(0);
    const must = await run([...provider, '--level', 'must', '--grep', 'p-(echo|slow)']);
    expect(must.out).toContain('1 case\n');
    const bail = await run([...provider, '--bail'], {
      executors: registryOf(fakeExecutor({ 'P-ECHO-001': failOutcome() })),
    });
    expect(bail.out).toContain('(skipped: not run (--bail))');
  });

  it('exit 3 when the target cannot be reached', async () => {
    const res = await run(provider, {
      executors: registryOf(
        fakeExecutor({ 'P-ECHO-001': new TargetUnreachable('connect ECONNREFUSED 127.0.0.1:8080') }),
      ),
    });
    expect(res).toMatchObject({
      code: 3,
      err: 'ssbtek-harness: the target could not be reached: connect ECONNREFUSED 127.0.0.1:8080\n',
    });
    expect((await run(provider, { executors: registryOf(new TargetUnreachable('no route')) })).code).toBe(3);
  });

  it('exit 2 with a clear message when a mode has no executor installed', async () => {
    const res = await run(provider, {
      executors: registryOf(
        new ExecutorUnavailable('the executor module /x/harness/provider/executor.ts is missing'),
      ),
    });
    expect(res).toMatchObject({
      code: 2,
      err: 'ssbtek-harness: the executor module /x/harness/provider/executor.ts is missing\n',
    });
    await expect(importFactory('./no-such-executor.ts', 'create', import.meta.url)).rejects.toThrow(
      /executor module .*no-such-executor\.ts is missing/,
    );
    await expect(importFactory('./support.ts', 'createNothing', import.meta.url)).rejects.toThrow(
      'does not export a function createNothing',
    );
  });

  it('client mode passes the adapter command and writes the reports asked for', async () => {
    const seen: Seen = {};
    const out = writeDir({});
    const res = await run(
      [
        'client',
        '--adapter',
        'node my-client.js',
        '--suite',
        suite,
        '--reporter',
        `junit:${out}/j.xml`,
        '--reporter',
        `html:${out}/r.html`,
      ],
      { executors: registryOf(fakeExecutor(), seen) },
    );
    expect(res).toMatchObject({ code: 0, out: '' });
    expect(seen.client).toMatchObject({ adapter: 'node my-client.js', timeoutMs: 30000 });
    expect(readFileSync(`${out}/j.xml`, 'utf8')).toContain('tests="3"');
    expect(readFileSync(`${out}/r.html`, 'utf8')).toContain('P-ORDER-001');
  });

  it('list prints each case with its level and id', async () => {
    const res = await run(['list', 'provider', '--suite', suite]);
    expect(res.code).toBe(0);
    expect(res.out).toContain('(3 cases)');
    expect(res.out).toContain(
      '  SHOULD P-SLOW-001           Given a person, when asked about P-SLOW-001, then it answers\n',
    );
  });

  it('the installed bin runs through tsx and answers --help', () => {
    const bin = fileURLToPath(new URL('../../../harness/cli/bin.js', import.meta.url));
    const res = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('ssbtek-harness');
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(pkg.bin['ssbtek-harness']).toBe('harness/cli/bin.js');
  });
});
