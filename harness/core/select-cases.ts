import type { Case } from './types.ts';

export interface Selection {
  /** Keeps the cases whose id, title or one of whose tags matches. */
  grep?: RegExp;
  /** `must`: only MUST cases; `should` (the default): all cases. */
  level?: 'must' | 'should';
}

function tagsOf(c: Case): string[] {
  const tags = c.body.tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
}

/** The cases a run takes, in their order. */
export function selectCases(cases: readonly Case[], selection: Selection = {}): Case[] {
  // A global or sticky regex would remember lastIndex between tests.
  const grep =
    selection.grep === undefined
      ? undefined
      : new RegExp(selection.grep.source, selection.grep.flags.replace(/[gy]/g, ''));
  return cases.filter((c) => {
    if (selection.level === 'must' && c.level !== 'MUST') return false;
    if (grep === undefined) return true;
    return grep.test(c.id) || grep.test(c.title) || tagsOf(c).some((t) => grep.test(t));
  });
}
