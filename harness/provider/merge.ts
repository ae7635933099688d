function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Deep-merges a case's `query` overrides over the base query: objects merge key by key, lists and
 * scalars replace, and `null` removes the element (to leave out a required one).
 */
export function mergeOverrides(base: unknown, override: unknown): unknown {
  if (!isObject(base) || !isObject(override))
    return override === undefined ? base : structuredClone(override);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete out[key];
    else out[key] = mergeOverrides(base[key], value);
  }
  return out;
}
