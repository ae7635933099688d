import { SOURCES } from '../../base-services/registry.ts';
import { contracts } from '../../contracts/registry.ts';
import { SOURCE_CODES, SOURCE_NAMES, type SourceCode } from '../../domain/sources.ts';
import type { CodecSchema } from '../../xml/schema-codec.ts';

/** The Swedish texts a base service's payload schema carries at its root (keyword `x-information`). */
export interface SourceInformation {
  /** One paragraph: what the source answers. */
  sammanfattning: string;
  /** How the source marks a protected identity (sekretessmarkering), or that it cannot. */
  skyddadIdentitet: string;
  /** What the source answers for a person it knows nothing about. */
  ingaUppgifter: string;
}

/** One element (or attribute, or JSON property for FK) of a payload, as the schema describes it. */
export interface DescribedElement {
  /** The path of property names from the payload's root, e.g. "Svar/ArbetssokandeInfo". */
  path: string;
  /** The property name in the canonical JSON (the XML element or attribute name). */
  name: string;
  /** Its number of path segments: 1 for the root's own properties. */
  depth: number;
  description?: string;
  /** JSON Schema type of the value (of one item when repeated). */
  type?: string;
  /** Repeated: an array (in XML, an element that may occur many times). */
  repeated: boolean;
  /** Required in its parent. */
  required: boolean;
  /** An XML attribute rather than an element. */
  attribute?: boolean;
  /** The allowed values, when the schema lists them (a code list). */
  values?: (string | number | boolean | null)[];
}

/** Which period a source answers for. */
export interface SourcePeriod {
  /**
   * `egen`: the query's general tidsperiod, or the source's own specifikaFrageparametrar/<code>/tidsperiod
   * when given; `generell`: the general tidsperiod only; `lefi`: the period of the LEFI query.
   */
  kind: 'egen' | 'generell' | 'lefi';
  text: string;
}

/** A base service's content, generated from its contract. */
export interface SourceDescription {
  code: SourceCode;
  /** The agency (SOURCE_NAMES). */
  name: string;
  /** The payload schema's title and description (English, as in contracts/). */
  title: string;
  description: string;
  /** The contract file under contracts/. */
  schema: string;
  /** The payload's root element, for the XML sources. */
  rootElement?: string;
  /** The media type of the base service's own answer document. */
  mediaType: string;
  information: SourceInformation;
  period: SourcePeriod;
  /** The payload's top levels, in schema order (depth first). */
  elements: DescribedElement[];
}

/**
 * How deep the element list goes: three levels, or two when three would list more than ELEMENT_BUDGET
 * (FK's LEFI model). An object holding exactly one property (a wrapper such as svarCollection) does not
 * count as a level.
 */
const MAX_DEPTH = 3;
const ELEMENT_BUDGET = 150;

interface At {
  schema: CodecSchema;
  root: CodecSchema;
}

/** Follows $ref to a concrete schema; the first description met on the way wins (the referring one). */
function deref(at: At): At & { description?: string } {
  const registry = contracts();
  let { schema, root } = at;
  let description = typeof schema.description === 'string' ? schema.description : undefined;
  for (let guard = 0; schema.$ref !== undefined; guard++) {
    if (guard > 32) throw new Error(`$ref loop at ${schema.$ref}`);
    const next = registry.resolve(schema.$ref, root);
    schema = next.schema;
    root = next.root;
    if (description === undefined && typeof schema.description === 'string') description = schema.description;
  }
  return description === undefined ? { schema, root } : { schema, root, description };
}

function primaryType(schema: CodecSchema): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x): x is string => typeof x === 'string' && x !== 'null');
  return typeof t === 'string' ? t : undefined;
}

