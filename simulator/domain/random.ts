/**
 * A seeded, deterministic source of randomness. Domain code draws only from this (never Math.random),
 * so the same scenario seed and request give the same answer.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A 32-bit seed derived from this source, e.g. for seeding faker. */
  seed32(): number;
}

/** xmur3: hashes a string to a 32-bit seed. */
export function hashString(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^= h >>> 16) >>> 0;
}

/** mulberry32 over a 32-bit state; methods on the prototype, so a new source allocates one small object. */
class Mulberry32 implements Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  seed32(): number {
    return Math.floor(this.next() * 4294967296);
  }
}

/** A random source seeded from any number of string parts (scenario seed, personidentitet, source...). */
export function createRandom(...parts: (string | number)[]): Random {
  return mulberry32(hashString(parts.join('\u0000')));
}

/** The mulberry32 random source with this 32-bit seed as it is (createRandom hashes its parts into one). */
export function mulberry32(seed: number): Random {
  return new Mulberry32(seed);
}
