import { describe, expect, it } from 'vitest';
import { readSoapRequest } from '../../simulator/composite/soap-request.ts';
import { RequestFault } from '../../simulator/faults/soap-fault.ts';
import { envelope, soapPing } from '../support/queries.ts';

function faultOf(text: string): { felkod: string; message: string } {
  try {
    readSoapRequest(text);
  } catch (e) {
    if (e instanceof RequestFault) return { felkod: e.felkod, message: e.felmeddelande.join(' ') };
    throw e;
  }
  throw new Error('expected a fault');
}

describe('reading a SOAP request', () => {
  it('accepts any namespace prefixes, and a default namespace', () => {
    expect(readSoapRequest(soapPing('x')).operation).toBe('testaBastjanstInformation');
    const viaDefault = `<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body><testaBastjanstInformation xmlns="http://schema.forsakringskassan.se/integration/ssbt/10"/></Body></Envelope>`;
    expect(readSoapRequest(viaDefault).operation).toBe('testaBastjanstInformation');
  });

  it('Given XML that is not well-formed, Then SSBT-001 says where', () => {
    const f = faultOf('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">\n<soap:Body>\n</soap:Envelope>');
    expect(f.felkod).toBe('SSBT-001');
    expect(f.message).toMatch(/line 3/);
  });

  it('Given a SOAP 1.2 envelope, Then SSBT-002 says to use SOAP 1.1', () => {
    const f = faultOf('<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>');
    expect(f).toEqual({ felkod: 'SSBT-002', message: expect.stringContaining('SOAP 1.2 is not supported') as string });
  });

  it('Given no Body or an empty Body, Then SSBT-002', () => {
    expect(faultOf('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>').felkod).toBe('SSBT-002');
    expect(faultOf(envelope('')).felkod).toBe('SSBT-002');
    expect(faultOf('<hamtaBastjanstInformation/>').felkod).toBe('SSBT-002');
  });

  it('Given a wrong operation or the right name in a wrong namespace, Then SSBT-003 names it', () => {
    const wrong = faultOf(envelope('<s:raderaAllt xmlns:s="http://schema.forsakringskassan.se/integration/ssbt/10"/>'));
    expect(wrong.felkod).toBe('SSBT-003');
    expect(wrong.message).toContain('raderaAllt');
    expect(faultOf(envelope('<s:testaBastjanstInformation xmlns:s="http://schema.forsakringskassan.se/integration/ssbt/9"/>')).felkod).toBe('SSBT-003');
  });
});
