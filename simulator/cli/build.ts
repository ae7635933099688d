/**
 * The start-up bundle (issue 7, "cold start"): the CLI, every module it imports (the simulator's and the
 * packages'), and a validator for every contract schema generated ahead of time (ajv standalone code), compiled
 * by esbuild into one CommonJS script. `ssbtek-sim start` then runs neither tsx nor ajv's compiler, and Node
 * resolves and reads one file instead of about 500; bin.js runs it with V8's code cache (see there).
 *
 * simulator/cli/bin.js decides when a bundle is needed (a fingerprint of everything it is built from) and where
 * it lives (the cache directory); this module builds one. It runs from source (bin.js loads it with tsx), only
 * when no bundle of the current sources exists yet.
 *
 * `<cacheDir>/<key>/` holds `cli.cjs` and `meta.json`, and later the code cache (`cli.cjs.v8`) and the scenario
 * cache (`scenarios/`). A directory is renamed into place only once complete, so its existence means it is usable.
 * Once a new one is in place, the other builds of the same tree are removed, and so are builds of trees that no
 * longer exist (snapshots sharing node_modules through a link). The bundle has no source map (V8 would not use it
 * for a script compiled this way): function names are kept, and SSBTEK_SIM_FROM_SOURCE=1 runs the sources.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { standaloneValidatorsCode } from '../contracts/registry.ts';

/** The bundle's file name in its directory: a CommonJS script, ASCII only. */
export const BUNDLE_FILE = 'cli.cjs';
/** The scenario cache's directory (simulator/cli/scenario-cache.ts), next to the bundle. */
export const SCENARIOS_DIR = 'scenarios';
/** The generated validators, bundled (written next to the bundle while building). */
const VALIDATORS_FILE = 'validators.cjs';
/** The virtual entry module. */
const ENTRY = 'ssbtek-sim-entry';

/**
 * What is left out of the bundle, required from node_modules by absolute path when used, because the first
 * answer does not need it (bundled, it would be evaluated lazily, but still read at every start): node-forge
 * (`certs`, --tls, --mtls only), iconv-lite's encoding tables (charsets other than UTF-8), and mime-db's
 * 200 KB database (read as JSON by `require`: measured a few ms cheaper than compiling it as an object literal).
 * Each: the specifier, and where it is required from.
 */
const LEFT_OUT: readonly { specifier: string; from: RegExp }[] = [
  { specifier: 'node-forge', from: /./ },
  { specifier: 'mime-db', from: /./ },
  { specifier: '../encodings', from: /[\\/]node_modules[\\/]iconv-lite[\\/]lib[\\/]/ },
];

export interface StartBundleOptions {
  /** The checkout or installed package to bundle (holds simulator/, contracts/, package.json, node_modules). */
  root: string;
  /** Where bundles are kept. */
  cacheDir: string;
  /**
   * The fingerprint of the sources, `<tag>-<hash>`: the directory's name. bin.js computes it before anything is
   * read, so an edit made while building gives another key at the next start. Builds sharing the tag are of the
   * same tree.
   */
  key: string;
}

export interface BuildResult {
  /** The bundle's directory (`<cacheDir>/<key>`). */
  dir: string;
  /** The bundle: a CommonJS script exporting `main` and `useScenarioCache` (of simulator/cli/main.ts). */
  bundle: string;
  /** The simulator's source files in the bundle, relative to the root. */
  inputs: string[];
}

/** The three `import.meta` properties that locate files, replaced per module by its own values. */
const IMPORT_META = /\bimport\.meta\.(url|dirname|filename)\b/g;

/**
 * Replaces `import.meta.url` (and `.dirname`, `.filename`) in every simulator module by that module's own value,
 * so contracts/, scenarios/, the UI's static files and package.json are found relative to the source file as
 * they are when running from source, wherever the bundle lives.
 */
function keepModuleLocations(): Plugin {
  return {
    name: 'ssbtek-keep-module-locations',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const values: Record<string, string> = {
          url: pathToFileURL(args.path).href,
          dirname: dirname(args.path),
          filename: args.path,
        };
        return {
          contents: readFileSync(args.path, 'utf8').replace(IMPORT_META, (_m, name: string) =>
            JSON.stringify(values[name]),
          ),
          loader: 'ts',
        };
      });
      // A CommonJS package that uses __dirname or __filename gets its own values (the bundle's would be wrong).
      b.onLoad({ filter: /[\\/]node_modules[\\/].*\.c?js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        if (!/\b__(dirname|filename)\b/.test(text)) return undefined;
        return {
          contents: `var __filename = ${JSON.stringify(args.path)}, __dirname = ${JSON.stringify(dirname(args.path))};\n${text}`,
          loader: 'js',
        };
      });
    },
  };
}

/** LEFT_OUT: required by the absolute path Node resolves it to from where it is required. */
function leaveOut(): Plugin {
  return {
    name: 'ssbtek-leave-out',
    setup(b) {
      for (const { specifier, from } of LEFT_OUT) {
        b.onResolve(
          { filter: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) },
          (args) =>
            from.test(args.importer)
              ? { path: createRequire(args.importer).resolve(args.path), external: true }
              : undefined,
        );
      }
    },
  };
}

/**
 * The entry (a virtual module): the CLI's main and scenario cache, and the generated validators registered for
 * the contracts (the validators module is evaluated on the first validation only).
 */
