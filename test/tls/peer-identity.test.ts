import type { PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { normalizeOrganisationsnummer, organisationsnummerOfPeer, sameOrganisationsnummer } from '../../simulator/tls/peer-identity.ts';

/** The parts of a PeerCertificate the function reads (a real handshake is in certs.test.ts). */
function peer(subject: Record<string, string | string[]> | undefined, serialNumber = '4A6F'): PeerCertificate {
  return { serialNumber, ...(subject === undefined ? {} : { subject }) } as unknown as PeerCertificate;
}

describe('organisationsnummerOfPeer', () => {
  it('reads subject.serialNumber (OID 2.5.4.5), trimmed', () => {
    expect(organisationsnummerOfPeer(peer({ C: 'SE', O: 'Exempelkommunen', serialNumber: '162120000142', CN: 'Exempelkommunen' }))).toBe('162120000142');
    expect(organisationsnummerOfPeer(peer({ serialNumber: ' 162120000142 ' }))).toBe('162120000142');
  });

  it('accepts a repeated attribute when the values agree, and refuses an ambiguous one', () => {
    expect(organisationsnummerOfPeer(peer({ serialNumber: ['162120000142', '162120000142'] }))).toBe('162120000142');
    expect(organisationsnummerOfPeer(peer({ serialNumber: ['162120000142', '162120000019'] }))).toBeUndefined();
    expect(organisationsnummerOfPeer(peer({ serialNumber: [] }))).toBeUndefined();
  });

  it('undefined without a certificate, without a subject (getPeerCertificate() answers {} then), without the attribute, or when empty', () => {
    expect(organisationsnummerOfPeer(undefined)).toBeUndefined();
    expect(organisationsnummerOfPeer({} as PeerCertificate)).toBeUndefined();
    expect(organisationsnummerOfPeer(peer(undefined))).toBeUndefined();
    expect(organisationsnummerOfPeer(peer({ CN: 'Exempelkommunen', O: 'Exempelkommunen' }))).toBeUndefined();
    expect(organisationsnummerOfPeer(peer({ serialNumber: '  ' }))).toBeUndefined();
  });

  it('never takes the certificate’s own serial number for the organisation number', () => {
    expect(organisationsnummerOfPeer(peer({ CN: 'x' }, '162120000142'))).toBeUndefined();
  });
});

describe('sameOrganisationsnummer', () => {
  it('matches the 10- and 12-digit forms and a hyphen', () => {
    expect(normalizeOrganisationsnummer('212000-0142')).toBe('162120000142');
    expect(sameOrganisationsnummer('2120000142', '162120000142')).toBe(true);
    expect(sameOrganisationsnummer('212000-0142', '162120000142')).toBe(true);
    expect(sameOrganisationsnummer('162120000142', '162120000142')).toBe(true);
    expect(sameOrganisationsnummer('162120000142', '162120000019')).toBe(false);
    expect(sameOrganisationsnummer('SE162120000142', '162120000142')).toBe(false);
  });
});
