import { SOURCES } from '../../simulator/base-services/registry.ts';
import type { SourceCode } from '../../simulator/domain/sources.ts';

type Json = Record<string, unknown>;

/**
 * The sources that can say a person has a protected identity, and how each says it. SO, TNS and MIV
 * have no way to (docs/sources/<code>.md); Skatteverket says it by withholding the person's data.
 */
export const PROTECTION_MARKS: Partial<
  Record<SourceCode, { how: string; marked(payload: unknown): boolean }>
> = {
  AF: { how: 'Svar/Sekretessmarkering true', marked: (p) => SOURCES.AF.marksProtected(p) },
  CSN: { how: 'Person/@sekretess set', marked: (p) => SOURCES.CSN.marksProtected(p) },
  FK: {
    how: 'formansinformation/generellPersoninformation[0]/skyddad true',
    marked: (p) => SOURCES.FK.marksProtected(p),
  },
  SKV: {
    how: 'StatusPersonuppgiftKod 200 with names and income withheld',
    marked: (p) => {
      const list = (((p as Json | null)?.PersonuppgiftLista as Json | undefined)?.Personuppgift ??
        []) as Json[];
      return (
        Array.isArray(list) &&
        list.length > 0 &&
        list.every(
          (u) =>
            u.StatusPersonuppgiftKod === '200' &&
            ['Fornamn', 'Efternamn', 'Kapitaluppgift', 'Forvarvsinkomstuppgift'].every(
              (k) => u[k] === undefined,
            ),
        )
      );
    },
  },
};

/** Whether a source's payload marks a protected identity; false for a payload it cannot judge. */
export function marksProtected(code: SourceCode, payload: unknown): boolean | undefined {
  const mark = PROTECTION_MARKS[code];
  if (mark === undefined) return undefined;
  try {
    return mark.marked(payload);
  } catch {
    return false;
  }
}