function entry(root: string, validators: string): Plugin {
  const registry = JSON.stringify(join(root, 'simulator/contracts/registry.ts'));
  const main = JSON.stringify(join(root, 'simulator/cli/main.ts'));
  const contents = [
    `import { usePrecompiledValidators } from ${registry};`,
    `export { main, useScenarioCache } from ${main};`,
    `usePrecompiledValidators(() => require(${JSON.stringify(validators)}));`,
    '',
  ].join('\n');
  return {
    name: 'ssbtek-entry',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${ENTRY}$`) }, () => ({ path: ENTRY, namespace: 'ssbtek-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'ssbtek-entry' }, () => ({
        contents,
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

/**
 * The bundled validators module: a validator for every contract schema of `<root>/contracts` by `$id`
 * (standaloneValidatorsCode), its requires (ajv's runtime helpers, ajv-formats' formats) resolved from the sources.
 */
export function validatorsModuleCode(root: string): string {
  const requireFromSources = createRequire(join(root, 'simulator/contracts/registry.ts'));
  return standaloneValidatorsCode(join(root, 'contracts')).replace(
    /\brequire\("([^"\\]+)"\)/g,
    (_m, spec: string) => `require(${JSON.stringify(requireFromSources.resolve(spec))})`,
  );
}

/**
 * Removes the other builds of the same tree (same tag), builds of trees that no longer exist, and temporary
 * directories of builds that died (over an hour old: a younger one may be another process building right now).
 */
function removeStale(cacheDir: string, key: string): void {
  const tag = key.split('-')[0] ?? key;
  const hourAgo = new Date().getTime() - 3_600_000;
  for (const name of readdirSync(cacheDir)) {
    if (name === key) continue;
    const path = join(cacheDir, name);
    try {
      if (name.includes('.tmp-')) {
        if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
      } else if (
        name.startsWith(`${tag}-`) ||
        !existsSync((JSON.parse(readFileSync(join(path, 'meta.json'), 'utf8')) as { root: string }).root)
      ) {
        rmSync(path, { recursive: true, force: true });
      }
    } catch {
      // Removed by another process first, not a build (no meta.json), or not ours to remove: not a reason to fail.
    }
  }
}

/**
 * esbuild's options for the bundle of `root`, but its entry and output (also for checking that another entry built
 * the same way behaves the same, e.g. the golden answers).
 */
export function bundleOptions(root: string): BuildOptions {
  return {
    absWorkingDir: resolve(root),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Strict like the ES modules it is made of. Whitespace and comments out: less to read; ASCII only, so bin.js
    // reads it as Latin-1 without decoding UTF-8.
    banner: { js: '"use strict";' },
    minifyWhitespace: true,
    charset: 'ascii',
    legalComments: 'none',
    plugins: [keepModuleLocations(), leaveOut()],
    logLevel: 'silent',
  };
}

/** Builds the bundle of `root` into `<cacheDir>/<key>` (unless another process just did) and returns where it is. */
export async function buildStartBundle(o: StartBundleOptions): Promise<BuildResult> {
  const root = resolve(o.root);
  const final = join(o.cacheDir, o.key);
  mkdirSync(o.cacheDir, { recursive: true });
  const tmp = mkdtempSync(join(o.cacheDir, `${o.key}.tmp-`));
  try {
    chmodSync(tmp, 0o755);
    const validators = join(tmp, VALIDATORS_FILE);
    writeFileSync(validators, validatorsModuleCode(root));
    const options = bundleOptions(root);
    const result = await build({
      ...options,
      entryPoints: [ENTRY],
      outfile: join(tmp, BUNDLE_FILE),
      metafile: true,
      plugins: [entry(root, validators), ...(options.plugins ?? [])],
    });
    const problems = result.warnings.filter((w) => /import\.meta|require|dynamic/i.test(w.text));
    if (problems.length > 0)
      throw new Error(`esbuild: ${problems.map((w) => `${w.location?.file ?? ''}: ${w.text}`).join('; ')}`);
    // The fingerprint covers simulator/**/*.ts and the installed packages: a bundled file outside could change unnoticed.
    const inputs = Object.keys(result.metafile.inputs).filter((i) => !i.startsWith('ssbtek-entry:'));
    const ours = inputs.filter(
      (i) => !/(^|[\\/])node_modules[\\/]/.test(i) && resolve(root, i) !== validators,
    );
    const uncovered = ours.filter((i) => !/^simulator[\\/].*\.ts$/.test(i));
    if (uncovered.length > 0)
      throw new Error(
        `the bundle would include ${uncovered.join(', ')}, which the fingerprint in simulator/cli/bin.js does not cover`,
      );
    const bundle = readFileSync(join(tmp, BUNDLE_FILE));
    if (bundle.some((byte) => byte > 0x7f)) throw new Error(`${BUNDLE_FILE} is not ASCII`);
    rmSync(validators);
    writeFileSync(
      join(tmp, 'meta.json'),
      `${JSON.stringify({ root, key: o.key, node: process.version, inputs: inputs.length }, null, 2)}\n`,
    );
    try {
      renameSync(tmp, final);
    } catch (e) {
      // Another process finished the same build first: use theirs.
      if (!existsSync(join(final, BUNDLE_FILE))) throw e;
      rmSync(tmp, { recursive: true, force: true });
    }
    removeStale(o.cacheDir, o.key);
    return {
      dir: final,
      bundle: join(final, BUNDLE_FILE),
      inputs: ours.map((i) => relative(root, resolve(root, i))),
    };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
