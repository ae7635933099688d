import { readFileSync } from 'node:fs';
import type { ProviderOptions } from '../core/options.ts';

/** What undici's connector gets for TLS towards the target: the files' contents, read once. */
export interface TlsConnectOptions {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  passphrase?: string;
}

function read(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new Error(`cannot read the TLS ${what} file ${file}: ${(e as Error).message}`);
  }
}

/**
 * Reads the TLS files of the options: a CA bundle to trust (instead of the system's, like curl --cacert), and for mutual
 * TLS the client certificate and its key (with the key's passphrase). Throws naming an unreadable file.
 */
export function tlsConnectOptions(tls: ProviderOptions['tls']): TlsConnectOptions {
  const out: TlsConnectOptions = {};
  if (tls === undefined) return out;
  if (tls.ca !== undefined) out.ca = read(tls.ca, 'CA');
  if (tls.cert !== undefined) out.cert = read(tls.cert, 'client certificate');
  if (tls.key !== undefined) out.key = read(tls.key, 'client key');
  if (tls.passphrase !== undefined) out.passphrase = tls.passphrase;
  if ((out.cert === undefined) !== (out.key === undefined))
    throw new Error('mutual TLS needs both a client certificate (--cert) and its key (--key)');
  return out;
}
