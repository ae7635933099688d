import { contracts, schemaId, type ContractRegistry } from '../contracts/registry.ts';
import { XsdBuilder, xs, type QName, type XsdParticle, type XsdType } from '../contracts/xsd-from-schema.ts';
import { SOURCE_CODES, type SourceCode } from '../domain/sources.ts';
import { escapeXml } from '../xml/escape.ts';
import { SSBT_NS } from './namespaces.ts';

/**
 * The simulator's own WSDL 1.1 and XML Schemas for SSBTEK v10, served at `GET <path>?wsdl` and
 * `GET <path>?xsd=<file>`. Written by the project (the official files are never copied): the XSDs are
 * generated from the JSON Schemas in contracts/ (simulator/contracts/xsd-from-schema.ts), and only the
 * answer element, whose JSON Schema has no XML form, is assembled here.
 *
 * Equivalent on the wire to the official contract: namespace, element names, order, cardinality and
 * the data|error choice per source. The WSDL keeps the official names of the service, port, portType,
 * binding and messages, so a client generated from the official WSDL runs against the simulator
 * unchanged; type names follow our JSON Schemas and may differ from the official ones.
 */

/** `wsdl:service` name (the official one, so generated clients keep their class names). */
export const WSDL_SERVICE = 'BastjanstInformationInterfaceService';
/** `wsdl:port` name. */
export const WSDL_PORT = 'BastjanstInformationInterfacePort';
/** `wsdl:portType` name. */
export const WSDL_PORT_TYPE = 'BastjanstInformationInterface';
/** `wsdl:binding` name. */
export const WSDL_BINDING = 'BastjanstInformationInterfaceSoapBinding';
/** File name of the SSBTEK v10 XSD among xsdDocuments(). */
export const SSBT_XSD = 'ssbt.xsd';
/** The two operations, in contract order. */
export const OPERATIONS = ['hamtaBastjanstInformation', 'testaBastjanstInformation'] as const;

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP_HTTP = 'http://schemas.xmlsoap.org/soap/http';

/** The URL an XSD is served at: `<soapAddress>?xsd=<file>`. */
export function xsdUrl(soapAddress: string, fileName: string): string {
  return `${soapAddress}${soapAddress.includes('?') ? '&' : '?'}xsd=${encodeURIComponent(fileName)}`;
}

/** The JSON Schema whose root content is each source's `data`, where data is that payload as XML. */
const XML_PAYLOADS: Partial<Record<SourceCode, string>> = {
  AF: 'base-services/af.schema.json',
  SO: 'base-services/so.schema.json',
  TNS: 'base-services/tns.schema.json',
  MIV: 'base-services/miv.schema.json',
};

/** The complexType names of each source's answer (data|error), as the official contract names them. */
const ANSWER_TYPES: Record<SourceCode, string> = {
  AF: 'ArbetsformedlingenSvar',
  CSN: 'CsnSvar',
  FK: 'ForsakringskassanSvar',
  SKV: 'SkatteverketSvar',
  SO: 'AkassornasSamorganisationSvar',
  TNS: 'TransportstyrelsenSvar',
  MIV: 'MigrationsverketSvar',
};

function exists(registry: ContractRegistry, path: string): boolean {
  try {
    registry.schema(path);
    return true;
  } catch {
    return false;
  }
}

/** A source's XML payload schema as a type in its own namespace, or undefined when it cannot be generated. */
function payloadType(
  builder: XsdBuilder,
  registry: ContractRegistry,
  path: string,
  fileName: string,
): QName | undefined {
  if (!exists(registry, path)) return undefined;
  try {
    new XsdBuilder(registry).addRoot({ schema: path, fileName }); // dry run: a schema that fails leaves no half-made types
  } catch {
    return undefined;
  }
  return builder.addRoot({ schema: path, fileName }).type;
}

const element = (
  name: string,
  type: QName | XsdType,
  occurs: { min?: number; max?: number | 'unbounded' } = {},
  doc?: string,
): XsdParticle => ({
  kind: 'element',
  name,
  type: 'kind' in type ? type : { kind: 'ref', name: type },
  ...occurs,
  ...(doc === undefined ? {} : { doc }),
});

/** The data element of a source whose payload travels as a single element (CSN, FK, SKV). */
function wrapperType(builder: XsdBuilder, name: string, child: XsdParticle, doc: string): QName {
  return builder.addComplexType(SSBT_NS, name, { content: { kind: 'sequence', particles: [child] }, doc });
}

