import { SOAP11_NS, SSBT_NS } from '../../simulator/composite/namespaces.ts';
import { SSBT_XSD } from '../../simulator/composite/wsdl.ts';
import type { Operation } from '../../simulator/composite/soap-request.ts';

/** File name of the envelope schema that checks an answer of `operation`. */
export function envelopeXsdName(operation: Operation): string {
  return `soap-envelope-${operation}.xsd`;
}

/**
 * A SOAP 1.1 envelope schema (written by the harness) whose Body must hold the answer of `operation`
 * or a Fault whose detail is the operation's fault element, both as declared by the project's own
 * ssbt.xsd (generated from contracts/, simulator/composite/wsdl.ts). Header entries and foreign
 * attributes are allowed, as SOAP 1.1 allows them.
 */
export function envelopeXsd(operation: Operation): string {
  const open = '<xs:anyAttribute namespace="##other" processContents="lax"/>';
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by ssbtek-harness (harness/provider/envelope-xsd.ts): a SOAP 1.1 envelope answering ${operation}. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:soap="${SOAP11_NS}" xmlns:ssbt="${SSBT_NS}" targetNamespace="${SOAP11_NS}" elementFormDefault="qualified">
  <xs:import namespace="${SSBT_NS}" schemaLocation="${SSBT_XSD}"/>
  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="Header" minOccurs="0">
          <xs:complexType>
            <xs:sequence><xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
            ${open}
          </xs:complexType>
        </xs:element>
        <xs:element name="Body">
          <xs:complexType>
            <xs:choice>
              <xs:element ref="ssbt:${operation}Response"/>
              <xs:element name="Fault">
                <xs:complexType>
                  <xs:sequence>
                    <xs:element name="faultcode" type="xs:QName" form="unqualified"/>
                    <xs:element name="faultstring" form="unqualified">
                      <xs:complexType><xs:simpleContent><xs:extension base="xs:string">${open}</xs:extension></xs:simpleContent></xs:complexType>
                    </xs:element>
                    <xs:element name="faultactor" type="xs:anyURI" form="unqualified" minOccurs="0"/>
                    <xs:element name="detail" form="unqualified" minOccurs="0">
                      <xs:complexType>
                        <xs:sequence><xs:element ref="ssbt:${operation}Fault"/></xs:sequence>
                        ${open}
                      </xs:complexType>
                    </xs:element>
                  </xs:sequence>
                  ${open}
                </xs:complexType>
              </xs:element>
            </xs:choice>
            ${open}
          </xs:complexType>
        </xs:element>
      </xs:sequence>
      ${open}
    </xs:complexType>
  </xs:element>
</xs:schema>
`;
}
