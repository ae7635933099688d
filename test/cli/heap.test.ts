import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript module of the bin (no type declarations)
import { flagGiven, HEAP_GROWING_PERCENT, tuneHeap } from '../../simulator/cli/heap.js';

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
