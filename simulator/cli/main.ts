import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { loadScenarioDir, watchScenarioFiles } from '../scenarios/watch.ts';
import { createBaseServiceApp } from '../base-services/app.ts';
import { SOURCES } from '../base-services/registry.ts';
import { systemClock } from '../domain/clock.ts';
import { staticScenario } from '../domain/context.ts';
import { isSourceCode, SOURCE_CODES, type SourceCode } from '../domain/sources.ts';
import { formatProblem, loadScenarioFile, ScenarioError } from '../scenarios/load.ts';
import type { Scenario } from '../scenarios/types.ts';
import { createRuntimeState } from '../runtime/state.ts';
import { baseServicePrefix, listen, startSimulator, type TlsServerOptions } from '../server.ts';
import { existsSync, readFileSync } from 'node:fs';
import { scenarioCache, type ScenarioCache } from './scenario-cache.ts';
// certs-command.ts and tls/certs.ts (node-forge) are imported only by `certs`, --tls and --mtls: not on every start.

export const DEFAULT_SCENARIO = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

let cache: ScenarioCache | undefined;

/**
 * Keeps the scenarios `start` and `base-service` load in `dir` between starts (see scenario-cache.ts). The start-up
 * bundle calls this with a directory of its own; from source, every start parses the files.
 */
