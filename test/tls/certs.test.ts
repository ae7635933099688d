import { spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, loadTlsFiles, PkiError, writeTestPki, type TestPki, type TestPkiOptions } from '../../simulator/tls/certs.ts';
import { organisationsnummerOfPeer } from '../../simulator/tls/peer-identity.ts';

const EXEMPEL = { organisationsnummer: '162120000142', namn: 'Exempelkommunen' };
const MALMO = { organisationsnummer: '162120000019', namn: 'Malmö Provkommun' };
const PASS = 'test-pass-1';
const DAYS = 30;
const HOUR = 3600_000;

const now = new Date();
const options: TestPkiOptions = { municipalities: [EXEMPEL, MALMO], hosts: ['localhost', '127.0.0.1', '[::1]'], passphrase: PASS, validityDays: DAYS, now };
// One PKI for the whole file: RSA key generation is the slow part.
let pki: TestPki;
let ca: X509Certificate;
let server: X509Certificate;
let exempel: X509Certificate;
let malmo: X509Certificate;
const tmp = mkdtempSync(join(tmpdir(), 'ssbtek-tls-'));

beforeAll(() => {
  pki = generateTestPki(options);
  ca = new X509Certificate(pki.ca.certPem);
  server = new X509Certificate(pki.server.certPem);
  exempel = new X509Certificate(pki.clients[0]?.certPem ?? '');
  malmo = new X509Certificate(pki.clients[1]?.certPem ?? '');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const OPENSSL = spawnSync('openssl', ['version'], { encoding: 'utf8' });
const opensslFound = OPENSSL.error === undefined && OPENSSL.status === 0;
const underCi = process.env.CI === 'true';
if (!opensslFound && !underCi) console.warn('openssl not found: skipping the openssl pkcs12 checks (under CI=true they run, and fail)');
const itOpenssl = opensslFound || underCi ? it : it.skip;

function openssl(args: string[]): { status: number | null; out: string } {
  const res = spawnSync('openssl', args, { encoding: 'utf8' });
  if (res.error !== undefined) throw new Error(`openssl is required for this test under CI=true: ${res.error.message}`);
  return { status: res.status, out: `${res.stdout}${res.stderr}` };
}

function client(i: number): TestPki['clients'][number] {
  const c = pki.clients[i];
  if (c === undefined) throw new Error(`no client ${i}`);
  return c;
}

describe('generateTestPki: the certificates', () => {
  it('the CA is a self-signed CA with the fixed test subject', () => {
    expect(ca.subject).toBe('C=SE\nO=ssbtek-sim\nCN=ssbtek-sim test CA (not for production)');
    expect(ca.issuer).toBe(ca.subject);
    expect(ca.ca).toBe(true);
    expect(ca.verify(ca.publicKey)).toBe(true);
  });

  it('client certificates name the municipality, with the organisation number as subject serialNumber, issued by the CA', () => {
    expect(exempel.subject.split('\n')).toEqual(['C=SE', 'O=Exempelkommunen', 'serialNumber=162120000142', 'CN=Exempelkommunen']);
    expect(malmo.subject).toContain('O=Malmö Provkommun');
    expect(malmo.subject).toContain('serialNumber=162120000019');
    for (const c of [exempel, malmo]) {
      expect(c.issuer).toBe(ca.subject);
      expect(c.verify(ca.publicKey)).toBe(true);
      expect(c.checkIssued(ca)).toBe(true);
      expect(c.ca).toBe(false);
      expect(c.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']); // extKeyUsage clientAuth
    }
    expect(pki.clients.map((c) => c.organisationsnummer)).toEqual(['162120000142', '162120000019']);
  });

  it('the server certificate is for every host (DNS names and IPs, IPv6 included) and for serverAuth', () => {
    expect(server.subject).toBe('CN=localhost');
    expect(server.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkIP('::1')).toBe('::1');
    expect(server.checkHost('example.com')).toBeUndefined();
    expect(server.checkIP('10.0.0.1')).toBeUndefined();
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(pki.hosts).toEqual(['localhost', '127.0.0.1', '::1']);
  });

  it('valid from an hour before now for the given number of days, with distinct positive serial numbers', () => {
    for (const c of [ca, server, exempel, malmo]) {
      expect(Math.abs(Date.parse(c.validFrom) - (now.getTime() - HOUR))).toBeLessThan(1000);
      expect(Math.abs(Date.parse(c.validTo) - (now.getTime() + DAYS * 24 * HOUR))).toBeLessThan(1000);
    }
    const serials = [ca, server, exempel, malmo].map((c) => c.serialNumber);
    expect(new Set(serials).size).toBe(4);
    for (const s of serials) expect(s).toMatch(/^[4-7][0-9A-F]{31}$/);
  });

  it('keys are 2048-bit RSA in unencrypted PKCS#8 PEM, each the key of its certificate', () => {
    const pairs: [string, X509Certificate][] = [
      [pki.ca.keyPem, ca],
      [pki.server.keyPem, server],
      [client(0).keyPem, exempel],
      [client(1).keyPem, malmo],
    ];
    for (const [pem, cert] of pairs) {
      expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(cert.checkPrivateKey(createPrivateKey(pem))).toBe(true);
      expect(cert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    }
  });

  it.each([
    [{ passphrase: 'abc' }, 'at least 4 printable ASCII'],
    [{ passphrase: 'lösenord' }, 'printable ASCII'],
    [{ hosts: [] }, 'at least one host'],
    [{ hosts: ['bad host'] }, 'host "bad host" is neither an IP address nor a DNS name'],
    [{ validityDays: 0 }, 'whole number of days'],
    [{ municipalities: [{ organisationsnummer: '16212000014', namn: 'X' }] }, 'must be 10 or 12 digits'],
    [{ municipalities: [EXEMPEL, EXEMPEL] }, 'appears twice'],
  ] as [Partial<TestPkiOptions>, string][])('refuses %j before generating anything: %s', (change, message) => {
    let thrown: unknown;
    try {
      generateTestPki({ ...options, ...change });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PkiError);
    expect((thrown as PkiError).code).toBe('invalid-option');
    expect((thrown as PkiError).message).toContain(message);
  });
});

describe('generateTestPki: PKCS#12', () => {
  it('server and client .p12 open in OpenSSL 3 through Node with the passphrase, and not with a wrong one', () => {
    for (const p12 of [pki.server.p12, client(0).p12, client(1).p12]) {
      expect(() => tls.createSecureContext({ pfx: p12, passphrase: PASS })).not.toThrow();
      expect(() => tls.createSecureContext({ pfx: p12, passphrase: 'wrong-passphrase' })).toThrow(/mac verify failure/);
    }
  });

  it('a client .p12 holds its key, its certificate (alias = organisation number) and the CA certificate', () => {
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(client(0).p12.toString('binary')), PASS);
    const certs = p12.getBags({ bagType: forge.pki.oids.certBag ?? '' })[forge.pki.oids.certBag ?? ''] ?? [];
    const keys = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag ?? '' })[forge.pki.oids.pkcs8ShroudedKeyBag ?? ''] ?? [];
    expect(certs.map((b) => (b.cert === undefined ? '' : forge.pki.certificateToPem(b.cert)))).toEqual([client(0).certPem, pki.ca.certPem]);
    expect(keys).toHaveLength(1);
    expect(keys[0]?.attributes.friendlyName).toEqual(['162120000142']);
  });

  it('truststore.p12 holds only the CA certificate, marked trusted for Java (Oracle trusted-key-usage attribute)', () => {
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(pki.truststoreP12.toString('binary')), PASS);
    const bags = p12.safeContents.flatMap((s) => s.safeBags);
    expect(bags).toHaveLength(1);
    const bag = bags[0];
    expect(bag?.cert === undefined ? '' : forge.pki.certificateToPem(bag.cert)).toBe(pki.ca.certPem);
    expect(bag?.attributes.friendlyName).toEqual(['ssbtek-sim-test-ca']);
    // forge drops attributes it does not know: look for the attribute (OID, then SET { anyExtendedKeyUsage }) in the DER.
    const oracleTrusted = forge.asn1.oidToDer('2.16.840.1.113894.746875.1.1').getBytes();
    const anyEku = forge.asn1.oidToDer('2.5.29.37.0').getBytes();
    expect(pki.truststoreP12.toString('binary')).toContain(`${oracleTrusted}\x31\x06\x06\x04${anyEku}`);
    expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(pki.truststoreP12.toString('binary')), 'wrong-passphrase')).toThrow(/integrity|MAC/i);
  });

  itOpenssl('openssl pkcs12 reads every .p12 (PBES2 AES-256, no legacy algorithms) with the passphrase only', () => {
    const files: [string, Buffer][] = [
      ['server.p12', pki.server.p12],
      ['client.p12', client(0).p12],
      ['truststore.p12', pki.truststoreP12],
    ];
    for (const [name, data] of files) {
      const file = join(tmp, name);
      writeFileSync(file, data);
      const info = openssl(['pkcs12', '-info', '-noout', '-passin', `pass:${PASS}`, '-in', file]);
      expect(info.status, info.out).toBe(0);
      expect(info.out).toContain('MAC: sha1');
      if (name !== 'truststore.p12') expect(info.out).toContain('Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC');
      expect(info.out).not.toMatch(/RC2|40-bit/i);
      expect(openssl(['pkcs12', '-info', '-noout', '-passin', 'pass:wrong-passphrase', '-in', file]).out).toContain('Mac verify error');
    }
    const key = openssl(['pkcs12', '-in', join(tmp, 'client.p12'), '-passin', `pass:${PASS}`, '-nocerts', '-nodes']);
    expect(key.status, key.out).toBe(0);
    expect(key.out).toContain('-----BEGIN PRIVATE KEY-----');
    const trust = openssl(['pkcs12', '-in', join(tmp, 'truststore.p12'), '-passin', `pass:${PASS}`, '-nokeys', '-info']);
    expect(trust.out).toContain('friendlyName: ssbtek-sim-test-ca');
    expect(trust.out).toContain('2.16.840.1.113894.746875.1.1');
  });
});

