import type { IncomingMessage } from 'node:http';
import { TLSSocket } from 'node:tls';
import { organisationsnummerOfPeer } from '../tls/peer-identity.ts';

/**
 * The organisationsnummer of the client certificate an authorised TLS connection presented: a string, null when
 * the certificate names none, undefined when the connection is plain HTTP or presented no certificate (TLS without
 * --mtls). Under --mtls an unauthorised connection never gets this far: the handshake refuses it.
 */
export function certificateOrganisationsnummer(req: IncomingMessage): string | null | undefined {
  const socket = req.socket;
  if (!(socket instanceof TLSSocket) || !socket.authorized) return undefined;
  const cert = socket.getPeerCertificate();
  if (cert === null || Object.keys(cert).length === 0) return undefined;
  return organisationsnummerOfPeer(cert) ?? null;
}

/** The part of a HamtaRequest that carries the connection's certificate, when there is one. */
export function certificatePart(req: IncomingMessage): { certificateOrganisationsnummer?: string | null } {
  const orgnr = certificateOrganisationsnummer(req);
  return orgnr === undefined ? {} : { certificateOrganisationsnummer: orgnr };
}
