import { defineExpectation, ok } from './types.ts';

/**
 * `officialOrder`: the whole SOAP answer is valid by the project's XSDs (ssbt.xsd and the sources'
 * XSDs, generated from contracts/, inside a SOAP 1.1 envelope schema): element names, namespaces,
 * order, cardinality and types as the official contract has them. Not checked, with a note, when
 * xmllint is not installed.
 */
export const officialOrder = defineExpectation<boolean | undefined>({
  name: 'officialOrder',
  label: () => 'valid by the contract XSD (element order, cardinality, types)',
  needsXsd: true,
  check: (_a, ctx) => {
    if (ctx.xsdProblems === undefined)
      return { failures: [], notes: ['officialOrder not checked: xmllint is not installed'] };
    if (ctx.xsdProblems.length === 0) return ok;
    const shown = ctx.xsdProblems.slice(0, 8);
    const more = ctx.xsdProblems.length - shown.length;
    return { failures: more > 0 ? [...shown, `... and ${more} more`] : shown };
  },
});
