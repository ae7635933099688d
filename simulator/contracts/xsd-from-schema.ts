import { XsdBuilder, type XsdBuilderOptions, type XsdRoot } from './xsd-builder.ts';
import type { SchemaSource } from './xsd-schema-refs.ts';

/**
 * XML Schema (XSD 1.0) documents derived from the project's JSON Schemas, so that the JSON Schemas in
 * contracts/ stay the one source of truth for the XML the simulator writes and serves.
 *
 * The mapping follows the XML codec (simulator/xml/schema-codec.ts) exactly where the codec decides
 * the wire form: element names (`xml.name` after `$ref`, else the property name), namespaces (a
 * property without `xml.namespace` is in its parent's namespace; `""` is no namespace), the array
 * property's own annotation deciding its items' namespace, attributes always unqualified.
 *
 * - One document per target namespace (file `<prefix>.xsd` unless named), `xs:import` between them;
 *   `elementFormDefault="qualified"`; an element in no namespace is a local element with
 *   `form="unqualified"`; an element in a namespace other than its parent type's is a global element
 *   of that namespace's document, used by `ref`.
 * - A `$defs` object (or a whole schema document reached by `$ref`) becomes a named complexType in the
 *   document of the namespace its children inherit; an inline object an anonymous complexType; a `$defs`
 *   scalar with facets a named simpleType. Property order is the `xs:sequence` order.
 * - Not in `required`: `minOccurs="0"`. `type: array`: a repeated element (`maxOccurs` from
 *   `maxItems`, else unbounded; `minOccurs` from `minItems` when required, else 0).
 *   `xml.attribute`: an attribute (`use="required"` when required); `xml.text`: simpleContent.
 *   `type: [X, "null"]`: `nillable="true"`. An object without `properties`, or a schema the mapping
 *   cannot express (oneOf, nested arrays), accepts any content (lax).
 * - Scalars: string → xs:string with minLength/maxLength/pattern/enumeration facets; `format` date,
 *   date-time, time, uri → xs:date, xs:dateTime, xs:time, xs:anyURI; `contentEncoding: base64` →
 *   xs:base64Binary; integer → xs:int (xs:byte/xs:short/xs:int exactly when the bounds are that type's
 *   range; xs:long or xs:integer when the bounds exceed xs:int; other bounds as facets); number →
 *   xs:decimal; boolean → xs:boolean; `enum` without `type` → enumeration of the values' type.
 *   `type: ["string", "object"]` is the project's "base64 text in XML, decoded JSON in the JSON API"
 *   union: xs:base64Binary when `contentEncoding` is base64 or the description says base64, else
 *   xs:string. An `xml.xsdType` annotation (a built-in XSD type name such as `date`; a project
 *   extension of OpenAPI's xml object) names the XSD type outright; only `enum` facets are kept then.
 * - Patterns: ECMAScript `pattern` is a search; an XSD pattern matches the whole value. See xsdPattern.
 * - `additionalProperties` is not expressed (the codec never writes unknown properties).
 *
 * Where it is done: xsd-builder.ts (XsdBuilder: roots, objects and properties to components),
 * xsd-simple-type.ts (scalars), xsd-pattern.ts (patterns), xsd-schema-refs.ts (`$ref`s and type names),
 * xsd-documents.ts (namespaces, prefixes, file names), xsd-model.ts (the XSD components) and
 * xsd-write.ts (the XML text). This module is the entry point and re-exports the public API.
 */

export { XS_NS, xs } from './xsd-model.ts';
export type {
  QName,
  XsdAttribute,
  XsdComplexType,
  XsdFacet,
  XsdParticle,
  XsdSimpleType,
  XsdType,
} from './xsd-model.ts';
export { xsdPattern } from './xsd-pattern.ts';
export type { SchemaSource } from './xsd-schema-refs.ts';
export { XsdBuilder };
export type { RootTypes, XsdBuilderOptions, XsdRoot } from './xsd-builder.ts';

/**
 * Generates one XSD document per target namespace for the given roots; returns them by file name,
 * importing each other by file name (so they can be saved side by side, or served as `?xsd=<file>`
 * when `locate` turns a file name into that URL).
 */
export function generateXsds(
  source: SchemaSource,
  roots: XsdRoot[],
  options: XsdBuilderOptions & { locate?: (fileName: string) => string } = {},
): Map<string, string> {
  const builder = new XsdBuilder(source, options);
  for (const root of roots) builder.addRoot(root);
  return builder.documents(options.locate);
}