interface DataType {
  type: XsdType;
  doc?: string;
}

function dataTypes(builder: XsdBuilder, registry: ContractRegistry): Record<SourceCode, DataType> {
  const out = {} as Record<SourceCode, DataType>;
  for (const [code, path] of Object.entries(XML_PAYLOADS) as [SourceCode, string][]) {
    const type = payloadType(builder, registry, path, `${code.toLowerCase()}.xsd`);
    // Without the source's schema (not written yet, or not generable) its data accepts any content (lax).
    out[code] =
      type === undefined
        ? {
            type: { kind: 'any' },
            doc: `contracts/${path} was not available (or not generable) when this document was generated: any content is accepted.`,
          }
        : { type: { kind: 'ref', name: type } };
  }
  out.CSN = {
    type: {
      kind: 'ref',
      name: wrapperType(
        builder,
        'CsnSvarsData',
        element('svar', xs('base64Binary')),
        'CSN: the CSNSvar document (kommunfraga v4), base64-encoded.',
      ),
    },
  };
  out.FK = {
    type: {
      kind: 'ref',
      name: wrapperType(
        builder,
        'FkSvarsData',
        element('lefiJsonSvar', xs('base64Binary')),
        "Försäkringskassan: LEFI v9's JSON answer, base64-encoded.",
      ),
    },
  };
  const svar: XsdParticle = {
    kind: 'element',
    name: 'svar',
    form: 'unqualified',
    type: { kind: 'ref', name: xs('string') },
  };
  out.SKV = {
    type: {
      kind: 'ref',
      name: wrapperType(
        builder,
        'SkatteverketSvarsData',
        svar,
        'Skatteverket: the taxation document as text (see skv-svar.xsd for its form).',
      ),
    },
  };
  // The document inside SKV/data/svar, served for clients that parse it; nothing imports it.
  payloadType(builder, registry, 'base-services/skv.schema.json', 'skv-svar.xsd');
  return out;
}

function buildXsds(registry: ContractRegistry): XsdBuilder {
  const b = new XsdBuilder(registry, { fileNames: { [SSBT_NS]: SSBT_XSD } });
  const ssbt = { namespace: SSBT_NS, prefix: 'ssbt' };
  const query = b.addRoot({ schema: 'composite/query.schema.json', typeName: 'SammansattBastjanstFraga' });
  b.addRoot({ schema: 'composite/fault.schema.json', typeName: 'BastjanstInformationFault' });
  b.addRoot({
    schema: 'composite/fault.schema.json',
    typeName: 'BastjanstInformationFault',
    xml: { name: 'testaBastjanstInformationFault' },
  });
  b.addRoot({
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {},
      description: 'The ping has no parameters.',
    },
    xml: { ...ssbt, name: 'testaBastjanstInformation' },
    typeName: 'SammansattBastjanstTestFraga',
  });
  b.addRoot({
    schema: 'composite/ping-answer.schema.json',
    xml: { ...ssbt, name: 'testaBastjanstInformationResponse' },
    typeName: 'SammansattBastjanstTestSvar',
  });
  const error = b.addRoot({
    schema: 'composite/error.schema.json',
    xml: ssbt,
    typeName: 'Error',
    element: false,
  }).type;

  const data = dataTypes(b, registry);
  const svarsdata = SOURCE_CODES.map((code) => {
    const answer = b.addComplexType(SSBT_NS, ANSWER_TYPES[code], {
      doc: `${code}: data when the base service answered, error when it or the call to it failed.`,
      content: {
        kind: 'sequence',
        particles: [
          {
            kind: 'choice',
            particles: [element('data', data[code].type, {}, data[code].doc), element('error', error)],
          },
        ],
      },
    });
    return element(code, answer, { min: 0 });
  });
  const svarData = b.addComplexType(SSBT_NS, 'SammansattBastjanstSvarData', {
    doc: 'One element per source the query included, in contract order.',
    content: { kind: 'sequence', particles: svarsdata },
  });
  const queryField = (name: string): XsdParticle | undefined =>
    b.particle(
      name,
      {
        $ref: `${schemaId('composite/query.schema.json')}#/$defs/GenerellaFrageparametrar/properties/${name}`,
      },
      { ns: SSBT_NS },
    );
  const answer = b.addComplexType(SSBT_NS, 'SammansattBastjanstSvar', {
    doc: 'The compiled answer: the query when it asked to be echoed, its frageTidpunkt and korrelationsid, and svarsdata.',
    content: {
      kind: 'sequence',
      particles: [
        element('fraga', query.type, { min: 0 }),
        queryField('frageTidpunkt') ?? element('frageTidpunkt', xs('dateTime'), { min: 0 }),
        queryField('korrelationsid') ?? element('korrelationsid', xs('string'), { min: 0 }),
        element('svarsdata', svarData),
      ],
    },
  });
  b.addElement(SSBT_NS, 'hamtaBastjanstInformationResponse', answer);
  return b;
}

