/**
 * A local test PKI for mutual TLS: one CA, one server certificate and one client certificate per
 * municipality, as PEM files and PKCS#12 bundles that OpenSSL 3, Node.js, Java 17 and .NET open.
 *
 * Keys come from node:crypto (native, fast); node-forge builds and signs the certificates (SHA-256)
 * and the PKCS#12 files. Everything here is for tests: the passphrase is printed in README.txt and
 * the CA key lies next to the certificates. Never use these files in production.
 */
import { constants, createPrivateKey, generateKeyPairSync, privateEncrypt, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';

/** A municipality to issue a client certificate to. */
export interface PkiMunicipality {
  /** 10 or 12 digits; written to the certificate subject's serialNumber (OID 2.5.4.5). */
  organisationsnummer: string;
  namn: string;
}

export interface TestPkiOptions {
  municipalities: readonly PkiMunicipality[];
  /** DNS names and IP addresses of the server; the first is also its CN. */
  hosts: readonly string[];
  /** Printable ASCII, at least 4 characters (tools disagree on how to encode other characters). */
  passphrase: string;
  validityDays: number;
  /** The certificates are valid from now minus one hour to now plus validityDays. */
  now: Date;
}

export interface PemPair {
  certPem: string;
  /** Unencrypted PKCS#8 PEM. */
  keyPem: string;
}

export interface PemPairWithP12 extends PemPair {
  /** PKCS#12 with the key, the certificate and the CA certificate, encrypted with the passphrase. */
  p12: Buffer;
}

export interface ClientCredentials extends PemPairWithP12 {
  organisationsnummer: string;
  namn: string;
}

export interface TestPki {
  passphrase: string;
  notBefore: Date;
  notAfter: Date;
  /** The hosts in the server certificate's subjectAltName, normalised (brackets removed, duplicates dropped). */
  hosts: string[];
  ca: PemPair;
  server: PemPairWithP12;
  clients: ClientCredentials[];
  /** PKCS#12 holding only the CA certificate as a trusted entry (a Java/.NET truststore). */
  truststoreP12: Buffer;
}

export type PkiErrorCode = 'invalid-option' | 'exists' | 'missing-file' | 'invalid-file';

/** A problem with the options, the target directory or the files of a test PKI. */
export class PkiError extends Error {
  constructor(
    message: string,
    readonly code: PkiErrorCode,
    /** The file concerned, when there is one. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'PkiError';
  }
}

export const CA_SUBJECT_CN = 'ssbtek-sim test CA (not for production)';
/** PKCS#12 alias (friendlyName) of the server key entry. */
export const SERVER_ALIAS = 'server';
/** PKCS#12 alias of the CA in truststore.p12. */
export const TRUSTSTORE_CA_ALIAS = 'ssbtek-sim-test-ca';

/** File names inside a test PKI directory. */
export const PKI_FILES = {
  caCert: 'ca.crt.pem',
  caKey: 'ca.key.pem',
  serverCert: 'server.crt.pem',
  serverKey: 'server.key.pem',
  serverP12: 'server.p12',
  truststore: 'truststore.p12',
  readme: 'README.txt',
  clientsDir: 'clients',
} as const;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const MAX_VALIDITY_DAYS = 36500;
/** PBKDF2 / PKCS#12 MAC iteration count (OpenSSL 3's default). */
const P12_ITERATIONS = 2048;

const OID = {
  serialNumber: '2.5.4.5',
  /** Oracle's "trusted key usage" bag attribute: Java reads a certBag carrying it as a trustedCertEntry. */
  oracleTrustedKeyUsage: '2.16.840.1.113894.746875.1.1',
  anyExtendedKeyUsage: '2.5.29.37.0',
  data: '1.2.840.113549.1.7.1',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  sha1: '1.3.14.3.2.26',
} as const;

// ---------------------------------------------------------------------------------------------
// Validation

const DNS_LABEL = '(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)';
const DNS_NAME = new RegExp(`^(?:\\*\\.)?${DNS_LABEL}(?:\\.${DNS_LABEL})*$`);

function invalid(message: string): PkiError {
  return new PkiError(message, 'invalid-option');
}

function normaliseHosts(hosts: readonly string[]): string[] {
  if (hosts.length === 0) throw invalid('at least one host name or IP address is needed for the server certificate');
  const out: string[] = [];
  for (const raw of hosts) {
    const host = raw.trim().replace(/^\[(.*)\]$/, '$1');
    if (host.includes('%')) throw invalid(`host "${raw}": an IPv6 zone id (%...) cannot be put in a certificate`);
    if (isIP(host) === 0 && (host.length > 253 || !DNS_NAME.test(host))) {
      throw invalid(`host "${raw}" is neither an IP address nor a DNS name (letters, digits, "-", "_" and dots)`);
    }
    if (!out.includes(host)) out.push(host);
  }
  return out;
}

function checkOptions(options: TestPkiOptions): void {
  const { passphrase, validityDays, now } = options;
  if (!/^[\x20-\x7e]{4,}$/.test(passphrase)) {
    throw invalid('the passphrase must be at least 4 printable ASCII characters (OpenSSL asks for 4; tools encode non-ASCII passphrases differently)');
  }
  if (!Number.isInteger(validityDays) || validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
    throw invalid(`the validity must be a whole number of days from 1 to ${MAX_VALIDITY_DAYS}, got ${validityDays}`);
  }
  if (Number.isNaN(now.getTime())) throw invalid('"now" is not a valid date');
  const seen = new Set<string>();
  for (const m of options.municipalities) {
    if (!/^(?:[0-9]{10}|[0-9]{12})$/.test(m.organisationsnummer)) {
      throw invalid(`organisationsnummer "${m.organisationsnummer}" (${m.namn}) must be 10 or 12 digits`);
    }
    if (seen.has(m.organisationsnummer)) throw invalid(`organisationsnummer ${m.organisationsnummer} appears twice`);
    seen.add(m.organisationsnummer);
    if (m.namn.trim() === '' || m.namn.length > 64) {
      throw invalid(`namn of ${m.organisationsnummer} must be 1 to 64 characters (X.509 limit for CN and O), got "${m.namn}"`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Certificates

interface KeyPair {
  privateKeyPem: string;
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
}

/** DER prefix of a PKCS#1 DigestInfo for SHA-256 (RFC 8017, 9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A signer forge's cert.sign() accepts (it calls key.sign(md) with the SHA-256 of the
 * TBSCertificate), backed by node:crypto: RSASSA-PKCS1-v1_5 is the private-key operation on the
 * DigestInfo with type-1 padding. Forge's own JavaScript RSA takes 100-500 ms per signature.
 */
function nodeSigner(privateKeyPem: string): forge.pki.rsa.PrivateKey {
  const signer = {
    sign(md: forge.md.MessageDigest): string {
      if (md.algorithm !== 'sha256') throw new Error(`unexpected digest ${md.algorithm}`);
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]);
      return privateEncrypt({ key: privateKeyPem, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    },
  };
  return signer as unknown as forge.pki.rsa.PrivateKey;
}

function newKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privateKeyPem: privateKey,
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey),
  };
}

/** A random positive serial number of 16 bytes, minimally encoded (the first byte is 0x40-0x7f). */
function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

type Attr = forge.pki.CertificateField;

function utf8(shortName: 'CN' | 'O', value: string): Attr {
  // UTF8String (RFC 5280) so that names such as "Malmö" survive; forge encodes the JS string itself.
  return { shortName, value, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class };
}

function printable(attr: { shortName: string } | { type: string }, value: string): Attr {
  return { ...attr, value, valueTagClass: forge.asn1.Type.PRINTABLESTRING as unknown as forge.asn1.Class };
}

function caSubject(): Attr[] {
  return [printable({ shortName: 'C' }, 'SE'), utf8('O', 'ssbtek-sim'), utf8('CN', CA_SUBJECT_CN)];
}

/** ASN.1 order C, O, serialNumber, CN; in RFC 4514 form: CN=namn,serialNumber=nr,O=namn,C=SE. */
function municipalitySubject(m: PkiMunicipality): Attr[] {
  return [
    printable({ shortName: 'C' }, 'SE'),
    utf8('O', m.namn),
    printable({ type: OID.serialNumber }, m.organisationsnummer),
    utf8('CN', m.namn),
  ];
}

function ipBytes(ip: string): string {
  if (isIP(ip) === 4) return String.fromCharCode(...ip.split('.').map(Number));
  // Canonical compressed form through the URL parser (an embedded IPv4 tail becomes two hex groups).
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const [head = '', tail] = canonical.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined ? headGroups : [...headGroups, ...new Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  const buf = Buffer.alloc(16);
  groups.forEach((g, i) => buf.writeUInt16BE(parseInt(g, 16), i * 2));
  return buf.toString('binary');
}

function subjectAltNames(hosts: string[]): { type: number; value: string }[] {
  return hosts.map((h) => (isIP(h) === 0 ? { type: 2, value: h } : { type: 7, value: ipBytes(h) }));
}

interface IssueParams {
  subject: Attr[];
  subjectKey: KeyPair;
  /** Absent: self-signed. */
  issuer?: { cert: forge.pki.Certificate; key: KeyPair };
  extensions: object[];
  notBefore: Date;
  notAfter: Date;
}

function issue(p: IssueParams): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = randomSerialHex();
  cert.publicKey = p.subjectKey.publicKey;
  cert.validity.notBefore = p.notBefore;
  cert.validity.notAfter = p.notAfter;
  cert.setSubject(p.subject);
  cert.setIssuer(p.issuer === undefined ? p.subject : p.issuer.cert.subject.attributes);
  const issuerCert = p.issuer?.cert ?? cert;
  cert.setExtensions([
    ...p.extensions,
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: issuerCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(nodeSigner(p.issuer?.key.privateKeyPem ?? p.subjectKey.privateKeyPem), forge.md.sha256.create());
  return cert;
}

// ---------------------------------------------------------------------------------------------
// PKCS#12

function derBuffer(obj: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(obj).getBytes(), 'binary');
}

/**
 * PKCS#12 with a key and its chain. The key bag is PBES2: PBKDF2 with HMAC-SHA-256 and AES-256-CBC,
 * what OpenSSL 3 and Java 17 write by default; the certificates are not encrypted; the MAC is
 * HMAC-SHA-1 (the only one forge writes, read by every tool). No RC2/40-bit legacy PBE, which
 * OpenSSL 3 (and so Node.js) refuses without its legacy provider.
 */
function keyStoreP12(key: KeyPair, chain: forge.pki.Certificate[], passphrase: string, alias: string): Buffer {
  // prfAlgorithm is read by forge's encryptPrivateKeyInfo but missing from @types/node-forge.
  const options: Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3] & { prfAlgorithm: string } = {
    algorithm: 'aes256',
    prfAlgorithm: 'sha256',
    count: P12_ITERATIONS,
    saltSize: 16,
    friendlyName: alias,
    generateLocalKeyId: true,
  };
  return derBuffer(forge.pkcs12.toPkcs12Asn1(key.privateKey, chain, passphrase, options));
}

const { Class, Type } = forge.asn1;
function node(tag: forge.asn1.Type, value: string | forge.asn1.Asn1[]): forge.asn1.Asn1 {
  return forge.asn1.create(Class.UNIVERSAL, tag, Array.isArray(value), value);
}
function oid(id: string): forge.asn1.Asn1 {
  return node(Type.OID, forge.asn1.oidToDer(id).getBytes());
}
function explicit0(value: forge.asn1.Asn1): forge.asn1.Asn1 {
  return forge.asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [value]);
}
function dataContentInfo(content: forge.asn1.Asn1): forge.asn1.Asn1 {
  return node(Type.SEQUENCE, [oid(OID.data), explicit0(node(Type.OCTETSTRING, forge.asn1.toDer(content).getBytes()))]);
}

/**
 * A truststore: PKCS#12 whose only bag is the CA certificate, marked with Oracle's trusted-key-usage
 * attribute (anyExtendedKeyUsage) so that Java lists it as a trustedCertEntry (what
 * `keytool -importcert` and `openssl pkcs12 -export -jdktrust` write); forge cannot add bag attributes
 * of its own, so the structure is built here. MAC HMAC-SHA-1 like the key stores.
 */
function truststoreP12(ca: forge.pki.Certificate, passphrase: string, alias: string): Buffer {
  const certBag = node(Type.SEQUENCE, [
    oid(OID.certBag),
    explicit0(
      node(Type.SEQUENCE, [
        oid(OID.x509Certificate),
        explicit0(node(Type.OCTETSTRING, forge.asn1.toDer(forge.pki.certificateToAsn1(ca)).getBytes())),
      ]),
    ),
    node(Type.SET, [
      node(Type.SEQUENCE, [oid(OID.friendlyName), node(Type.SET, [node(Type.BMPSTRING, alias)])]),
      node(Type.SEQUENCE, [oid(OID.oracleTrustedKeyUsage), node(Type.SET, [oid(OID.anyExtendedKeyUsage)])]),
    ]),
  ]);
  const authSafe = node(Type.SEQUENCE, [dataContentInfo(node(Type.SEQUENCE, [certBag]))]);
  const salt = forge.random.getBytesSync(16);
  const macKey = forge.pkcs12.generateKey(passphrase, forge.util.createBuffer(salt), 3, P12_ITERATIONS, 20);
  const hmac = forge.hmac.create();
  hmac.start('sha1', macKey.getBytes());
  hmac.update(forge.asn1.toDer(authSafe).getBytes());
  const macData = node(Type.SEQUENCE, [
    node(Type.SEQUENCE, [node(Type.SEQUENCE, [oid(OID.sha1), node(Type.NULL, '')]), node(Type.OCTETSTRING, hmac.digest().getBytes())]),
    node(Type.OCTETSTRING, salt),
    node(Type.INTEGER, forge.asn1.integerToDer(P12_ITERATIONS).getBytes()),
  ]);
  return derBuffer(node(Type.SEQUENCE, [node(Type.INTEGER, forge.asn1.integerToDer(3).getBytes()), dataContentInfo(authSafe), macData]));
}

// ---------------------------------------------------------------------------------------------
// Generation

/** Generates a complete test PKI in memory (about 0.1-0.3 s per RSA key). */
export function generateTestPki(options: TestPkiOptions): TestPki {
  checkOptions(options);
  const hosts = normaliseHosts(options.hosts);
  const { passphrase } = options;
  const notBefore = new Date(options.now.getTime() - HOUR_MS);
  const notAfter = new Date(options.now.getTime() + options.validityDays * DAY_MS);

  const caKey = newKeyPair();
  const caCert = issue({
    subject: caSubject(),
    subjectKey: caKey,
    notBefore,
    notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const issuer = { cert: caCert, key: caKey };

  const serverKey = newKeyPair();
  const serverCert = issue({
    subject: [utf8('CN', hosts[0] ?? 'localhost')],
    subjectKey: serverKey,
    issuer,
    notBefore,
    notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: subjectAltNames(hosts) },
    ],
  });

  const clients = options.municipalities.map((m): ClientCredentials => {
    const key = newKeyPair();
    const cert = issue({
      subject: municipalitySubject(m),
      subjectKey: key,
      issuer,
      notBefore,
      notAfter,
      extensions: [
        { name: 'basicConstraints', cA: false, critical: true },
        { name: 'keyUsage', digitalSignature: true, critical: true },
        { name: 'extKeyUsage', clientAuth: true },
      ],
    });
    return {
      organisationsnummer: m.organisationsnummer,
      namn: m.namn,
      certPem: forge.pki.certificateToPem(cert),
      keyPem: key.privateKeyPem,
      p12: keyStoreP12(key, [cert, caCert], passphrase, m.organisationsnummer),
    };
  });

  return {
    passphrase,
    notBefore,
    notAfter,
    hosts,
    ca: { certPem: forge.pki.certificateToPem(caCert), keyPem: caKey.privateKeyPem },
    server: {
      certPem: forge.pki.certificateToPem(serverCert),
      keyPem: serverKey.privateKeyPem,
      p12: keyStoreP12(serverKey, [serverCert, caCert], passphrase, SERVER_ALIAS),
    },
    clients,
    truststoreP12: truststoreP12(caCert, passphrase, TRUSTSTORE_CA_ALIAS),
  };
}

// ---------------------------------------------------------------------------------------------
// Files

export interface WrittenFile {
  /** The path as joined from the directory given to writeTestPki. */
  path: string;
  description: string;
}

function readme(pki: TestPki): string {
  const rows: [string, string][] = [
    [PKI_FILES.caCert, 'the test CA certificate: trust it in the client (curl --cacert, a truststore)'],
    [PKI_FILES.caKey, 'the test CA private key (unencrypted)'],
    [PKI_FILES.truststore, `the CA certificate alone as a PKCS#12 truststore (alias ${TRUSTSTORE_CA_ALIAS}), for Java/.NET`],
    [PKI_FILES.serverCert, "the simulator's server certificate, issued by the test CA"],
    [PKI_FILES.serverKey, 'its private key (unencrypted)'],
    [PKI_FILES.serverP12, `server key + certificate + CA certificate as PKCS#12 (alias ${SERVER_ALIAS})`],
  ];
  for (const c of pki.clients) {
    const base = `${PKI_FILES.clientsDir}/${c.organisationsnummer}`;
    rows.push(
      [`${base}.crt.pem`, `client certificate of ${c.namn}, subject serialNumber=${c.organisationsnummer}`],
      [`${base}.key.pem`, 'its private key (unencrypted)'],
      [`${base}.p12`, `key + certificate + CA certificate as PKCS#12 (alias ${c.organisationsnummer})`],
    );
  }
  const width = Math.max(...rows.map(([name]) => name.length));
  return [
    'ssbtek-sim test PKI: FOR LOCAL TESTS ONLY, NEVER FOR PRODUCTION',
    '================================================================',
    '',
    'These certificates were generated by `ssbtek-sim certs`. The CA private key is in this',
    'directory and the passphrase is printed below: anyone with these files can issue certificates',
    'this CA vouches for. Do not trust this CA anywhere but in tests of the simulator.',
    '',
    `Passphrase of every .p12 file: ${pki.passphrase}`,
    `Valid from ${pki.notBefore.toISOString()} to ${pki.notAfter.toISOString()}.`,
    `Server names (subjectAltName): ${pki.hosts.join(', ')}`,
    '',
    'Files',
    ...rows.map(([name, what]) => `  ${name.padEnd(width)}  ${what}`),
    '',
    'Start the simulator with mutual TLS:  ssbtek-sim start --mtls --certs-dir <this directory>',
    'See docs/tls.md in ssbtek-sim for curl, Java (keytool) and .NET examples.',
    '',
  ].join('\n');
}

/**
 * Writes a test PKI to dir (created when missing). Private keys and .p12 files get mode 0600.
 * Refuses with PkiError 'exists' when dir already holds a CA key, unless force.
 */
export function writeTestPki(dir: string, pki: TestPki, options: { force: boolean }): WrittenFile[] {
  const caKeyPath = join(dir, PKI_FILES.caKey);
  if (!options.force && existsSync(caKeyPath)) {
    throw new PkiError(`${caKeyPath} already exists: refusing to replace an existing test CA (use force to overwrite)`, 'exists', caKeyPath);
  }
  mkdirSync(join(dir, PKI_FILES.clientsDir), { recursive: true });
  const written: WrittenFile[] = [];
  const write = (name: string, data: string | Buffer, secret: boolean, description: string): void => {
    const path = join(dir, name);
    try {
      // 'wx' for the CA key without force: never replace one created meanwhile.
      writeFileSync(path, data, { mode: secret ? 0o600 : 0o644, flag: name === PKI_FILES.caKey && !options.force ? 'wx' : 'w' });
    } catch (e) {
      if ((e as { code?: string }).code === 'EEXIST') {
        throw new PkiError(`${path} already exists: refusing to replace an existing test CA (use force to overwrite)`, 'exists', path);
      }
      throw e;
    }
    // writeFileSync's mode applies only to new files; a replaced key must not stay world-readable.
    if (secret) chmodSync(path, 0o600);
    written.push({ path, description });
  };
  write(PKI_FILES.caKey, pki.ca.keyPem, true, 'test CA private key');
  write(PKI_FILES.caCert, pki.ca.certPem, false, 'test CA certificate (trust this in clients)');
  write(PKI_FILES.truststore, pki.truststoreP12, false, 'truststore with the CA certificate only (PKCS#12, for Java/.NET)');
  write(PKI_FILES.serverCert, pki.server.certPem, false, `server certificate (${pki.hosts.join(', ')})`);
  write(PKI_FILES.serverKey, pki.server.keyPem, true, 'server private key');
  write(PKI_FILES.serverP12, pki.server.p12, true, 'server key + certificate + CA (PKCS#12)');
  for (const c of pki.clients) {
    const base = `${PKI_FILES.clientsDir}/${c.organisationsnummer}`;
    write(`${base}.crt.pem`, c.certPem, false, `client certificate of ${c.namn} (${c.organisationsnummer})`);
    write(`${base}.key.pem`, c.keyPem, true, `client private key of ${c.namn}`);
    write(`${base}.p12`, c.p12, true, `client key + certificate + CA of ${c.namn} (PKCS#12)`);
  }
  write(PKI_FILES.readme, readme(pki), false, 'what these files are, and the passphrase');
  return written;
}

/** PEM text the simulator needs to serve HTTPS with client-certificate checks. */
export interface TlsFiles {
  /** Server certificate PEM. */
  cert: string;
  /** Server private key PEM. */
  key: string;
  /** CA certificate PEM: the only issuer accepted for client certificates. */
  ca: string;
  /** Subject and validity of the server certificate, for a start-up line. */
  serverCertificate: X509Certificate;
}

function readPem(dir: string, name: string, kind: 'CERTIFICATE' | 'PRIVATE KEY'): string {
  const path = join(dir, name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') {
      throw new PkiError(`TLS file ${path} is missing; create a test PKI with: ssbtek-sim certs --out ${dir}`, 'missing-file', path);
    }
    throw new PkiError(`TLS file ${path} cannot be read (${code ?? String(e)})`, 'missing-file', path);
  }
  if (!new RegExp(`-----BEGIN (?:[A-Z]+ )?${kind}-----`).test(text)) {
    throw new PkiError(`TLS file ${path} is not a PEM ${kind.toLowerCase()}`, 'invalid-file', path);
  }
  return text;
}

/**
 * Reads server.crt.pem, server.key.pem and ca.crt.pem from dir (as written by writeTestPki, or your
 * own files with those names). Throws PkiError naming the missing or unusable file.
 */
export function loadTlsFiles(dir: string): TlsFiles {
  if (!existsSync(dir)) {
    throw new PkiError(`TLS directory ${dir} does not exist; create a test PKI with: ssbtek-sim certs --out ${dir}`, 'missing-file', dir);
  }
  const cert = readPem(dir, PKI_FILES.serverCert, 'CERTIFICATE');
  const key = readPem(dir, PKI_FILES.serverKey, 'PRIVATE KEY');
  const ca = readPem(dir, PKI_FILES.caCert, 'CERTIFICATE');
  let serverCertificate: X509Certificate;
  try {
    serverCertificate = new X509Certificate(cert);
    new X509Certificate(ca);
  } catch (e) {
    throw new PkiError(`TLS files in ${dir}: a certificate cannot be parsed (${(e as Error).message})`, 'invalid-file', dir);
  }
  let matches: boolean;
  try {
    matches = serverCertificate.checkPrivateKey(createPrivateKey(key));
  } catch (e) {
    throw new PkiError(`TLS file ${join(dir, PKI_FILES.serverKey)} cannot be parsed (${(e as Error).message})`, 'invalid-file', join(dir, PKI_FILES.serverKey));
  }
  if (!matches) {
    throw new PkiError(`TLS file ${join(dir, PKI_FILES.serverKey)} is not the key of ${join(dir, PKI_FILES.serverCert)}`, 'invalid-file', join(dir, PKI_FILES.serverKey));
  }
  return { cert, key, ca, serverCertificate };
}