export function useScenarioCache(dir: string): void {
  cache = scenarioCache(dir);
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

const HELP = `ssbtek-sim: a local SSBTEK v10 (Sammansatt bastjänst ekonomiskt bistånd) for development and tests

Usage:
  ssbtek-sim start [options]                 composite service + all seven base services
  ssbtek-sim base-service <code> [options]   one base service alone (af, csn, fk, skv, so, tns, miv)
  ssbtek-sim validate <scenario.yaml>...     check scenario files; exit 2 when one is invalid
  ssbtek-sim certs [options]                 a local test CA, a server certificate and one client
                                             certificate per municipality of the scenario (PEM, PKCS#12)
  ssbtek-sim --help

Options:
  --scenario FILE     scenario YAML (default: scenarios/default.yaml)
  --host HOST         interface to listen on (default 127.0.0.1)
  --port N            port (default 8080 for start, 9100 for base-service)
  --soap-path PATH    SOAP endpoint path (default /ssbtek/v10)
  --timeout MS        the composite's timeout towards each source (default: the scenario's, 10000)
  --base-urls LIST    start only: base services elsewhere, e.g. af=http://127.0.0.1:9101,fk=http://...
  --composite-only    start only: serve no base services in-process (all must be in --base-urls)
  --scenarios-dir DIR start only: also load every *.yaml here, switchable through the admin API
                      (default: the bundled scenario library)
  --no-watch          start only: do not reload scenario files when they change
  --admin-token TOKEN start only: the admin API (/admin) then requires "Authorization: Bearer TOKEN"
                      and answers from any address (also read from SSBTEK_ADMIN_TOKEN); without
                      it the admin API answers only requests from this machine
  --quiet             no request log
  --history-file FILE start only: keep the processing history in this append-only file (JSON Lines),
                      so it survives a restart or a kill; default: in memory only
  --tls               start only: HTTPS with the certificates in --certs-dir (made there by
                      "ssbtek-sim certs" when missing)
  --mtls              start only: mutual TLS like production: --tls, and a client certificate issued by
                      the CA is required; a query whose ingivare is not the certificate's
                      organisation is refused with SSBT-027
  --certs-dir DIR     where --tls/--mtls read server.crt.pem, server.key.pem, ca.crt.pem (default ./certs)
  --tls-cert FILE     start only: the server certificate (PEM) instead of --certs-dir's
  --tls-key FILE      start only: its key (PEM)
  --tls-ca FILE       start only: the CA client certificates must come from (PEM), for --mtls

Options of certs:
  --scenario FILE     whose municipalities get client certificates (default: scenarios/default.yaml)
  --out DIR           where the files go (default ./certs)
  --host NAME         a name or address the server certificate is for; repeatable
                      (default localhost, 127.0.0.1, ::1)
  --passphrase TEXT   of the private keys in the .p12 files (default "ssbtek-sim")
  --days N            validity (default 825)
  --force             replace an existing CA in --out

Exit codes: 0 ok, 1 failed to start, 2 invalid scenario or usage.
`;

class UsageError extends Error {}

function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a number 0-65535, got "${text}"`);
  return n;
}

function parseBaseUrls(text: string | undefined): Partial<Record<SourceCode, string>> {
  const out: Partial<Record<SourceCode, string>> = {};
  if (text === undefined) return out;
  for (const part of text.split(',').filter((p) => p.trim() !== '')) {
    const [k = '', ...rest] = part.split('=');
    const code = k.trim().toUpperCase();
    const url = rest.join('=').trim();
    if (!isSourceCode(code)) throw new UsageError(`--base-urls: unknown source "${k}" (use ${SOURCE_CODES.join(', ').toLowerCase()})`);
    try {
      new URL(url);
    } catch {
      throw new UsageError(`--base-urls: "${url}" for ${code} is not a URL`);
    }
    out[code] = url;
  }
  return out;
}

function loadOrExit(file: string, err: (s: string) => void, load: (file: string) => Scenario = loadScenarioFile): Scenario | undefined {
  try {
    return load(file);
  } catch (e) {
    if (e instanceof ScenarioError) {
      err(`Invalid scenario (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}):\n${e.message}\n`);
      return undefined;
    }
    throw e;
  }
}

/**
 * The server's TLS set-up from --tls/--mtls: explicit files, else --certs-dir (made there by `certs` when it has no
 * server certificate yet), read and checked by loadTlsFiles.
 */
async function tlsOptions(
  values: { tls?: boolean; mtls?: boolean; 'certs-dir'?: string; 'tls-cert'?: string; 'tls-key'?: string; 'tls-ca'?: string },
  host: string,
  scenarioFile: string,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<TlsServerOptions | undefined | 'failed'> {
  const explicit = values['tls-cert'] !== undefined || values['tls-key'] !== undefined || values['tls-ca'] !== undefined;
  if (!values.tls && !values.mtls) {
    if (explicit || values['certs-dir'] !== undefined) throw new UsageError('--tls-cert, --tls-key, --tls-ca and --certs-dir need --tls or --mtls');
    return undefined;
  }
  const mtls = values.mtls === true;
  const { DEFAULT_CERTS_DIR, DEFAULT_HOSTS, DEFAULT_PASSPHRASE, DEFAULT_VALIDITY_DAYS, runCertsCommand } = await import('./certs-command.ts');
  const { loadTlsFiles, PKI_FILES, PkiError } = await import('../tls/certs.ts');
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  const readFile = (file: string, what: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (e) {
      throw new UsageError(`cannot read the ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  };
  const ownCa = values['tls-ca'] === undefined ? undefined : readFile(values['tls-ca'], 'CA certificate');
  const requireClientCertificate = mtls;
  const dir = resolve(values['certs-dir'] ?? DEFAULT_CERTS_DIR);
  if (values['tls-cert'] !== undefined && values['tls-key'] !== undefined) {
    const ca = ownCa ?? (mtls ? readFile(join(dir, PKI_FILES.caCert), 'CA certificate') : undefined);
    return { cert: readFile(values['tls-cert'], 'server certificate'), key: readFile(values['tls-key'], 'server key'), ...(ca === undefined ? {} : { ca }), requireClientCertificate };
  }
  if (!existsSync(join(dir, PKI_FILES.serverCert))) {
    out(`No certificates in ${dir}: making a test CA, a server certificate and client certificates there.\n`);
    const hosts = DEFAULT_HOSTS.includes(host) ? [...DEFAULT_HOSTS] : [...DEFAULT_HOSTS, host];
    const code = await runCertsCommand({ scenarioFile, outDir: dir, hosts, passphrase: DEFAULT_PASSPHRASE, days: DEFAULT_VALIDITY_DAYS, force: false, now: new Date() }, out, err);
    if (code !== 0) return 'failed';
  }
  try {
    const files = loadTlsFiles(dir);
    return { cert: files.cert, key: files.key, ...(mtls || ownCa !== undefined ? { ca: ownCa ?? files.ca } : {}), requireClientCertificate };
  } catch (e) {
    if (e instanceof PkiError) throw new UsageError(e.message);
    throw e;
  }
}

