/**
 * `ssbtek-sim certs`: writes a local test PKI for mutual TLS (see docs/tls.md): a CA, a server
 * certificate and one client certificate per municipality of a scenario.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { loadScenarioFile, ScenarioError } from '../scenarios/load.ts';
import { generateTestPki, PKI_FILES, PkiError, writeTestPki } from '../tls/certs.ts';

/** The passphrase of the .p12 files unless --passphrase is given. Public on purpose: a test PKI. */
export const DEFAULT_PASSPHRASE = 'ssbtek-sim';
/** The names the server certificate is for unless --host is given. */
export const DEFAULT_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '::1'];
/** Where the files go unless --out is given. */
export const DEFAULT_CERTS_DIR = './certs';
/** Validity unless --days is given: 825 days, the most clients (Apple's) accept for a TLS server certificate. */
export const DEFAULT_VALIDITY_DAYS = 825;

export interface CertsCommandOptions {
  scenarioFile: string;
  outDir: string;
  /** Empty: DEFAULT_HOSTS. */
  hosts: string[];
  passphrase: string;
  days: number;
  force: boolean;
  now: Date;
}

/** A path as the user should type it: relative to the working directory when below it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Writes the test PKI and prints a summary; resolves with the exit code (0, or 2 on a usage problem). */
export function runCertsCommand(options: CertsCommandOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  try {
    return Promise.resolve(certsCommand(options, out, err));
  } catch (e) {
    return Promise.reject(e instanceof Error ? e : new Error(String(e)));
  }
}

function certsCommand(options: CertsCommandOptions, out: (s: string) => void, err: (s: string) => void): number {
  let municipalities: { organisationsnummer: string; namn: string }[];
  try {
    municipalities = loadScenarioFile(options.scenarioFile).municipalities.map((m) => ({ organisationsnummer: m.organisationsnummer, namn: m.namn }));
  } catch (e) {
    if (e instanceof ScenarioError) {
      err(`Invalid scenario (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}):\n${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (municipalities.length === 0) {
    err(`ssbtek-sim certs: ${options.scenarioFile} lists no municipalities, so there is no one to issue a client certificate to; add some under "municipalities:" or use --scenario\n`);
    return 2;
  }
  const hosts = options.hosts.length === 0 ? [...DEFAULT_HOSTS] : options.hosts;
  let written;
  let pki;
  try {
    // Before the (slow) key generation; writeTestPki checks again.
    const caKey = join(options.outDir, PKI_FILES.caKey);
    if (!options.force && existsSync(caKey)) throw new PkiError(`${caKey} already exists`, 'exists', caKey);
    pki = generateTestPki({ municipalities, hosts, passphrase: options.passphrase, validityDays: options.days, now: options.now });
    written = writeTestPki(options.outDir, pki, { force: options.force });
  } catch (e) {
    if (e instanceof PkiError && e.code === 'exists') {
      err(`ssbtek-sim certs: ${shown(e.file ?? options.outDir)} already exists: refusing to replace the test CA there (clients may trust it). Use --force to replace it, or choose another --out.\n`);
      return 2;
    }
    if (e instanceof PkiError) {
      err(`ssbtek-sim certs: ${e.message}\n`);
      return 2;
    }
    throw e;
  }

  const dir = shown(options.outDir);
  const width = Math.max(...written.map((f) => shown(f.path).length));
  out(`Test PKI written to ${dir} (TEST ONLY, never for production), valid until ${pki.notAfter.toISOString().slice(0, 10)}:\n`);
  for (const f of written) out(`  ${shown(f.path).padEnd(width)}  ${f.description}\n`);
  out(`Passphrase of the .p12 files: ${options.passphrase}\n`);
  const first = municipalities[0];
  const host = pki.hosts[0] ?? 'localhost';
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const d = (name: string): string => shellQuote(`${dir}/${name}`);
  out('\nStart the simulator with mutual TLS:\n');
  out(`  ssbtek-sim start --mtls --certs-dir ${shellQuote(dir)}\n`);
  if (first !== undefined) {
    const client = `${PKI_FILES.clientsDir}/${first.organisationsnummer}`;
    out(`Call it as ${first.namn} (${first.organisationsnummer}):\n`);
    out(`  curl --cacert ${d(PKI_FILES.caCert)} --cert ${d(`${client}.crt.pem`)} --key ${d(`${client}.key.pem`)} 'https://${urlHost}:8080/ssbtek/v10?wsdl'\n`);
  }
  out(`See ${d(PKI_FILES.readme)}, and docs/tls.md for Java (keytool) and .NET.\n`);
  return 0;
}
