// How the simulator's process keeps its memory close to its live data (issue 7, docs/performance.md).
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/**
 * How much V8 lets the old generation grow past what survived the last full collection before it
 * collects again, in percent. V8 chooses this itself (up to about +100 % for a process allocating as
 * fast as a simulator under load), and the heap then swings between its ~50 MB of live data and 150 MB
 * or more of garbage, which is most of the resident memory. 20 % keeps the peak near the live data
 * at the price of more (mostly concurrent) collections: measured in docs/performance.md.
 */
export const HEAP_GROWING_PERCENT = 20;

/**
 * Whether the node command line (`execArgv`) or NODE_OPTIONS already sets a V8 flag: the user's choice wins.
 * @param {string} flag e.g. --heap-growing-percent
 * @param {readonly string[]} execArgv
 * @param {string | undefined} nodeOptions
 * @returns {boolean}
 */
export function flagGiven(flag, execArgv, nodeOptions) {
  const spelled = [flag, `--${flag.slice(2).replaceAll('-', '_')}`];
  const words = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  return words.some((w) => spelled.some((s) => w === s || w.startsWith(`${s}=`)));
}

/**
 * Sets --heap-growing-percent (see HEAP_GROWING_PERCENT) unless the user set it. V8 reads it at every
 * full collection, so setting it at start-up takes effect (unlike --max-old-space-size, fixed when the
 * heap is made). Called by bin.js before the CLI is compiled, so V8's code cache (which is keyed by
 * the flags) stays valid from one start to the next. Returns the flag set, or undefined.
 * @param {readonly string[]} [execArgv]
 * @param {string | undefined} [nodeOptions]
 * @returns {string | undefined}
 */
export function tuneHeap(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS) {
  if (flagGiven('--heap-growing-percent', execArgv, nodeOptions)) return undefined;
  const flag = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
  setFlagsFromString(flag);
  return flag;
}

/**
 * The largest semi-space (MB) the bin lets V8's young generation grow to: the new space is two of
 * them. V8's own bound is 16 MB on 64-bit machines; under 50 concurrent queries the new space grows to
 * it, and 32 MB of young generation are a fifth of the resident memory. 8 MB keeps the peak resident
 * memory under load ~15 MB lower at the price of scavenging twice as often (measured in docs/performance.md).
 */
export const MAX_SEMI_SPACE_MB = 8;

/**
 * The --semi-space-growth-factor that keeps the young generation within `maxSemiSpaceMb`: V8 grows
 * the semi-spaces by this factor after a scavenge that saw enough survive, so 2 while one doubling
 * stays within the cap, else 1 (no growth).
 * @param {{ space_used_size: number, space_available_size: number }} newSpace the new space's statistics
 * @param {number} maxSemiSpaceMb
 * @returns {1 | 2}
 */
export function semiSpaceGrowthFactor(newSpace, maxSemiSpaceMb) {
  // used + available is the capacity of one semi-space (a little under its nominal size).
  const semiSpace = newSpace.space_used_size + newSpace.space_available_size;
  return semiSpace * 2 <= maxSemiSpaceMb * 1024 * 1024 ? 2 : 1;
}

/**
 * Caps the young generation at `maxSemiSpaceMb` semi-spaces, as `node --max-semi-space-size` would,
 * unless the user set that or --semi-space-growth-factor. --max-semi-space-size is read only when the
 * heap is made, before the bin runs; the growth factor is read at every growth, so the bin sets it
 * after each garbage collection from the new space's size (a PerformanceObserver of gc entries, which
 * does not keep the process alive). Returns what it set up, or undefined.
 * @param {readonly string[]} [execArgv]
 * @param {string | undefined} [nodeOptions]
 * @param {number} [maxSemiSpaceMb]
 * @returns {string | undefined}
 */
export function capYoungGeneration(execArgv = process.execArgv, nodeOptions = process.env.NODE_OPTIONS, maxSemiSpaceMb = MAX_SEMI_SPACE_MB) {
  if (flagGiven('--max-semi-space-size', execArgv, nodeOptions) || flagGiven('--semi-space-growth-factor', execArgv, nodeOptions)) return undefined;
  let factor = 0;
  const apply = () => {
    const newSpace = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (newSpace === undefined) return;
    const next = semiSpaceGrowthFactor(newSpace, maxSemiSpaceMb);
    if (next === factor) return;
    setFlagsFromString(`--semi-space-growth-factor=${next}`);
    factor = next;
  };
  apply();
  new PerformanceObserver(apply).observe({ entryTypes: ['gc'] });
  // Back to the default before anything writes V8's code cache at exit (bin.js): the cache records the
  // flags it was made under, and a start (where the factor is still 2) refuses a cache made under others.
  process.once('exit', () => setFlagsFromString('--semi-space-growth-factor=2'));
  return `young generation capped at ${maxSemiSpaceMb} MB semi-spaces`;
}
