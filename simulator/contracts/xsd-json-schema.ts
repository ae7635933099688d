import type { CodecSchema } from '../xml/schema-codec.ts';
import type { XsdFacet } from './xsd-model.ts';

/** Readers of JSON Schema keywords (and an XML name cleaner) shared by the XSD mapping. */

/** `text` made a valid NCName (XML name without colon): other characters become `_`. */
export function ncName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_.-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

/** The schema's `type` as a list (empty when absent). */
export function typeList(schema: CodecSchema): string[] {
  const t = schema.type;
  return t === undefined ? [] : Array.isArray(t) ? t : [t];
}

/**
 * The one JSON type the mapping follows: the first non-null `type`, else `object` for a schema with
 * `properties`, else the type of its `enum`/`const` values; undefined when none says.
 */
export function primaryType(schema: CodecSchema): string | undefined {
  const types = typeList(schema).filter((t) => t !== 'null');
  if (types.length > 0) return types[0];
  if (schema.properties !== undefined) return 'object';
  const values = enumValues(schema);
  if (values !== undefined) {
    if (values.every((v) => typeof v === 'string')) return 'string';
    if (values.every((v) => Number.isInteger(v))) return 'integer';
    if (values.every((v) => typeof v === 'number')) return 'number';
    if (values.every((v) => typeof v === 'boolean')) return 'boolean';
    return 'string';
  }
  return undefined;
}

/** The project's `xml.xsdType` extension: a built-in XSD type named outright. */
export function xsdTypeOf(schema: CodecSchema): string | undefined {
  return str((schema.xml as Record<string, unknown> | undefined)?.xsdType);
}

/** The non-null values of `enum` (or `const`), if any. */
export function enumValues(schema: CodecSchema): unknown[] | undefined {
  const values = Array.isArray(schema.enum)
    ? (schema.enum as unknown[])
    : 'const' in schema
      ? [schema.const]
      : undefined;
  return values?.filter((v) => v !== null);
}

/** Whether the schema admits null (`type` lists `null`, or `enum` holds it). */
export function isNullable(schema: CodecSchema): boolean {
  return typeList(schema).includes('null') || (Array.isArray(schema.enum) && schema.enum.includes(null));
}

/** `value` when it is a finite number. */
export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `value` when it is a string. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The schema's `enum`/`const` values as enumeration facets (non-strings as JSON). */
export function enumFacets(schema: CodecSchema): XsdFacet[] {
  return (enumValues(schema) ?? []).map((v) => ({
    name: 'enumeration',
    value: typeof v === 'string' ? v : JSON.stringify(v),
  }));
}
