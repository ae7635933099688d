import { isDeepStrictEqual } from 'node:util';

/**
 * Where `expected` is not a subset of `actual`, or undefined when it is: objects need every expected
 * member (recursively), lists need each expected item to match some actual item, scalars are equal.
 */
export function subsetMismatch(expected: unknown, actual: unknown, path = ''): string | undefined {
  const at = path === '' ? 'the value' : path;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at} is not a list`;
    for (const [i, item] of expected.entries()) {
      if (!actual.some((a) => subsetMismatch(item, a) === undefined))
        return `${at}: no item matches expected item ${i + 1} ${JSON.stringify(item)}`;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual))
      return `${at} is not an object`;
    for (const [k, v] of Object.entries(expected)) {
      const mismatch = subsetMismatch(
        v,
        (actual as Record<string, unknown>)[k],
        path === '' ? k : `${path}/${k}`,
      );
      if (mismatch !== undefined) return mismatch;
    }
    return undefined;
  }
  return isDeepStrictEqual(expected, actual)
    ? undefined
    : `${at} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}
