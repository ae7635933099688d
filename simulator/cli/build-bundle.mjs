// Builds the start-up bundle (build.ts) in a process of its own: bin.js runs this as a child and then runs the bundle,
// so that the simulator's process never holds what building takes (tsx, esbuild's service, ajv's compiler for the
// validators generated ahead of time): a process that built the bundle itself kept ~80 MB more resident memory for its
// whole life (measured in docs/performance.md), and every start of a fresh clone builds.
//
//   node simulator/cli/build-bundle.mjs ROOT CACHE_DIR KEY
//
// Exit 0 when built; otherwise exit 1 with the reason on stderr's first line.
const [root, cacheDir, key] = process.argv.slice(2);
try {
  if (root === undefined || cacheDir === undefined || key === undefined) throw new Error('usage: build-bundle.mjs ROOT CACHE_DIR KEY');
  const { tsImport } = await import('tsx/esm/api');
  const { buildStartBundle } = await tsImport('./build.ts', import.meta.url);
  await buildStartBundle({ root, cacheDir, key });
} catch (e) {
  process.stderr.write(`${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
  process.exit(1);
}
