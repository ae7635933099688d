/**
 * A bounded map that forgets the least recently used entry when full: for caching the results of
 * pure, deterministic work (a person, a source's payload) per key. The key must hold everything the
 * result depends on.
 *
 * Entries are kept in the order they were last moved to the end, the oldest forgotten first. A hit on
 * an entry moved there within the last max/2 stores or moves is not moved again (so a hit on a recent
 * entry is one lookup: re-inserting the key on every hit, as an exact LRU does, kept the hash tables
 * churning under load; issue 7). An entry is still never forgotten before max/2 other keys were stored
 * or moved since it was last used, and a working set of up to `max` keys that all hit is never touched.
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, { value: V; stamp: number }>();
  readonly #max: number;
  /** Hits within this many stamps of the newest do not move the entry. */
  readonly #recent: number;
  #stamp = 0;

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`LruCache: max must be a positive integer, got ${max}`);
    this.#max = max;
    this.#recent = Math.floor(max / 2);
  }

  /** The value for `key` (and marks it recently used), or undefined. */
  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#stamp - entry.stamp >= this.#recent) {
      this.#entries.delete(key);
      entry.stamp = ++this.#stamp;
      this.#entries.set(key, entry);
    }
    return entry.value;
  }

  /** Stores a value (the most recently used), forgetting the least recently used entry when full. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, stamp: ++this.#stamp });
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  /** The cached value for `key`, else `make()`'s, stored. */
  getOrCreate(key: K, make: () => V): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = make();
    this.set(key, value);
    return value;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}

/** Freezes a value and everything reachable from it (objects already frozen are taken as frozen through). */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
