import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the bin (no type declarations)
import { capYoungGeneration, flagGiven, HEAP_GROWING_PERCENT, semiSpaceGrowthFactor, tuneHeap } from '../../simulator/cli/heap.js';

type FlagGiven = (flag: string, execArgv: readonly string[], nodeOptions: string | undefined) => boolean;
type TuneHeap = (execArgv?: readonly string[], nodeOptions?: string) => string | undefined;
const given = flagGiven as FlagGiven;
const tune = tuneHeap as TuneHeap;

describe('the bin keeps the heap near its live data unless the user chose otherwise', () => {
  it('sees the flag on the node command line or in NODE_OPTIONS, in either spelling', () => {
    expect(given('--heap-growing-percent', ['--heap-growing-percent=50'], undefined)).toBe(true);
    expect(given('--heap-growing-percent', [], '--max-old-space-size=512 --heap_growing_percent=30')).toBe(true);
    expect(given('--heap-growing-percent', ['--heap-growing-percent'], '')).toBe(true);
    expect(given('--heap-growing-percent', ['--max-old-space-size=512', '--heap-growing-percentage=1'], '--inspect')).toBe(false);
    expect(given('--heap-growing-percent', [], undefined)).toBe(false);
  });

  it('sets its own value only when the user gave none', () => {
    expect(tune(['--heap-growing-percent=40'], undefined)).toBeUndefined();
    expect(tune([], '--heap-growing-percent=40')).toBeUndefined();
    expect(tune([], undefined)).toBe(`--heap-growing-percent=${String(HEAP_GROWING_PERCENT)}`);
  });
});

describe('the bin caps the young generation (as node --max-semi-space-size would) unless the user chose otherwise', () => {
  const MB = 1024 * 1024;
  const space = (semiSpaceMb: number): { space_used_size: number; space_available_size: number } => ({
    space_used_size: semiSpaceMb * MB * 0.6,
    space_available_size: semiSpaceMb * MB * 0.4 - 64 * 1024,
  });

  it('lets V8 double the semi-spaces while the double stays within the cap, and no further', () => {
    const factor = semiSpaceGrowthFactor as (s: ReturnType<typeof space>, cap: number) => number;
    expect(factor(space(1), 8)).toBe(2);
    expect(factor(space(4), 8)).toBe(2);
    expect(factor(space(8), 8)).toBe(1);
    expect(factor(space(6), 8)).toBe(1);
    expect(factor(space(16), 16)).toBe(1);
  });

  it('leaves V8 alone when the user set the semi-space size or its growth', () => {
    const cap = capYoungGeneration as (execArgv?: readonly string[], nodeOptions?: string) => string | undefined;
    expect(cap(['--max-semi-space-size=32'], undefined)).toBeUndefined();
    expect(cap([], '--semi_space_growth_factor=4')).toBeUndefined();
  });

  it('keeps a process that allocates fast within the cap', () => {
    const heap = fileURLToPath(new URL('../../simulator/cli/heap.js', import.meta.url));
    const script = `
      const { capYoungGeneration } = await import(${JSON.stringify(pathToFileURL(heap).href)});
      const { getHeapSpaceStatistics } = await import('node:v8');
      const capped = capYoungGeneration([], '', Number(process.argv[1]));
      const keep = [];
      let largest = 0;
      for (let i = 0; i < 3e6; i++) {
        const o = { i, pair: [i, i + 1], text: 'x' + i };
        if (i % 40 === 0) { keep.push(o); if (keep.length > 40000) keep.splice(0, 20000); }
        if (i % 2000 === 0) { await new Promise((r) => setImmediate(r)); largest = Math.max(largest, getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size); }
      }
      process.stdout.write(JSON.stringify({ capped, largest }));
    `;
    const run = (capMb: number): { capped?: string; largest: number } =>
      JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script, String(capMb)], { encoding: 'utf8' })) as { capped?: string; largest: number };
    const two = run(2);
    expect(two.capped).toMatch(/capped at 2 MB/);
    expect(two.largest).toBeLessThanOrEqual(2 * 2 * MB);
    // Without the cap V8 grows it past that under the same allocation.
    expect(run(64).largest).toBeGreaterThan(2 * 2 * MB);
  });
});
