/**
 * Who is calling, from the client certificate of a mutual TLS connection.
 *
 * Swedish organisation certificates carry the organisation number in the subject's serialNumber
 * attribute (OID 2.5.4.5); `ssbtek-sim certs` issues its client certificates the same way. Node's
 * `getPeerCertificate()` exposes that attribute as `subject.serialNumber` (a string, or an array
 * when the subject has it more than once). Not to be confused with the certificate's own serial
 * number, `PeerCertificate.serialNumber` (hex).
 */
import type { PeerCertificate } from 'node:tls';

/**
 * The organisation number in the peer certificate's subject, trimmed; undefined when there is no
 * certificate (getPeerCertificate() answers `{}` then), no serialNumber attribute, an empty one, or
 * several that disagree (an ambiguous identity is no identity).
 */
export function organisationsnummerOfPeer(cert: PeerCertificate | undefined): string | undefined {
  // `subject` is typed as always present but is missing from the empty object of a certless peer.
  const subject = (cert as Partial<PeerCertificate> | undefined)?.subject;
  if (subject === undefined || subject === null) return undefined;
  const raw = subject.serialNumber;
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => v.trim()).filter((v) => v !== '');
  const [first] = values;
  if (first === undefined || values.some((v) => v !== first)) return undefined;
  return first;
}

/**
 * An organisation number in its 12-digit form: spaces and the hyphen removed, and "16" put before a
 * 10-digit number (the prefix Swedish registers use for legal persons). Anything else unchanged.
 */
export function normalizeOrganisationsnummer(value: string): string {
  const compact = value.replace(/[\s-]/g, '');
  return /^[0-9]{10}$/.test(compact) ? `16${compact}` : compact;
}

/**
 * Whether the organisation number of a client certificate and the one in a query (ingivare) are
 * the same organisation, accepting the 10- and 12-digit forms and a hyphen ("212000-0142").
 */
export function sameOrganisationsnummer(a: string, b: string): boolean {
  return normalizeOrganisationsnummer(a) === normalizeOrganisationsnummer(b);
}
