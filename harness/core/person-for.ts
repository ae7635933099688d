import type { Mapping } from './types.ts';

/** A case names a person kind the mapping does not have. */
export class UnknownPersonKind extends Error {
  constructor(
    readonly kind: string,
    known: string[],
  ) {
    super(`no person of kind "${kind}" in the mapping (it has ${known.join(', ')})`);
    this.name = 'UnknownPersonKind';
  }
}

/**
 * The personidentitet for a person kind (e.g. "protected"). A literal 12-digit personidentitet is
 * returned as it is, so a case may name one directly. Throws UnknownPersonKind otherwise.
 */
export function personFor(mapping: Mapping, kind: string): string {
  if (/^\d{12}$/.test(kind)) return kind;
  const pnr = mapping.persons[kind];
  if (pnr === undefined) throw new UnknownPersonKind(kind, Object.keys(mapping.persons));
  return pnr;
}
