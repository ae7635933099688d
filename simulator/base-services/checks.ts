import { contracts, type SchemaProblem } from '../contracts/registry.ts';

/** The problems found per frozen value checked, per schema. */
const checked = new Map<string, WeakMap<object, readonly SchemaProblem[]>>();

const NONE: readonly SchemaProblem[] = Object.freeze([]);

/**
 * `contracts().check(schema, value)`, remembered for a frozen object or array: it cannot change, nor
 * can the schema, so the answer cannot either. The lean path's request bodies are frozen and shared
 * per body text, so a repeated query is checked once. The problems are frozen: do not change them.
 */
export function checkContract(schema: string, value: unknown): readonly SchemaProblem[] {
  if (value === null || typeof value !== 'object' || !Object.isFrozen(value)) return contracts().check(schema, value);
  let byValue = checked.get(schema);
  if (byValue === undefined) {
    byValue = new WeakMap();
    checked.set(schema, byValue);
  }
  let problems = byValue.get(value);
  if (problems === undefined) {
    const found = contracts().check(schema, value);
    problems = found.length === 0 ? NONE : Object.freeze(found.map((p) => Object.freeze(p)));
    byValue.set(value, problems);
  }
  return problems;
}
