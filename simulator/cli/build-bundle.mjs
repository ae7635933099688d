// Builds the start-up bundle (build.ts) in a process of its own: bin.js runs this as a child and then runs the bundle,
// so that the simulator's process never holds what building takes (tsx, esbuild's service, ajv's compiler for the
// validators generated ahead of time): a process that built the bundle itself kept ~80 MB more resident memory for its
// whole life (measured in docs/performance.md), and every start of a fresh clone builds.
//
//   node simulator/cli/build-bundle.mjs ROOT CACHE_DIR KEY
//
// It then loads the bundled scenario library (the default scenario and scenarios/*.yaml) through the bundle's scenario
// cache (scenario-cache.ts), so that the first start reads them as JSON too: parsing the YAML with positions there had
// cost that process ~30 MB of resident memory more than the next starts (measured in docs/performance.md).
//
// Exit 0 when built; otherwise exit 1 with the reason on stderr's first line.
import { join } from 'node:path';

const [root, cacheDir, key] = process.argv.slice(2);
try {
  if (root === undefined || cacheDir === undefined || key === undefined) throw new Error('usage: build-bundle.mjs ROOT CACHE_DIR KEY');
  const { tsImport } = await import('tsx/esm/api');
  const { buildStartBundle } = await tsImport('./build.ts', import.meta.url);
  await buildStartBundle({ root, cacheDir, key });
  try {
    const { scenarioCache } = await tsImport('./scenario-cache.ts', import.meta.url);
    const { loadScenarioDir } = await tsImport('../scenarios/watch.ts', import.meta.url);
    const { DEFAULT_SCENARIO, DEFAULT_SCENARIOS_DIR } = await tsImport('./main.ts', import.meta.url);
    const cache = scenarioCache(join(cacheDir, key, 'scenarios'));
    cache.load(DEFAULT_SCENARIO);
    loadScenarioDir(DEFAULT_SCENARIOS_DIR, cache.parse);
  } catch {
    // Only a head start: the simulator's process parses what is not in the cache itself.
  }
} catch (e) {
  process.stderr.write(`${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
  process.exit(1);
}
