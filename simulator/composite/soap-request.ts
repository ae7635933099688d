import { RequestFault } from '../faults/soap-fault.ts';
import { childElements, parseXmlWithPrefixes, stripPrefixes, XmlDoctypeError, XmlLimitError, XmlSyntaxError, type XmlValue } from '../xml/parse.ts';
import { SOAP11_NS, SOAP12_NS, SSBT_NS } from './namespaces.ts';

export type Operation = 'hamtaBastjanstInformation' | 'testaBastjanstInformation';

/** The operation a SOAP request asks for, and its element's content with prefixes removed. */
export interface SoapRequest {
  operation: Operation;
  content: XmlValue;
}

/**
 * A request in another SOAP version (a SOAP 1.2 envelope or Content-Type, or an Envelope in any
 * namespace but SOAP 1.1's): answered with a SOAP 1.1 Fault whose faultcode is soap:VersionMismatch
 * (SOAP 1.1 section 4.4.1), felkod SSBT-002.
 */
export class SoapVersionMismatch extends RequestFault {
  constructor(message: string) {
    super('SSBT-002', message);
    this.name = 'SoapVersionMismatch';
  }
}

/** The message of a VersionMismatch for a SOAP 1.2 request. */
export const SOAP12_NOT_SUPPORTED = `SOAP 1.2 is not supported: use SOAP 1.1 (Envelope in namespace ${SOAP11_NS}, Content-Type text/xml).`;

/**
 * Reads a SOAP 1.1 request: well-formed XML, an Envelope with a Body holding exactly one element,
 * which is one of the two operations in the SSBTEK v10 namespace. Any namespace prefixes are accepted.
 * Throws RequestFault (SSBT-001/002/003) saying what is wrong.
 */
export function readSoapRequest(text: string): SoapRequest {
  if (text.trim() === '') throw new RequestFault('SSBT-001', 'The request body is empty: send a SOAP 1.1 envelope (Content-Type text/xml).');
  let doc;
  try {
    doc = parseXmlWithPrefixes(text);
  } catch (e) {
    if (e instanceof XmlLimitError || e instanceof RangeError) throw new RequestFault('SSBT-004', 'The request is nested too deeply to be read.');
    if (e instanceof XmlDoctypeError) {
      throw new RequestFault(
        'SSBT-002',
        `The request has a document type declaration (<!DOCTYPE>) or entity declaration at line ${e.line ?? '?'}, column ${e.column ?? '?'}: a SOAP message must not have one, and the service expands no entities and reads no external resources.`,
      );
    }
    if (e instanceof XmlSyntaxError) {
      const where = e.line === undefined ? '' : e.column === undefined ? ` (line ${e.line})` : ` (line ${e.line}, column ${e.column})`;
      throw new RequestFault('SSBT-001', `The request is not well-formed XML${where}: ${e.message}`);
    }
    throw e;
  }
  try {
    return readEnvelope(doc);
  } catch (e) {
    // A document nested deeper than the reader's recursion can follow is refused, not a crash.
    if (e instanceof RangeError) throw new RequestFault('SSBT-004', 'The request is nested too deeply to be read.');
    throw e;
  }
}

function readEnvelope(doc: ReturnType<typeof parseXmlWithPrefixes>): SoapRequest {
  const roots = childElements(doc, {});
  const envelope = roots[0];
  if (roots.length !== 1 || envelope === undefined || envelope.local !== 'Envelope') {
    throw new RequestFault('SSBT-002', 'The request must be a SOAP 1.1 Envelope (soap:Envelope as the root element).');
  }
  if (envelope.namespace === SOAP12_NS) throw new SoapVersionMismatch(SOAP12_NOT_SUPPORTED);
  if (envelope.namespace !== SOAP11_NS) {
    throw new SoapVersionMismatch(`The Envelope must be in the SOAP 1.1 namespace ${SOAP11_NS}, not "${envelope.namespace}".`);
  }
  const bodies = childElements(envelope.node, envelope.scope).filter((c) => c.local === 'Body' && c.namespace === SOAP11_NS);
  const body = bodies[0];
  if (bodies.length !== 1 || body === undefined) {
    throw new RequestFault('SSBT-002', 'The Envelope must hold exactly one soap:Body.');
  }
  const ops = childElements(body.node, body.scope);
  const op = ops[0];
  if (ops.length !== 1 || op === undefined) {
    throw new RequestFault('SSBT-002', `soap:Body must hold exactly one operation element, found ${ops.length}.`);
  }
  if (op.namespace !== SSBT_NS || (op.local !== 'hamtaBastjanstInformation' && op.local !== 'testaBastjanstInformation')) {
    throw new RequestFault(
      'SSBT-003',
      `Unknown operation {${op.namespace}}${op.local}: expected hamtaBastjanstInformation or testaBastjanstInformation in namespace ${SSBT_NS}.`,
    );
  }
  return { operation: op.local, content: stripPrefixes(op.node) };
}