/** A client certificate claiming to be Exempelkommunen, self-signed: what an impostor could make. */
function selfSignedImpostor(): { cert: string; key: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.serialNumber = '01';
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.validity.notBefore = new Date(now.getTime() - HOUR);
  cert.validity.notAfter = new Date(now.getTime() + HOUR);
  const subject = [
    { shortName: 'C', value: 'SE' },
    { shortName: 'O', value: EXEMPEL.namn },
    { type: '2.5.4.5', value: EXEMPEL.organisationsnummer },
    { shortName: 'CN', value: EXEMPEL.namn },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'extKeyUsage', clientAuth: true }]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: privateKey };
}

describe('mutual TLS with the generated PKI (https server: requestCert, rejectUnauthorized)', () => {
  let srv: https.Server;
  let port: number;
  let served = 0;
  beforeAll(async () => {
    srv = https.createServer({ key: pki.server.keyPem, cert: pki.server.certPem, ca: pki.ca.certPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      served++;
      const socket = req.socket as tls.TLSSocket;
      res.end(JSON.stringify({ authorized: socket.authorized, organisationsnummer: organisationsnummerOfPeer(socket.getPeerCertificate()) ?? null }));
    });
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
    port = (srv.address() as AddressInfo).port;
  });
  afterAll(async () => {
    srv.closeAllConnections();
    await new Promise<void>((resolve) => srv.close(() => resolve()));
  });

  function get(opts: https.RequestOptions): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = https.request({ host: '127.0.0.1', port, path: '/', ca: pki.ca.certPem, agent: false, ...opts }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(JSON.parse(body)));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('accepts a municipality certificate (PEM and .p12), checks the server name (IP and DNS), and reads the organisation number', async () => {
    expect(await get({ cert: client(0).certPem, key: client(0).keyPem })).toEqual({ authorized: true, organisationsnummer: '162120000142' });
    expect(await get({ pfx: client(1).p12, passphrase: PASS, servername: 'localhost' })).toEqual({ authorized: true, organisationsnummer: '162120000019' });
  });

  it('refuses a self-signed certificate not from the CA, and a connection without a certificate', async () => {
    const before = served;
    const impostor = selfSignedImpostor();
    await expect(get({ cert: impostor.cert, key: impostor.key })).rejects.toThrow(/unknown ca|socket hang up|ECONNRESET/i);
    await expect(get({})).rejects.toThrow(/certificate required|socket hang up|ECONNRESET|handshake/i);
    expect(served).toBe(before);
  });

  it('the client refuses the server under a name the certificate is not for', async () => {
    await expect(get({ cert: client(0).certPem, key: client(0).keyPem, servername: 'example.com' })).rejects.toThrow(/altnames/i);
  });
});