/** Lists the properties of `at` at `depth` (levels counted without wrappers) and, while depth < maxDepth, theirs. */
function walk(at: At, parentPath: string, depth: number, maxDepth: number, out: DescribedElement[]): void {
  const { schema, root } = deref(at);
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const path = parentPath === '' ? name : `${parentPath}/${name}`;
    const resolved = deref({ schema: prop, root });
    const repeated = primaryType(resolved.schema) === 'array';
    const item =
      repeated && resolved.schema.items !== undefined
        ? deref({ schema: resolved.schema.items, root: resolved.root })
        : resolved;
    const element: DescribedElement = {
      path,
      name,
      depth: path.split('/').length,
      repeated,
      required: required.has(name),
    };
    const description = resolved.description ?? (repeated ? item.description : undefined);
    if (description !== undefined) element.description = description;
    const type = primaryType(item.schema) ?? (Array.isArray(item.schema.enum) ? 'string' : undefined);
    if (type !== undefined) element.type = type;
    if (resolved.schema.xml?.attribute === true || prop.xml?.attribute === true) element.attribute = true;
    if (Array.isArray(item.schema.enum)) element.values = item.schema.enum as DescribedElement['values'];
    out.push(element);
    const children = Object.keys(item.schema.properties ?? {}).length;
    // A wrapper (one object holding one list or object, like svarCollection) does not use up a level.
    const wrapper = !repeated && children === 1;
    if (children > 0 && (wrapper || depth < maxDepth))
      walk(item, path, wrapper ? depth : depth + 1, maxDepth, out);
  }
}

/** The payload's top elements (three levels, or two for a large model; wrappers not counted), depth first in schema order. */
export function describeElements(schemaPath: string): DescribedElement[] {
  const schema = contracts().schema(schemaPath);
  for (let maxDepth = MAX_DEPTH; ; maxDepth--) {
    const out: DescribedElement[] = [];
    walk({ schema, root: schema }, '', 1, maxDepth, out);
    if (out.length <= ELEMENT_BUDGET || maxDepth === 1) return out;
  }
}

/** The source's x-information annotation; throws when the contract lacks any of its texts. */
export function sourceInformation(schemaPath: string): SourceInformation {
  const info = contracts().schema(schemaPath)['x-information'] as Partial<SourceInformation> | undefined;
  const texts = {
    sammanfattning: info?.sammanfattning,
    skyddadIdentitet: info?.skyddadIdentitet,
    ingaUppgifter: info?.ingaUppgifter,
  };
  for (const [key, value] of Object.entries(texts)) {
    if (typeof value !== 'string' || value.trim() === '')
      throw new Error(`contracts/${schemaPath}: x-information.${key} is missing`);
  }
  return texts as SourceInformation;
}

/** The period a source answers for, read from the composite query's contract (specifikaFrageparametrar). */
export function sourcePeriod(code: SourceCode): SourcePeriod {
  const registry = contracts();
  const query = registry.schema('composite/query.schema.json');
  const specific = deref({ schema: query.properties?.specifikaFrageparametrar ?? {}, root: query });
  const own =
    deref({ schema: specific.schema.properties?.[code] ?? {}, root: specific.root }).schema.properties ?? {};
  if (own.tidsperiod !== undefined) {
    return {
      kind: 'egen',
      text: `Svarar för frågans tidsperiod (generellaFrageparametrar/tidsperiod), eller för en egen tidsperiod när frågan anger en i specifikaFrageparametrar/${code}/tidsperiod.`,
    };
  }
  if (own.fraga !== undefined) {
    return {
      kind: 'lefi',
      text: `Svarar för perioden i LEFI-frågan (period i specifikaFrageparametrar/${code}/fraga/lefiJsonFraga), inte för frågans generella tidsperiod.`,
    };
  }
  return {
    kind: 'generell',
    text: 'Svarar för frågans tidsperiod (generellaFrageparametrar/tidsperiod); källan kan inte ges en egen tidsperiod.',
  };
}

/** One source's content as its contract describes it. */
export function describeSource(code: SourceCode): SourceDescription {
  const source = SOURCES[code];
  const schema = contracts().schema(source.schemaPath);
  const out: SourceDescription = {
    code,
    name: SOURCE_NAMES[code],
    title: typeof schema.title === 'string' ? schema.title : code,
    description: typeof schema.description === 'string' ? schema.description : '',
    schema: `contracts/${source.schemaPath}`,
    mediaType: source.mediaType,
    information: sourceInformation(source.schemaPath),
    period: sourcePeriod(code),
    elements: describeElements(source.schemaPath),
  };
  if (schema.xml?.name !== undefined) out.rootElement = schema.xml.name;
  return out;
}

/** Every source in the contract's order. */
export function describeSources(): SourceDescription[] {
  return SOURCE_CODES.map(describeSource);
}
