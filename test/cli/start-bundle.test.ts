/**
 * The package's bin runs the start-up bundle (simulator/cli/bin.js, build.ts; issue 7): built once from the current
 * sources and reused, built anew as soon as a source it is made of changes (never stale), and the TypeScript
 * sources through tsx when no bundle can be built. The tests run copies of the sources (node_modules linked), each
 * keeping its bundles in a directory of its own (SSBTEK_SIM_CACHE_DIR); SSBTEK_SIM_VERBOSE=1 makes the bin say which
 * way it runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fullQuery } from '../support/lefi.ts';
import { soapQuery } from '../support/queries.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILDING = 'ssbtek-sim: building the start-up bundle';
const RUNNING = 'ssbtek-sim: running the start-up bundle';
const FROM_SOURCE = 'ssbtek-sim: running from source';

const fresh = (prefix: string): string => mkdtempSync(join(tmpdir(), `ssbtek-${prefix}-`));

/** Runs `<root>/simulator/cli/bin.js args` to its end. */
function bin(
  root: string,
  args: string[],
  env: Record<string, string>,
): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [join(root, 'simulator/cli/bin.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SSBTEK_SIM_VERBOSE: '1', SSBTEK_SIM_FROM_SOURCE: '', ...env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The bundles in a cache directory (complete ones: `<tag>-<hash>` directories holding cli.cjs). */
const bundles = (cacheDir: string): string[] =>
  readdirSync(cacheDir)
    .filter((d) => !d.includes('.tmp-'))
    .sort();

/** A copy of the project's sources (node_modules linked), to edit. */
function copyOfTree(): string {
  const root = fresh('tree');
  for (const part of [
    'simulator',
    'contracts',
    'scenarios',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
  ])
    cpSync(join(ROOT, part), join(root, part), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

describe('the ssbtek-sim bin and its start-up bundle', () => {
  // A copy of the sources of its own, so that an edit of the checkout while the tests run does not rebuild.
  const tree = copyOfTree();

  it('builds the bundle once, then runs it (with its code cache), and it behaves as the sources do', () => {
    const cache = fresh('bundle-cache');
    const first = bin(tree, ['--help'], { SSBTEK_SIM_CACHE_DIR: cache });
    expect(first.code).toBe(0);
    expect(first.out).toContain('ssbtek-sim start [options]');
    expect(first.err).toContain(BUILDING);
    expect(first.err).toContain(RUNNING);
    expect(bundles(cache)).toHaveLength(1);
    const [key = ''] = bundles(cache);
    expect(readdirSync(join(cache, key))).toContain('cli.cjs');
    // The build also put the bundled scenario library into the bundle's scenario cache (even `--help`, which loads
    // no scenario, finds it there), so that the first start reads JSON instead of parsing YAML.
    const library = readdirSync(join(tree, 'scenarios')).filter((f) => f.endsWith('.yaml'));
    expect(readdirSync(join(cache, key, 'scenarios')).filter((f) => f.endsWith('.json'))).toHaveLength(library.length);

    const second = bin(tree, ['validate', join(tree, 'scenarios/default.yaml')], {
      SSBTEK_SIM_CACHE_DIR: cache,
    });
    expect(second).toMatchObject({ code: 0, out: expect.stringContaining('valid (15 personas)') as string });
    expect(second.err).not.toContain(BUILDING);
    expect(second.err).toContain(RUNNING);
    // V8's code cache, written at exit (by the first run already): the next run compiles with it.
    expect(readdirSync(join(cache, key))).toContain('cli.cjs.v8');
    expect(bin(tree, ['--help'], { SSBTEK_SIM_CACHE_DIR: cache }).err).toContain(
      `${RUNNING} ${join(cache, key, 'cli.cjs')} (code cache)`,
    );
    expect(bundles(cache)).toEqual([key]);

    // A scenario with problems: the report (the generated scenario validator's errors) and the exit code are the
    // same from the bundle as from the sources.
    const bad = join(fresh('bad-scenario'), 'bad.yaml');
    writeFileSync(
      bad,
      'schemaVersion: 1\nname: bad\nseed: 1\ncomposite: { timeoutMs: -5, extra: 1 }\npersonas:\n  - { id: x, personidentitet: "123", description: kort }\n',
    );
    const fromBundle = bin(tree, ['validate', bad], { SSBTEK_SIM_CACHE_DIR: cache });
    const fromSource = bin(tree, ['validate', bad], { SSBTEK_SIM_FROM_SOURCE: '1' });
    expect(fromSource.err).toContain(FROM_SOURCE);
    expect(fromBundle.code).toBe(2);
    expect(fromBundle.code).toBe(fromSource.code);
    const report = (err: string): string =>
      err
        .split('\n')
        .filter((l) => !l.startsWith('ssbtek-sim: '))
        .join('\n');
    expect(report(fromBundle.err)).toContain(`${bad}:`);
    expect(report(fromBundle.err)).toBe(report(fromSource.err));
  }, 240_000);

  it('builds anew when a source file changes, and runs the changed code; no other bundle of the tree is kept', () => {
    const root = copyOfTree();
    const cache = fresh('bundle-cache');
    const env = { SSBTEK_SIM_CACHE_DIR: cache };
    expect(bin(root, ['--help'], env).err).toContain(BUILDING);
    expect(bin(root, ['--help'], env).err).not.toContain(BUILDING);
    const [before = ''] = bundles(cache);

    // An edit of the CLI: seen at the next start.
    const main = join(root, 'simulator/cli/main.ts');
    writeFileSync(
      main,
      readFileSync(main, 'utf8').replace(
        'ssbtek-sim: a local SSBTEK v10',
        'ssbtek-sim (edited): a local SSBTEK v10',
      ),
    );
    const edited = bin(root, ['--help'], env);
    expect(edited.err).toContain(BUILDING);
    expect(edited.out).toContain('ssbtek-sim (edited): a local SSBTEK v10');
    expect(bundles(cache)).toHaveLength(1);
    expect(bundles(cache)).not.toEqual([before]);

    // A file deep in the tree, only touched; and a contract (the validators are generated from it): each a new bundle.
    const later = new Date(Date.parse('2030-01-01T00:00:00Z'));
    utimesSync(join(root, 'simulator/xml/parse.ts'), later, later);
    expect(bin(root, ['--help'], env).err).toContain(BUILDING);
    const ping = join(root, 'contracts/composite/ping-answer.schema.json');
    writeFileSync(ping, `${readFileSync(ping, 'utf8')}\n`);
    expect(bin(root, ['--help'], env).err).toContain(BUILDING);
    expect(bin(root, ['--help'], env).err).not.toContain(BUILDING);
    expect(bundles(cache)).toHaveLength(1);
  }, 300_000);

  it("answers a query without loading ajv's compiler or esbuild, also on the start that builds the bundle", async () => {
    // A fresh cache: this start builds the bundle (in a child process), then serves from it.
    const cache = fresh('bundle-cache');
    // Preloaded: says at exit whether ajv's compiler (ajv/dist/core.js) or esbuild was ever required in the process.
    const probe = join(fresh('probe'), 'probe.cjs');
    writeFileSync(
      probe,
      [
        'const loaded = (re) => Object.keys(require.cache).some((k) => re.test(k));',
        "process.on('exit', () => process.stderr.write('ajv compiler loaded: ' + loaded(/[\\\\/]ajv[\\\\/]dist[\\\\/]core\\.js$/) + '\\nesbuild loaded: ' + loaded(/[\\\\/]esbuild[\\\\/]lib[\\\\/]main\\.js$/) + '\\n'));",
        '',
      ].join('\n'),
    );
    const child = spawn(
      process.execPath,
      ['-r', probe, join(tree, 'simulator/cli/bin.js'), 'start', '--port', '0', '--quiet', '--no-watch'],
      { cwd: tree, env: { ...process.env, SSBTEK_SIM_CACHE_DIR: cache, SSBTEK_SIM_VERBOSE: '1' } },
    );
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const soapUrl = await new Promise<string>((res, rej) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /SOAP endpoint\s+(\S+)/.exec(out);
          if (m?.[1] !== undefined) res(m[1]);
        });
        void exited.then((code) => rej(new Error(`exited ${String(code)}: ${out}${err}`)));
      });
      const res = await fetch(soapUrl, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body: soapQuery(fullQuery('198803159824')),
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('hamtaBastjanstInformationResponse');
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(err).toContain(BUILDING);
    expect(err).toContain(RUNNING);
    expect(err).toContain('ajv compiler loaded: false');
    expect(err).toContain('esbuild loaded: false');
  }, 120_000);

  it('runs from source, with a warning, when the cache directory cannot be written', () => {
    const blocker = join(fresh('bundle-cache'), 'a-file');
    writeFileSync(blocker, '');
    const res = bin(tree, ['validate', join(tree, 'scenarios/default.yaml')], {
      SSBTEK_SIM_CACHE_DIR: join(blocker, 'cache'),
    });
    expect(res.code).toBe(0);
    expect(res.out).toContain('valid (15 personas)');
    expect(res.err).toContain('ssbtek-sim: running from source (slower start): no start-up bundle in');
    expect(res.err).toContain(FROM_SOURCE);
  }, 120_000);

  it('npm start runs the bin', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(pkg.bin['ssbtek-sim']).toBe('simulator/cli/bin.js');
    expect(pkg.scripts.start).toBe('node simulator/cli/bin.js start');
  });
});