describe('writeTestPki and loadTlsFiles', () => {
  it('writes every file, keys and .p12 with mode 0600, and a README with the passphrase and a warning', () => {
    const dir = join(tmp, 'certs');
    const written = writeTestPki(dir, pki, { force: false });
    const names = written.map((f) => f.path.slice(dir.length + 1));
    expect(names.sort()).toEqual(
      [
        'ca.crt.pem',
        'ca.key.pem',
        'server.crt.pem',
        'server.key.pem',
        'server.p12',
        'truststore.p12',
        'README.txt',
        'clients/162120000142.crt.pem',
        'clients/162120000142.key.pem',
        'clients/162120000142.p12',
        'clients/162120000019.crt.pem',
        'clients/162120000019.key.pem',
        'clients/162120000019.p12',
      ].sort(),
    );
    expect(readFileSync(join(dir, 'clients/162120000142.crt.pem'), 'utf8')).toBe(client(0).certPem);
    expect(readFileSync(join(dir, 'server.p12')).equals(pki.server.p12)).toBe(true);
    if (process.platform !== 'win32') {
      for (const f of ['ca.key.pem', 'server.key.pem', 'server.p12', 'clients/162120000019.key.pem', 'clients/162120000019.p12']) {
        expect(statSync(join(dir, f)).mode & 0o777, f).toBe(0o600);
      }
    }
    const readme = readFileSync(join(dir, 'README.txt'), 'utf8');
    expect(readme).toContain(`Passphrase of every .p12 file: ${PASS}`);
    expect(readme).toMatch(/NEVER FOR PRODUCTION/);
    expect(readme).toContain('clients/162120000019.p12');
  });

  it('refuses to replace an existing CA, naming the file, unless force', () => {
    const dir = join(tmp, 'certs');
    let thrown: unknown;
    try {
      writeTestPki(dir, pki, { force: false });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PkiError);
    expect((thrown as PkiError).code).toBe('exists');
    expect((thrown as PkiError).message).toContain(join(dir, 'ca.key.pem'));
    expect(() => writeTestPki(dir, pki, { force: true })).not.toThrow();
  });

  it('loadTlsFiles reads the server certificate, its key and the CA', () => {
    const files = loadTlsFiles(join(tmp, 'certs'));
    expect(files.cert).toBe(pki.server.certPem);
    expect(files.key).toBe(pki.server.keyPem);
    expect(files.ca).toBe(pki.ca.certPem);
    expect(files.serverCertificate.subject).toBe('CN=localhost');
  });

  it('loadTlsFiles names the missing directory or file, and a key that is not the certificate’s', () => {
    expect(() => loadTlsFiles(join(tmp, 'nowhere'))).toThrow(`TLS directory ${join(tmp, 'nowhere')} does not exist`);
    const partial = join(tmp, 'partial');
    writeTestPki(partial, pki, { force: false });
    rmSync(join(partial, 'server.key.pem'));
    expect(() => loadTlsFiles(partial)).toThrow(`TLS file ${join(partial, 'server.key.pem')} is missing`);
    writeFileSync(join(partial, 'server.key.pem'), client(0).keyPem);
    expect(() => loadTlsFiles(partial)).toThrow(`is not the key of ${join(partial, 'server.crt.pem')}`);
    rmSync(join(partial, 'ca.crt.pem'));
    expect(existsSync(join(partial, 'ca.crt.pem'))).toBe(false);
    expect(() => loadTlsFiles(partial)).toThrow(`TLS file ${join(partial, 'ca.crt.pem')} is missing`);
  });
});
