import type { CodecSchema } from '../xml/schema-codec.ts';
import { enumFacets, num, primaryType, str, typeList, xsdTypeOf } from './xsd-json-schema.ts';
import { xs, type XsdFacet, type XsdSimpleType } from './xsd-model.ts';
import { xsdPattern } from './xsd-pattern.ts';

/** XSD integer types named outright when a schema's bounds are exactly their range. */
const INT_RANGES: [string, number, number][] = [
  ['byte', -128, 127],
  ['short', -32768, 32767],
  ['int', -2147483648, 2147483647],
];
/** 2^63: xs:long holds [-2^63, 2^63 - 1]. */
const TWO_63 = 2 ** 63;

/**
 * The XSD simple type of a scalar JSON Schema (the "Scalars" rules in xsd-from-schema.ts): a built-in
 * base type and the facets that restrict it. What has no XSD form is left out, with a line in `warnings`
 * naming `path`.
 */
export function simpleTypeFor(s: CodecSchema, path: string, warnings: string[]): XsdSimpleType {
  const xsdType = xsdTypeOf(s);
  if (xsdType !== undefined) return { base: xs(xsdType.replace(/^xsd?:/, '')), facets: enumFacets(s) };
  const types = typeList(s).filter((t) => t !== 'null');
  const base64 = s.contentEncoding === 'base64';
  if (types.includes('string') && types.includes('object')) {
    return {
      base: xs(base64 || /base64/i.test(str(s.description) ?? '') ? 'base64Binary' : 'string'),
      facets: [],
    };
  }
  switch (primaryType(s)) {
    case 'string': {
      const format = str(s.format);
      const formats: Record<string, string> = {
        date: 'date',
        'date-time': 'dateTime',
        time: 'time',
        uri: 'anyURI',
      };
      const special = base64 ? 'base64Binary' : format === undefined ? undefined : formats[format];
      if (special !== undefined) return { base: xs(special), facets: enumFacets(s) };
      const facets: XsdFacet[] = [];
      const minLength = num(s.minLength);
      const maxLength = num(s.maxLength);
      if (minLength !== undefined && minLength > 0)
        facets.push({ name: 'minLength', value: String(minLength) });
      if (maxLength !== undefined) facets.push({ name: 'maxLength', value: String(maxLength) });
      const pattern = str(s.pattern);
      if (pattern !== undefined) {
        const translated = xsdPattern(pattern);
        if (translated === undefined) warnings.push(`${path}: pattern ${pattern} has no XSD form; left out`);
        else facets.push({ name: 'pattern', value: translated });
      }
      return { base: xs('string'), facets: [...facets, ...enumFacets(s)] };
    }
    case 'integer':
      return integerType(s);
    case 'number': {
      const facets: XsdFacet[] = [];
      for (const [kw, facet] of [
        ['minimum', 'minInclusive'],
        ['maximum', 'maxInclusive'],
        ['exclusiveMinimum', 'minExclusive'],
        ['exclusiveMaximum', 'maxExclusive'],
      ] as const) {
        const v = num(s[kw]);
        if (v !== undefined) facets.push({ name: facet, value: String(v) });
      }
      return { base: xs('decimal'), facets: [...facets, ...enumFacets(s)] };
    }
    case 'boolean':
      return { base: xs('boolean'), facets: [] };
    default:
      return { base: xs('string'), facets: enumFacets(s) };
  }
}

function integerType(s: CodecSchema): XsdSimpleType {
  const exMin = num(s.exclusiveMinimum);
  const exMax = num(s.exclusiveMaximum);
  const lo = num(s.minimum) ?? (exMin === undefined ? undefined : Math.floor(exMin) + 1);
  const hi = num(s.maximum) ?? (exMax === undefined ? undefined : Math.ceil(exMax) - 1);
  const exact = INT_RANGES.find(([, min, max]) => lo === min && hi === max);
  if (exact !== undefined) return { base: xs(exact[0]), facets: enumFacets(s) };
  const [, intMin, intMax] = INT_RANGES[2] ?? ['int', 0, 0];
  const fitsInt = (lo ?? 0) >= intMin && (hi ?? 0) <= intMax;
  const fitsLong = (lo ?? 0) >= -TWO_63 && (hi ?? 0) < TWO_63;
  const base = fitsInt ? 'int' : fitsLong ? 'long' : 'integer';
  const facets: XsdFacet[] = [];
  if (lo !== undefined && !(base === 'int' && lo === intMin))
    facets.push({ name: 'minInclusive', value: String(lo) });
  if (hi !== undefined && !(base === 'int' && hi === intMax))
    facets.push({ name: 'maxInclusive', value: String(hi) });
  return { base: xs(base), facets: [...facets, ...enumFacets(s)] };
}
