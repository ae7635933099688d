import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { loadScenarioDir, watchScenarioFiles } from '../scenarios/watch.ts';
import { createBaseServiceApp } from '../base-services/app.ts';
import { SOURCES } from '../base-services/registry.ts';
import { systemClock } from '../domain/clock.ts';
import { staticScenario } from '../domain/context.ts';
import { isSourceCode, SOURCE_CODES, type SourceCode } from '../domain/sources.ts';
import { formatProblem, loadScenarioFile, ScenarioError } from '../scenarios/load.ts';
import type { Scenario } from '../scenarios/types.ts';
import { createRuntimeState } from '../runtime/state.ts';
import { baseServicePrefix, listen, startSimulator } from '../server.ts';

export const DEFAULT_SCENARIO = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));
export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

const HELP = `ssbtek-sim: a local SSBTEK v10 (Sammansatt bastjänst ekonomiskt bistånd) for development and tests

Usage:
  ssbtek-sim start [options]                 composite service + all seven base services
  ssbtek-sim base-service <code> [options]   one base service alone (af, csn, fk, skv, so, tns, miv)
  ssbtek-sim validate <scenario.yaml>...     check scenario files; exit 2 when one is invalid
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

function loadOrExit(file: string, err: (s: string) => void): Scenario | undefined {
  try {
    return loadScenarioFile(file);
  } catch (e) {
    if (e instanceof ScenarioError) {
      err(`Invalid scenario (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}):\n${e.message}\n`);
      return undefined;
    }
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
        host: { type: 'string' },
        port: { type: 'string' },
        'soap-path': { type: 'string' },
        timeout: { type: 'string' },
        'base-urls': { type: 'string' },
        'composite-only': { type: 'boolean' },
        'scenarios-dir': { type: 'string' },
        'no-watch': { type: 'boolean' },
        'admin-token': { type: 'string' },
        quiet: { type: 'boolean' },
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
    const host = values.host ?? '127.0.0.1';
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
        const scenario = loadOrExit(scenarioFile, err);
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
        const library = loadScenarioDir(scenariosDir);
        for (const e of library.errors) err(`warning: ${e.origin} not loaded:\n${e.problems.map(formatProblem).join("\n")}\n`);
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
        out(`SSBTEK simulator running, scenario "${scenario.name}" (${scenario.personas.length} personas) from ${scenarioFile}\n`);
        out(`  SOAP endpoint   ${soap}\n  WSDL            ${soap}?wsdl\n  JSON API        ${sim.url}/api/v1/hamtaBastjanstInformation\n`);
        out(`  Admin API       ${sim.url}/admin (${adminToken === undefined ? 'this machine only' : 'token required'}), scenarios: ${sim.store.list().map((x) => x.name).join(', ')}\n`);
        for (const code of SOURCE_CODES) {
          out(`  ${code.padEnd(4)} base      ${baseUrls[code] ?? `${sim.url}${baseServicePrefix(code)}`}${SOURCES[code].routePath}\n`);
        }
        out('Press Ctrl+C to stop.\n');
        const stop = (): void => {
          stopWatching();
          void sim.close().then(() => process.exit(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        return 0;
      }
      case 'base-service': {
        const code = (rest[0] ?? '').toUpperCase();
        if (!isSourceCode(code)) throw new UsageError(`base-service needs a source: ${SOURCE_CODES.join(', ').toLowerCase()}`);
        const scenarioFile = values.scenario ?? DEFAULT_SCENARIO;
        const scenario = loadOrExit(scenarioFile, err);
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
