import { checkQuery, readQueryXml } from '../../simulator/composite/query-check.ts';
import { readSoapRequest } from '../../simulator/composite/soap-request.ts';
import { SOURCE_CODES, type SourceCode } from '../../simulator/domain/sources.ts';
import { RequestFault } from '../../simulator/faults/soap-fault.ts';
import { child, parseXmlTree, textOf } from './source-documents.ts';

/** What the harness reads from a request the client sent, even one that breaks the contract. */
export interface QueryFields {
  /** The operation element's local name (hamtaBastjanstInformation, testaBastjanstInformation, ...). */
  operation: string;
  organisationsnummer?: string;
  namn?: string;
  handlaggare?: string;
  personidentitet?: string;
  arendeidentitet?: string;
  syfte?: string;
  lagtext?: string;
  /** The sources with inkludera="true". */
  included: SourceCode[];
}

/**
 * Reads a SOAP request leniently (namespace prefixes ignored, nothing required): the operation and the
 * general query parameters as texts. Undefined when the text is not an XML SOAP envelope with a body.
 */
export function readQueryFields(body: string): QueryFields | undefined {
  let tree: Record<string, unknown>;
  try {
    tree = parseXmlTree(body);
  } catch {
    return undefined;
  }
  const soapBody = child(child(tree, 'Envelope'), 'Body');
  if (soapBody === null || typeof soapBody !== 'object') return undefined;
  const operation = Object.keys(soapBody).find((k) => !k.startsWith('@') && k !== '#text');
  if (operation === undefined) return undefined;
  const op = child(soapBody, operation);
  const g = child(op, 'generellaFrageparametrar');
  const ingivare = child(g, 'ingivare');
  const specific = child(op, 'specifikaFrageparametrar');
  const fields: QueryFields = {
    operation,
    included: SOURCE_CODES.filter(
      (code) => textOf(child(child(specific, code), '@inkludera'))?.trim() === 'true',
    ),
  };
  const texts: [keyof QueryFields, unknown][] = [
    ['organisationsnummer', child(ingivare, 'organisationsnummer')],
    ['namn', child(ingivare, 'namn')],
    ['handlaggare', child(ingivare, 'handlaggare')],
    ['personidentitet', child(g, 'personidentitet')],
    ['arendeidentitet', child(g, 'arendeidentitet')],
    ['syfte', child(g, 'syfte')],
    ['lagtext', child(g, 'lagtext')],
  ];
  for (const [key, node] of texts) {
    const text = textOf(node);
    if (text !== undefined) (fields as unknown as Record<string, string>)[key] = text;
  }
  return fields;
}

/**
 * Checks a request by the contract exactly as the simulator does (SOAP 1.1 envelope, the v10 query
 * schema, personidentitet, organisationsnummer, periods, FK's fraga): undefined when it is a valid
 * query or ping, else the felkod and message the simulator would refuse it with.
 */
export function contractProblem(body: string): string | undefined {
  try {
    const soap = readSoapRequest(body);
    if (soap.operation === 'testaBastjanstInformation') return undefined;
    checkQuery(readQueryXml(soap.content));
    return undefined;
  } catch (e) {
    if (e instanceof RequestFault) return `${e.felkod}: ${e.felmeddelande.join(' ')}`;
    throw e;
  }
}
