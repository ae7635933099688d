import { contracts } from '../contracts/registry.ts';
import { parseXml, rootElement, XmlSyntaxError } from '../xml/parse.ts';
import { readXml, writeXml, writeXmlContent } from '../xml/schema-codec.ts';
import type { BaseServiceCall, BaseServiceRequest, SourceError, SourceModule } from './types.ts';

/**
 * The document functions of a source whose payload is an XML element described by the schema at
 * `schemaPath` (its root carries `xml.name`, `xml.namespace`, `xml.prefix`).
 */
export function xmlDocumentCodec<P>(schemaPath: string): Pick<SourceModule<P>, 'toDocument' | 'fromDocument' | 'soapData'> {
  const registry = contracts();
  const schema = registry.schema(schemaPath);
  const rootName = schema.xml?.name;
  if (rootName === undefined) throw new Error(`contracts/${schemaPath}: root needs xml.name`);
  return {
    toDocument: (payload) => `<?xml version="1.0" encoding="UTF-8"?>\n${writeXml(schema, payload, registry.resolve)}\n`,
    fromDocument: (text) => {
      const root = rootElement(parseXml(text));
      if (root.name !== rootName) throw new XmlSyntaxError(`root element is ${root.name}, expected ${rootName}`);
      return readXml(schema, root.node, registry.resolve, `/${rootName}`);
    },
    soapData: (payload, indent) => writeXmlContent(schema, payload as Record<string, unknown>, registry.resolve, indent),
  };
}

/** What an XML source defines itself; xmlSource adds the document functions, the call and error reading. */
export type XmlSourceDefinition<P> = Pick<SourceModule<P>, 'code' | 'schemaPath' | 'routePath' | 'generate' | 'noData' | 'marksProtected'> &
  Partial<Pick<SourceModule<P>, 'soapData' | 'soapDataOfDocument' | 'parseIncoming'>>;

/**
 * A source whose base service answers an XML document described by its schema: POSTed the JSON
 * base-service query at its route, errors as problem+json. `soapData` and `parseIncoming` may be overridden
 * (and `soapDataOfDocument` given, for a source whose data carries the document itself).
 */
export function xmlSource<P>(definition: XmlSourceDefinition<P>): SourceModule<P> {
  return {
    mediaType: 'application/xml',
    ...xmlDocumentCodec<P>(definition.schemaPath),
    buildCall: (request) => jsonPostCall(definition.routePath, request),
    readError: readProblemError,
    ...definition,
  };
}

/** The default call: POST the base-service request as JSON to the source's route. */
export function jsonPostCall(path: string, request: BaseServiceRequest): BaseServiceCall {
  return {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', accept: 'application/xml' },
    body: JSON.stringify(request),
  };
}

/**
 * Reads the base services' own error answer: application/problem+json carrying `felkod` and
 * `felmeddelande` (string or list), as simulator/base-services/app.ts writes it.
 */
export function readProblemError(status: number, body: string): SourceError | undefined {
  try {
    const parsed = JSON.parse(body) as { felkod?: unknown; felmeddelande?: unknown; detail?: unknown };
    if (typeof parsed.felkod !== 'string') return undefined;
    const single = [parsed.felmeddelande, parsed.detail].find((m): m is string => typeof m === 'string');
    const messages = Array.isArray(parsed.felmeddelande) ? parsed.felmeddelande.map((m) => String(m)) : [single ?? `HTTP ${status}`];
    return { felkod: parsed.felkod, felmeddelande: messages };
  } catch {
    return undefined;
  }
}