/** Runs the CLI; resolves with the exit code (servers keep running until a signal). */
export async function main(
  argv: string[],
  out: (s: string) => void = (s) => void process.stdout.write(s),
  err: (s: string) => void = (s) => void process.stderr.write(s),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        scenario: { type: 'string' },
        host: { type: 'string', multiple: true },
        port: { type: 'string' },
        'soap-path': { type: 'string' },
        timeout: { type: 'string' },
        'base-urls': { type: 'string' },
        'composite-only': { type: 'boolean' },
        'scenarios-dir': { type: 'string' },
        'no-watch': { type: 'boolean' },
        'admin-token': { type: 'string' },
        quiet: { type: 'boolean' },
        'history-file': { type: 'string' },
        tls: { type: 'boolean' },
        mtls: { type: 'boolean' },
        'certs-dir': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-ca': { type: 'string' },
        out: { type: 'string' },
        passphrase: { type: 'string' },
        days: { type: 'string' },
        force: { type: 'boolean' },
      },
    });
  } catch (e) {
    err(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    out(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  try {
    // --host is repeatable for `certs`; `start` and `base-service` listen on the last one given.
    const host = values.host?.at(-1) ?? '127.0.0.1';
    const log = values.quiet ? undefined : (line: string) => out(`${line}\n`);
    switch (command) {
      case 'validate': {
        if (rest.length === 0) throw new UsageError('validate needs at least one scenario file');
        let bad = 0;
        for (const file of rest) {
          const s = loadOrExit(file, err);
          if (s === undefined) bad++;
          else out(`${file}: valid (${s.personas.length} personas)\n`);
        }
        return bad > 0 ? 2 : 0;
      }
      case 'start': {
        const scenarioFile = values.scenario ?? DEFAULT_SCENARIO;
        const scenario = loadOrExit(scenarioFile, err, cache?.load);
        if (scenario === undefined) return 2;
        let timeoutMs: number | undefined;
        if (values.timeout !== undefined) {
          timeoutMs = Number(values.timeout);
          if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new UsageError(`--timeout must be a positive number of ms, got "${values.timeout}"`);
        }
        const baseUrls = parseBaseUrls(values['base-urls']);
        if (values['composite-only']) {
          const missing = SOURCE_CODES.filter((c) => baseUrls[c] === undefined);
          if (missing.length > 0) throw new UsageError(`--composite-only needs --base-urls for ${missing.join(', ').toLowerCase()}`);
        }
        const adminToken = values['admin-token'] ?? process.env.SSBTEK_ADMIN_TOKEN;
        if (adminToken !== undefined && adminToken.trim() === '') throw new UsageError('--admin-token must not be empty');
        const scenariosDir = values['scenarios-dir'] ?? DEFAULT_SCENARIOS_DIR;
        const library = loadScenarioDir(scenariosDir, cache?.parse);
        for (const e of library.errors) err(`warning: ${e.origin} not loaded:\n${e.problems.map(formatProblem).join("\n")}\n`);
        const tls = await tlsOptions(values, host, scenarioFile, out, err);
        if (tls === 'failed') return 2;
        const sim = await startSimulator({
          scenario,
          scenarios: library.scenarios.filter((x) => x.name !== scenario.name),
          scenariosDir,
          host,
          port: parsePort(values.port, 8080),
          baseUrls,
          compositeOnly: values['composite-only'] ?? false,
          ...(values['soap-path'] === undefined ? {} : { soapPath: values['soap-path'] }),
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
          ...(log === undefined ? {} : { log }),
          ...(adminToken === undefined ? {} : { adminToken }),
          ...(values['history-file'] === undefined ? {} : { historyFile: resolve(values['history-file']) }),
          ...(tls === undefined ? {} : { tls }),
          warn: (message) => err(`warning: ${message}\n`),
        });
        const watched = [resolve(scenarioFile), ...library.files.map((f) => resolve(f)).filter((f) => f !== resolve(scenarioFile))];
        const stopWatching = values['no-watch']
          ? () => undefined
          : watchScenarioFiles(sim.store, watched, {
              onReload: (s) => out(`scenario "${s.name}" reloaded from ${s.origin}\n`),
              onError: (e) => err(`scenario file not reloaded (the last good version stays):\n${e.message}\n`),
            });
        if (adminToken === undefined && !isLoopbackHost(host)) {
          err(`warning: listening on ${host} without --admin-token: the admin API answers only requests from this machine\n`);
        }
        const soap = `${sim.url}${values['soap-path'] ?? '/ssbtek/v10'}`;
        if (tls !== undefined) out(`  ${tls.requireClientCertificate ? 'Mutual TLS: a client certificate issued by the CA is required' : 'HTTPS (no client certificate asked)'}\n`);
        if (values['history-file'] !== undefined) out(`  Processing history kept in ${resolve(values['history-file'])}\n`);
        out(`SSBTEK simulator running, scenario "${scenario.name}" (${scenario.personas.length} personas) from ${scenarioFile}\n`);
        out(`  SOAP endpoint   ${soap}\n  WSDL            ${soap}?wsdl\n  JSON API        ${sim.url}/api/v1/hamtaBastjanstInformation\n`);
        out(`  Admin API       ${sim.url}/admin (${adminToken === undefined ? 'this machine only' : 'token required'}), scenarios: ${sim.store.list().map((x) => x.name).join(', ')}\n`);
        for (const code of SOURCE_CODES) {
          out(`  ${code.padEnd(4)} base      ${baseUrls[code] ?? `${sim.url}${baseServicePrefix(code)}`}${SOURCES[code].routePath}\n`);
        }
        out('Press Ctrl+C to stop.\n');
        // Graceful: stop accepting, let queries in flight finish (10 s at most), close the history file, exit 0.
        const stop = (): void => {
          stopWatching();
          out('Stopping: finishing the requests in flight...\n');
          void sim.close().then(
            () => process.exit(0),
            (e: unknown) => {
              err(`ssbtek-sim: error while stopping: ${(e as Error).message}\n`);
              process.exit(1);
            },
          );
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return 0;
      }
      case 'certs': {
        const { DEFAULT_CERTS_DIR, DEFAULT_HOSTS, DEFAULT_PASSPHRASE, DEFAULT_VALIDITY_DAYS, runCertsCommand } = await import('./certs-command.ts');
        let days = DEFAULT_VALIDITY_DAYS;
        if (values.days !== undefined) {
          days = Number(values.days);
          if (!Number.isInteger(days) || days < 1) throw new UsageError(`--days must be a positive whole number, got "${values.days}"`);
        }
        if (values.passphrase !== undefined && values.passphrase.length < 4) throw new UsageError('--passphrase must be at least 4 characters');
        return await runCertsCommand(
          {
            scenarioFile: values.scenario ?? DEFAULT_SCENARIO,
            outDir: resolve(values.out ?? DEFAULT_CERTS_DIR),
            hosts: values.host ?? [...DEFAULT_HOSTS],
            passphrase: values.passphrase ?? DEFAULT_PASSPHRASE,
            days,
            force: values.force ?? false,
            now: new Date(),
          },
          out,
          err,
        );
      }
      case 'base-service': {
        const code = (rest[0] ?? '').toUpperCase();
        if (!isSourceCode(code)) throw new UsageError(`base-service needs a source: ${SOURCE_CODES.join(', ').toLowerCase()}`);
        const scenarioFile = values.scenario ?? DEFAULT_SCENARIO;
        const scenario = loadOrExit(scenarioFile, err, cache?.load);
        if (scenario === undefined) return 2;
        const app = createBaseServiceApp(SOURCES[code], { clock: systemClock, scenarios: staticScenario(scenario), runtime: createRuntimeState() });
        const running = await listen(app, host, parsePort(values.port, 9100));
        out(`${code} base service (${scenario.name}) at ${running.url}${SOURCES[code].routePath}, test service ${running.url}/health\n`);
        const stop = (): void => void running.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`ssbtek-sim: ${e.message}\nRun ssbtek-sim --help for usage.\n`);
      return 2;
    }
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      err(`ssbtek-sim: cannot listen (${code}): ${(e as Error).message}\n`);
      return 1;
    }
    throw e;
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (e: unknown) => {
      console.error('ssbtek-sim: internal error:', e);
      process.exit(1);
    },
  );
}
