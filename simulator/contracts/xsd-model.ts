/**
 * The XML Schema component model that XsdBuilder fills and xsd-write.ts serialises: qualified names,
 * simple and complex types, particles and attributes, and one document per target namespace.
 */

/** The XML Schema namespace. */
export const XS_NS = 'http://www.w3.org/2001/XMLSchema';

/** A qualified name: namespace URI ("" for none) and local name. */
export interface QName {
  ns: string;
  local: string;
}

/** A built-in XML Schema type, e.g. `xs('string')`. */
export function xs(local: string): QName {
  return { ns: XS_NS, local };
}

/** A constraining facet of a simple type restriction. */
export interface XsdFacet {
  name:
    | 'pattern'
    | 'enumeration'
    | 'minLength'
    | 'maxLength'
    | 'minInclusive'
    | 'maxInclusive'
    | 'minExclusive'
    | 'maxExclusive';
  value: string;
}

/** A restriction of a simple type. */
export interface XsdSimpleType {
  base: QName;
  facets: XsdFacet[];
  doc?: string;
}

/** The type of an element or attribute: a named (or built-in) type, an anonymous one, or anything (xs:anyType). */
export type XsdType =
  | { kind: 'ref'; name: QName }
  | { kind: 'complex'; def: XsdComplexType }
  | { kind: 'simple'; def: XsdSimpleType }
  | { kind: 'any' };

/** Occurrence bounds of a particle (absent means 1). */
export type Occurs = { min?: number; max?: number | 'unbounded' };

/** A particle of a content model. `element` is a local element of the document it is written in. */
export type XsdParticle =
  | ({
      kind: 'element';
      name: string;
      form?: 'unqualified';
      type: XsdType;
      nillable?: boolean;
      doc?: string;
    } & Occurs)
  | ({ kind: 'ref'; ref: QName } & Occurs)
  | ({ kind: 'sequence' | 'choice'; particles: XsdParticle[] } & Occurs)
  | ({ kind: 'any' } & Occurs);

/** An (always unqualified) attribute. */
export interface XsdAttribute {
  name: string;
  type: XsdType;
  required?: boolean;
  doc?: string;
}

/** A complex type: a content group or simple content (text of type `simpleContent`), and attributes. */
export interface XsdComplexType {
  content?: XsdParticle;
  simpleContent?: QName;
  attributes?: XsdAttribute[];
  anyAttribute?: boolean;
  doc?: string;
}

/** A top-level declaration of a document: a named complexType or simpleType, or a global element. */
export type Component =
  | { kind: 'complexType'; name: string; def: XsdComplexType }
  | { kind: 'simpleType'; name: string; def: XsdSimpleType }
  | { kind: 'element'; name: string; type: XsdType; nillable?: boolean; doc?: string };

/** One XSD document in the making: its target namespace, file name and top-level declarations. */
export interface XsdDoc {
  ns: string;
  fileName: string;
  components: Component[];
  /** Names of the types declared so far (complex and simple). */
  typeNames: Set<string>;
  /** Global elements by name, with the signature (type and nillable) they were first declared with. */
  elements: Map<string, { component: Component & { kind: 'element' }; signature: string }>;
  /** Where the roots declared here come from (`$id`, or a note for inline schemas), for the header comment. */
  sources: Set<string>;
}
