// How the simulator's process keeps its memory close to its live data (issue 7, docs/performance.md).
import { setFlagsFromString } from 'node:v8';

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
