import { SOAP11_NS, SOAP12_NS, SSBT_NS } from '../../simulator/composite/namespaces.ts';
import { escapeXml } from '../../simulator/xml/escape.ts';

/** A SOAP envelope (1.1 unless asked) around one Body element. */
export function soapEnvelope(bodyElement: string, version: '1.1' | '1.2' = '1.1'): string {
  const ns = version === '1.2' ? SOAP12_NS : SOAP11_NS;
  return `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="${ns}">
  <soapenv:Header/>
  <soapenv:Body>
${bodyElement}
  </soapenv:Body>
</soapenv:Envelope>
`;
}

/** The operation element with its content (child elements that declare their own namespaces). */
export function operationElement(name: string, content: string, namespace: string = SSBT_NS): string {
  const open = `    <ssbt:${name} xmlns:ssbt="${escapeXml(namespace)}"`;
  return content === '' ? `${open}/>` : `${open}>\n${content}\n    </ssbt:${name}>`;
}
