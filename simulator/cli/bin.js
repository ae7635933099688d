#!/usr/bin/env node
// Entry point of the ssbtek-sim command.
//
// It runs the start-up bundle (simulator/cli/build.ts: the CLI and its packages compiled by esbuild into one script,
// the contract validators generated ahead of time), kept in node_modules/.cache/ssbtek-sim/<key>/ and rebuilt
// whenever anything it is built from changed: the key is a fingerprint of the size and times of every
// simulator/**/*.ts file, contracts/**/*.json, package.json, package-lock.json, node_modules/.package-lock.json
// (rewritten by every npm install), tsconfig.json and this file, so an edit is seen at the next start. The script is
// compiled with V8's code cache, kept next to it. When there is no cache directory, or the bundle cannot be
// built, it runs the TypeScript sources through tsx, as before (slower to start).
//
// Environment: SSBTEK_SIM_FROM_SOURCE=1 always runs from source (e.g. for stack traces that point at the sources);
// SSBTEK_SIM_CACHE_DIR=DIR keeps bundles in DIR; SSBTEK_SIM_VERBOSE=1 says on stderr which it runs.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { getHeapCodeStatistics } from 'node:v8';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { capYoungGeneration, tuneHeap } from './heap.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url)).replace(/[\\/]$/, '');

/** Files (relative to the root) whose change gives another bundle, besides the trees below. */
const FILES = [
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
  'tsconfig.json',
  'simulator/cli/bin.js',
];
/** Trees (relative to the root) whose files with names like these are fingerprinted. */
const TREES = [
  ['simulator', /\.ts$/],
  ['contracts', /\.json$/],
];

function stamp(path) {
  const s = statSync(path, { throwIfNoEntry: false });
  return s === undefined ? '-' : `${s.size} ${s.mtimeMs} ${s.ctimeMs}`;
}

function addTree(out, dir, pattern) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) addTree(out, path, pattern);
    else if (pattern.test(e.name)) out.push(`${path} ${stamp(path)}`);
  }
}

/**
 * The bundle's key, `<tag>-<hash>`: the tag names the tree (its path); the hash covers Node's version and every
 * file the bundle is made of, by size, modification and change time (one stat per file, no reading: ~200 files).
 */
function fingerprint(root) {
  const lines = [];
  for (const rel of FILES) lines.push(`${root}/${rel} ${stamp(`${root}/${rel}`)}`);
  for (const [tree, pattern] of TREES) addTree(lines, `${root}/${tree}`, pattern);
  lines.sort();
  const tag = createHash('sha256').update(root).digest('hex').slice(0, 10);
  const hash = createHash('sha256')
    .update(`${process.version} ${process.arch}\n${lines.join('\n')}`)
    .digest('hex');
  return `${tag}-${hash.slice(0, 24)}`;
}

/** SSBTEK_SIM_CACHE_DIR, else node_modules/.cache/ssbtek-sim of the checkout, or of the project it is installed in. */
function cacheDirectory(root) {
  if (process.env.SSBTEK_SIM_CACHE_DIR) return process.env.SSBTEK_SIM_CACHE_DIR;
  if (existsSync(join(root, 'node_modules'))) return join(root, 'node_modules/.cache/ssbtek-sim');
  for (let dir = dirname(root); dir !== dirname(dir); dir = dirname(dir)) {
    if (basename(dir) === 'node_modules') return join(dir, '.cache/ssbtek-sim');
  }
  return undefined;
}

const verbose =
  process.env.SSBTEK_SIM_VERBOSE === '1'
    ? (line) => process.stderr.write(`ssbtek-sim: ${line}\n`)
    : () => undefined;

/** The CLI from the TypeScript sources, through tsx. */
async function fromSource() {
  verbose('running from source (tsx)');
  const { register } = await import('tsx/esm/api');
  register();
  return import('./main.ts');
}

/** Bytecode V8 holds now (cheap to ask): how much has been compiled. */
const bytecode = () => getHeapCodeStatistics().bytecode_and_metadata_size;

/**
 * Runs the bundle as a CommonJS module, compiled with V8's code cache kept beside it (`cli.cjs.v8`; V8 checks that
 * it belongs to this source, V8 and flags, and ignores it otherwise). The file starts with 8 bytes: the bytecode
 * size of the process that wrote it. At exit the cache is written again when there was none, V8 refused it, or
 * this process compiled clearly more (a `start` that answered queries, after one that did not).
 */
function runBundle(dir) {
  const file = join(dir, 'cli.cjs');
  const cacheFile = `${file}.v8`;
  let cached;
  try {
    cached = readFileSync(cacheFile);
  } catch {
    cached = undefined;
  }
  const cachedData = cached !== undefined && cached.length > 8 ? cached.subarray(8) : undefined;
  // On the first line, so the line numbers in stack traces are the bundle's.
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, 'latin1')}\n})`;
  const script = new vm.Script(wrapper, {
    filename: file,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  verbose(
    `running the start-up bundle ${file}${cachedData === undefined ? '' : script.cachedDataRejected ? ' (code cache refused)' : ' (code cache)'}`,
  );
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dir);
  process.once('exit', () => {
    const compiled = bytecode();
    if (
      cachedData !== undefined &&
      !script.cachedDataRejected &&
      compiled < cached.readDoubleLE(0) * 1.15
    )
      return;
    try {
      const header = Buffer.alloc(8);
      header.writeDoubleLE(compiled, 0);
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, Buffer.concat([header, script.createCachedData()]));
      renameSync(tmp, cacheFile);
    } catch {
      // A cache that cannot be written only costs the next start time.
    }
  });
  module.exports.useScenarioCache(join(dir, 'scenarios'));
  return module.exports;
}

/** The CLI: from the bundle of the current sources (built first when there is none), else from source. */
async function loadCli() {
  if (process.env.SSBTEK_SIM_FROM_SOURCE === '1') return fromSource();
  const cacheDir = cacheDirectory(ROOT);
  if (cacheDir === undefined) return fromSource();
  let dir;
  let built = false;
  try {
    const key = fingerprint(ROOT);
    dir = join(cacheDir, key);
    built = existsSync(join(dir, 'cli.cjs'));
  } catch (e) {
    process.stderr.write(
      `ssbtek-sim: running from source (slower start): ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return fromSource();
  }
  if (built) return runBundle(dir);
  verbose(`building the start-up bundle in ${dir}`);
  const reason = buildInChild(cacheDir, basename(dir));
  if (reason !== undefined) {
    process.stderr.write(
      `ssbtek-sim: running from source (slower start): no start-up bundle in ${cacheDir}: ${reason}\n`,
    );
    return fromSource();
  }
  return runBundle(dir);
}

/**
 * Builds the bundle in a child process (build-bundle.mjs), so that this process, which then runs it, never loads
 * what building takes. Returns undefined when built, else the reason.
 */
function buildInChild(cacheDir, key) {
  const r = spawnSync(process.execPath, [fileURLToPath(new URL('./build-bundle.mjs', import.meta.url)), ROOT, cacheDir, key], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.error !== undefined) return r.error.message;
  if (r.status === 0) return undefined;
  return r.stderr.split('\n')[0] || (r.signal === null ? `the build exited with ${r.status}` : `the build was stopped by ${r.signal}`);
}

// Before the CLI is compiled: V8's code cache is keyed by the flags (see heap.js).
tuneHeap();
capYoungGeneration();
const { main } = await loadCli();
const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
