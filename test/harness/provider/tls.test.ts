import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetUnreachable } from '../../../harness/core/types.ts';
import { createProviderExecutor } from '../../../harness/provider/executor.ts';
import { tlsConnectOptions } from '../../../harness/provider/tls.ts';
import { pingEnvelope } from '../../../simulator/composite/soap-answer.ts';
import { SOURCE_CODES } from '../../../simulator/domain/sources.ts';
import { makeCerts, opensslAvailable, type Certs } from './support/certs.ts';
import { providerCases, simulatorMapping } from './support/run-suite.ts';

const PING = pingEnvelope(Object.fromEntries(SOURCE_CODES.map((c) => [c, { anropad: true }])));

describe.skipIf(!opensslAvailable)('TLS and mutual TLS towards the target', () => {
  let certs: Certs;
  let server: Server;
  let target: string;
  const clients: string[] = [];

  beforeAll(async () => {
    certs = makeCerts();
    // A provider that requires a client certificate from our CA and answers every POST with a healthy ping.
    server = createServer(
      {
        cert: readFileSync(certs.serverCert),
        key: readFileSync(certs.serverKey),
        ca: readFileSync(certs.ca),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        clients.push(String(peer.subject?.CN));
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
          res.end(req.method === 'POST' ? PING : '');
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    target = `https://127.0.0.1:${(server.address() as AddressInfo).port}/ssbtek/v10`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reads the CA, client certificate, key and passphrase for the connection pool', () => {
    const o = tlsConnectOptions({
      ca: certs.ca,
      cert: certs.clientCert,
      key: certs.clientKey,
      passphrase: certs.passphrase,
    });
    expect(o.ca?.equals(readFileSync(certs.ca))).toBe(true);
    expect(o.cert?.equals(readFileSync(certs.clientCert))).toBe(true);
    expect(o.key?.equals(readFileSync(certs.clientKey))).toBe(true);
    expect(o.passphrase).toBe(certs.passphrase);
    expect(() => tlsConnectOptions({ cert: certs.clientCert })).toThrow(
      'mutual TLS needs both a client certificate (--cert) and its key (--key)',
    );
    expect(() => tlsConnectOptions({ ca: `${certs.dir}/missing.crt` })).toThrow(
      /cannot read the TLS CA file .*missing\.crt/,
    );
  });

  it('reaches a provider that requires a client certificate and judges its answers', async () => {
    const executor = createProviderExecutor({
      target,
      mapping: simulatorMapping(),
      timeoutMs: 5000,
      tls: { ca: certs.ca, cert: certs.clientCert, key: certs.clientKey, passphrase: certs.passphrase },
    });
    await executor.prepare?.();
    const ping = providerCases().find((c) => c.id === 'P-OPS-003');
    if (ping === undefined) throw new Error('P-OPS-003 is missing');
    const outcome = await executor.run(ping);
    await executor.close?.();
    expect(outcome.failures).toEqual([]);
    expect(outcome.verdict).toBe('pass');
    expect(clients).toContain('harness-client');
  });

  it('says the target cannot be reached when it refuses us for want of a client certificate', async () => {
    const executor = createProviderExecutor({
      target,
      mapping: simulatorMapping(),
      timeoutMs: 5000,
      tls: { ca: certs.ca },
    });
    await expect(executor.prepare?.()).rejects.toBeInstanceOf(TargetUnreachable);
    await executor.close?.();
  });

  it('says the target cannot be reached when its certificate is not from a trusted CA', async () => {
    const executor = createProviderExecutor({
      target,
      mapping: simulatorMapping(),
      timeoutMs: 5000,
      tls: { cert: certs.clientCert, key: certs.clientKey, passphrase: certs.passphrase },
    });
    await expect(executor.prepare?.()).rejects.toThrow(/cannot be reached: .*(certificate|CERT)/i);
    await executor.close?.();
  });
});
