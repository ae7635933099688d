import type { AccessRules } from '../scenarios/types.ts';

/** The access rules' syfte and lagtext patterns, compiled. */
export interface CompiledPatterns {
  syfte: RegExp[];
  lagtext: RegExp[];
}

// Scenarios are frozen, so a scenario's access rules never change: compile once per rules object.
const cache = new WeakMap<AccessRules, CompiledPatterns>();

function compile(patterns: readonly string[]): RegExp[] {
  // Flag 'i' only (no 'g': test() stays stateless; no 'u': the loader validates patterns with 'i').
  return patterns.map((p) => new RegExp(p.normalize('NFC'), 'i'));
}

/** The compiled patterns of a scenario's access rules (compiled on first use, then cached). */
export function compiledPatterns(access: AccessRules): CompiledPatterns {
  let compiled = cache.get(access);
  if (compiled === undefined) {
    compiled = { syfte: compile(access.syfte), lagtext: compile(access.lagtext) };
    cache.set(access, compiled);
  }
  return compiled;
}

/**
 * Whether free text matches any of the patterns. The text is compared in NFC with every run of
 * white space (a non-breaking space too, as in "1 §" copied from a statute book) read as one space.
 */
export function matchesAny(text: string, patterns: readonly RegExp[]): boolean {
  const plain = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return patterns.some((p) => p.test(plain));
}
