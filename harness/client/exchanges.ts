import type { Exchange } from '../core/types.ts';
import type { AdapterRun } from './run-adapter.ts';
import type { ProxiedExchange } from './scenario-proxy.ts';

function runStatus(run: AdapterRun): string {
  if (run.spawnError !== undefined) return `could not be started: ${run.spawnError}`;
  if (run.killed) return `killed by the harness after ${Math.round(run.endedMs - run.startedMs)} ms`;
  if (run.signal !== null) return `ended by signal ${run.signal}`;
  return `exit code ${run.exitCode ?? '?'}`;
}

/**
 * The adapter run as an exchange for the reports: the command with the protocol's environment and
 * stdin as the request; exit code and stdout as the response; stderr (and how it ended, when not
 * normally) in `error`.
 */
export function adapterExchange(
  command: string,
  env: Record<string, string>,
  stdin: string,
  run: AdapterRun,
): Exchange {
  const ended = runStatus(run);
  const normal = run.spawnError === undefined && !run.killed && run.signal === null && run.exitCode === 0;
  const notes = [normal ? '' : ended, run.stderr.trim() === '' ? '' : `stderr:\n${run.stderr}`].filter(
    (n) => n !== '',
  );
  const exchange: Exchange = {
    label: `adapter (${ended})`,
    request: { method: 'RUN', url: command, headers: env, body: stdin },
    response: { status: run.exitCode ?? -1, headers: { 'x-adapter-end': ended }, body: run.stdout },
    durationMs: run.endedMs - run.startedMs,
  };
  if (notes.length > 0) exchange.error = notes.join('\n');
  return exchange;
}

/** A request the client sent through the proxy, as an exchange for the reports. */
export function proxiedExchange(
  proxyUrl: string,
  scenario: string,
  e: ProxiedExchange,
  operation: string | undefined,
): Exchange {
  const exchange: Exchange = {
    label: `client request ${e.seq}${operation === undefined ? '' : ` (${operation})`}, answered under scenario ${scenario}`,
    request: {
      method: e.method,
      url: `${proxyUrl}${e.path}`,
      headers: e.requestHeaders,
      body: e.requestBody,
    },
    durationMs: (e.answeredMs ?? e.receivedMs) - e.receivedMs,
  };
  if (e.status !== undefined)
    exchange.response = { status: e.status, headers: e.responseHeaders ?? {}, body: e.responseBody ?? '' };
  if (e.error !== undefined) exchange.error = e.error;
  return exchange;
}