const cache = new WeakMap<ContractRegistry, XsdBuilder>();

/**
 * Every XSD the simulator serves, by file name. With `soapAddress`, documents import each other by
 * the absolute URL they are served at (`xsdUrl`), which every client resolves; without, by file name
 * (for saving them side by side).
 */
export function xsdDocuments(
  soapAddress?: string,
  registry: ContractRegistry = contracts(),
): Map<string, string> {
  let builder = cache.get(registry);
  if (builder === undefined) {
    builder = buildXsds(registry);
    cache.set(registry, builder);
  }
  return builder.documents(soapAddress === undefined ? undefined : (file) => xsdUrl(soapAddress, file));
}

function operationXml(op: string): { messages: string; portType: string; binding: string } {
  const message = (name: string, element: string, part: string): string =>
    `  <wsdl:message name="${name}">\n    <wsdl:part name="${part}" element="ssbt:${element}"/>\n  </wsdl:message>`;
  const cap = op.charAt(0).toUpperCase() + op.slice(1);
  return {
    messages: [
      message(`${op}Request`, op, `input${cap}`),
      message(`${op}Response`, `${op}Response`, `output${cap}`),
      message(`${op}Fault`, `${op}Fault`, 'faultMessage'),
    ].join('\n'),
    portType: `    <wsdl:operation name="${op}">
      <wsdl:input message="ssbt:${op}Request"/>
      <wsdl:output message="ssbt:${op}Response"/>
      <wsdl:fault name="${op}Fault" message="ssbt:${op}Fault"/>
    </wsdl:operation>`,
    binding: `    <wsdl:operation name="${op}">
      <soap:operation soapAction="" style="document"/>
      <wsdl:input>
        <soap:body use="literal"/>
      </wsdl:input>
      <wsdl:output>
        <soap:body use="literal"/>
      </wsdl:output>
      <wsdl:fault name="${op}Fault">
        <soap:fault name="${op}Fault" use="literal"/>
      </wsdl:fault>
    </wsdl:operation>`,
  };
}

/**
 * The simulator's WSDL 1.1: document/literal, SOAP 1.1 over HTTP, `soapAction=""`, operations
 * hamtaBastjanstInformation and testaBastjanstInformation with input, output and fault. Its types
 * import ssbt.xsd from `<soapAddress>?xsd=ssbt.xsd`; the port's address is `soapAddress`.
 */
export function wsdlDocument(soapAddress: string): string {
  const ops = OPERATIONS.map(operationXml);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- SSBTEK v10 (Sammansatt bastjänst ekonomiskt bistånd) as served by ssbtek-sim, a simulator. -->
<wsdl:definitions name="BastjanstInformation" targetNamespace="${SSBT_NS}" xmlns:wsdl="${WSDL_NS}" xmlns:soap="${WSDL_SOAP_NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ssbt="${SSBT_NS}">
  <wsdl:documentation>SSBTEK v10 simulator (ssbtek-sim): synthetic data only. Same messages as Försäkringskassan's contract, namespace ${SSBT_NS}.</wsdl:documentation>
  <wsdl:types>
    <xs:schema>
      <xs:import namespace="${SSBT_NS}" schemaLocation="${escapeXml(xsdUrl(soapAddress, SSBT_XSD))}"/>
    </xs:schema>
  </wsdl:types>
${ops.map((o) => o.messages).join('\n')}
  <wsdl:portType name="${WSDL_PORT_TYPE}">
${ops.map((o) => o.portType).join('\n')}
  </wsdl:portType>
  <wsdl:binding name="${WSDL_BINDING}" type="ssbt:${WSDL_PORT_TYPE}">
    <soap:binding style="document" transport="${SOAP_HTTP}"/>
${ops.map((o) => o.binding).join('\n')}
  </wsdl:binding>
  <wsdl:service name="${WSDL_SERVICE}">
    <wsdl:port name="${WSDL_PORT}" binding="ssbt:${WSDL_BINDING}">
      <soap:address location="${escapeXml(soapAddress)}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
