/**
 * Client mode: judges a municipality's case system, which calls SSBTEK, through an adapter command
 * (docs/harness-client.md). The harness runs the simulator in-process with its client scenarios;
 * for each case it points the client (through the adapter) at a small proxy that adds the case's
 * scenario to every request, runs the adapter, and judges what the simulator received and what the
 * client concluded.
 */
import { contracts } from '../../simulator/contracts/registry.ts';
import type { Scenario } from '../../simulator/scenarios/types.ts';
import { startSimulator } from '../../simulator/server.ts';
import { writeXml } from '../../simulator/xml/schema-codec.ts';
import type { ClientOptions } from '../core/options.ts';
import { baseQuery } from '../provider/base-query.ts';
import { soapEnvelope } from '../provider/envelope.ts';
import { personFor } from '../core/person-for.ts';
import {
  TargetUnreachable,
  type Case,
  type CaseExecutor,
  type CaseOutcome,
  type Mapping,
} from '../core/types.ts';
import { readCaseBody, type ClientCaseBody } from './case-body.ts';
import { loadClientScenarios, renamedScenario } from './client-scenarios.ts';
import { adapterExchange, proxiedExchange } from './exchanges.ts';
import { judge } from './judge.ts';
import type { ClientObservation, ReceivedRequest, TimedExchange } from './observation.ts';
import { adapterEnvironment, readAdapterOutput, type AdapterInput } from './protocol.ts';
import { readAnswer } from './read-answer.ts';
import { readQueryFields } from './read-query.ts';
import { runAdapter, type AdapterRun } from './run-adapter.ts';
import { startScenarioProxy, type ProxiedExchange } from './scenario-proxy.ts';

/** The simulator's SOAP endpoint path. */
export const SOAP_PATH = '/ssbtek/v10';

/** How long after the case's own timeout the harness kills the adapter. */
export const KILL_MARGIN_MS = 5000;

/** The longest arendeidentitet the harness hands out (every source takes under 32 characters). */
const MAX_CASE_LENGTH = 31;

type RunningSimulator = Awaited<ReturnType<typeof startSimulator>>;

/** What the harness tells the adapter for a case. */
export function adapterInput(
  c: Pick<Case, 'id'>,
  body: ClientCaseBody,
  mapping: Mapping,
  endpoint: string,
): AdapterInput {
  const input: AdapterInput = {
    endpoint,
    person: personFor(mapping, body.person),
    case: body.arendeidentitet ?? `EB-${c.id}`.slice(0, MAX_CASE_LENGTH),
    caseworker: mapping.ingivare.handlaggare,
    organisationsnummer: mapping.ingivare.organisationsnummer,
    organisationsnamn: mapping.ingivare.namn,
    aktorsid: mapping.aktorsid,
    period: { from: mapping.tidsperiod.fromDatum, tom: mapping.tidsperiod.tomDatum },
    sources: body.sources,
    caseId: c.id,
    timeoutMs: body.timeoutMs,
  };
  if (body.wantValues.length > 0) input.wantValues = body.wantValues;
  return input;
}

/** One query through the simulator's SOAP endpoint, so schemas and writers are compiled before the first case is timed. */
async function warmUp(url: string, mapping: Mapping): Promise<void> {
  const registry = contracts();
  const person = Object.values(mapping.persons)[0] ?? '198803159824';
  const query = baseQuery(mapping, person, 'EB-HARNESS-WARM-UP');
  const xml = writeXml(registry.schema('composite/query.schema.json'), query, registry.resolve, '    ');
  const envelope = soapEnvelope(xml);
  const res = await fetch(`${url}${SOAP_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""', 'x-ssbtek-scenario': 'healthy' },
    body: envelope,
  });
  await res.text();
}

function received(sim: RunningSimulator, since: number, scenario: string): ReceivedRequest[] {
  return (sim.deps.journal?.list({ since }) ?? [])
    .filter((e) => e.headers['x-ssbtek-scenario'] === scenario)
    .map((e) => {
      const r: ReceivedRequest = {
        id: e.id,
        method: e.method,
        path: e.path,
        body: e.body,
        truncated: e.truncated,
      };
      if (e.status !== undefined) r.status = e.status;
      if (e.operation !== undefined) r.operation = e.operation;
      if (e.felkod !== undefined) r.felkod = e.felkod;
      return r;
    });
}

function timed(e: ProxiedExchange, startedMs: number): TimedExchange {
  const t: TimedExchange = { seq: e.seq, path: e.path, receivedMs: e.receivedMs - startedMs };
  const operation = readQueryFields(e.requestBody)?.operation;
  if (operation !== undefined) t.operation = operation;
  if (e.answeredMs !== undefined) t.answeredMs = e.answeredMs - startedMs;
  if (e.status !== undefined) t.status = e.status;
  const retryAfter = e.responseHeaders?.['retry-after'];
  if (retryAfter !== undefined) t.retryAfter = retryAfter;
  const date = e.responseHeaders?.date;
  if (date !== undefined) t.date = date;
  if (e.error !== undefined) t.error = e.error;
  return t;
}

/** The last answer to a query that reached the client. */
function lastAnswer(
  exchanges: readonly ProxiedExchange[],
  timedExchanges: readonly TimedExchange[],
): ProxiedExchange | undefined {
  for (let i = exchanges.length - 1; i >= 0; i--) {
    const e = exchanges[i];
    const t = timedExchanges[i];
    if (
      e !== undefined &&
      t?.operation === 'hamtaBastjanstInformation' &&
      e.status === 200 &&
      e.answeredMs !== undefined &&
      e.path.split('?')[0] === SOAP_PATH
    )
      return e;
  }
  return undefined;
}

function tail(text: string, max = 600): string {
  const t = text.trim();
  return t.length <= max ? t : `...${t.slice(-max)}`;
}

/** Why the run cannot be judged at all (verdict error), or undefined. */
function adapterFailure(run: AdapterRun, outputProblem: string | undefined): string | undefined {
  if (run.killed) return undefined;
  const stderr = run.stderr.trim() === '' ? '' : `; stderr: ${tail(run.stderr)}`;
  if (run.signal !== null) return `the adapter was ended by signal ${run.signal}${stderr}`;
  if (run.exitCode !== 0) return `the adapter failed (exit code ${run.exitCode ?? '?'})${stderr}`;
  if (outputProblem !== undefined) return `${outputProblem}${stderr}`;
  return undefined;
}

/** What one adapter run left behind: the run, what the proxy saw, what the simulator received. */
interface CaseRecord {
  input: AdapterInput;
  run: AdapterRun;
  proxyUrl: string;
  scenario: string;
  proxied: readonly ProxiedExchange[];
  received: ReceivedRequest[];
}

/** Judges a recorded case: an error when the adapter failed, else the case's expectations. */
function outcomeOf(record: CaseRecord, body: ClientCaseBody, adapter: string): CaseOutcome {
  const { input, run, proxied } = record;
  const exchanges = proxied.map((e) => timed(e, run.startedMs));
  const reading = run.stdout.trim() === '' && run.killed ? undefined : readAdapterOutput(run.stdout);
  const outputProblem =
    reading === undefined
      ? `the harness killed it after ${Math.round(run.endedMs - run.startedMs)} ms`
      : reading.ok
        ? undefined
        : reading.problem;
  const reportExchanges = [
    adapterExchange(adapter, adapterEnvironment(input), JSON.stringify(input, null, 2), run),
    ...proxied.map((e, i) => proxiedExchange(record.proxyUrl, record.scenario, e, exchanges[i]?.operation)),
  ];
  const failure = adapterFailure(run, outputProblem);
  if (failure !== undefined)
    return { verdict: 'error', reason: failure, failures: [], exchanges: reportExchanges };

  const obs: ClientObservation = {
    input,
    soapPath: SOAP_PATH,
    received: record.received,
    exchanges,
    run: { exitMs: run.endedMs - run.startedMs, killed: run.killed, exitCode: run.exitCode },
  };
  if (run.lastOutputMs !== undefined) obs.run.outputMs = run.lastOutputMs - run.startedMs;
  const answered = lastAnswer(proxied, exchanges);
  if (answered?.responseBody !== undefined) obs.answer = readAnswer(answered.responseBody);
  if (reading?.ok === true) obs.output = reading.output;
  if (outputProblem !== undefined) obs.outputProblem = outputProblem;

  const { failures, notJudged } = judge(obs, body.expect);
  if (run.killed && !body.expect.some((u) => u.name === 'givesUpInTime')) {
    failures.unshift({
      expectation: 'the adapter ends by itself',
      message: `the harness killed it ${Math.round(obs.run.exitMs)} ms after it started (its own timeout is ${input.timeoutMs} ms)`,
    });
  }
  if (failures.length === 0 && notJudged.length === body.expect.length) {
    return {
      verdict: 'skip',
      reason: `nothing to judge: ${notJudged.join('; ')}`,
      failures: [],
      exchanges: reportExchanges,
    };
  }
  return { verdict: failures.length > 0 ? 'fail' : 'pass', failures, exchanges: reportExchanges };
}

/**
 * The client-mode executor. prepare() starts the simulator on a free port with every scenario of
 * harness/client-scenarios; run() runs one case; close() stops the simulator. Cases may run
 * concurrently: each gets its own copy of its scenario (own call counters, journal and history
 * entries) and its own proxy.
 */
export function createClientExecutor(options: ClientOptions): CaseExecutor {
  let started: Promise<{ sim: RunningSimulator; scenarios: Map<string, Scenario> }> | undefined;
  let runs = 0;

  const prepare = (): Promise<{ sim: RunningSimulator; scenarios: Map<string, Scenario> }> => {
    started ??= (async () => {
      const list = loadClientScenarios();
      const scenarios = new Map(list.map((s) => [s.name, s]));
      const healthy = scenarios.get('healthy') ?? list[0];
      if (healthy === undefined) throw new Error('harness/client-scenarios holds no scenario');
      const sim = await startSimulator({ scenario: healthy, scenarios: list, host: '127.0.0.1', port: 0 });
      await warmUp(sim.url, options.mapping);
      return { sim, scenarios };
    })();
    return started;
  };

  /** Runs the adapter for a case against its own copy of the scenario, behind its own proxy. */
  const record = async (c: Case, body: ClientCaseBody): Promise<CaseRecord> => {
    const { sim, scenarios } = await prepare();
    const base = scenarios.get(body.scenario);
    if (base === undefined) {
      throw new Error(
        `case ${c.id}: no client scenario "${body.scenario}" (have ${[...scenarios.keys()].join(', ')})`,
      );
    }
    runs += 1;
    const scenario = `${body.scenario}.${runs}`;
    sim.store.add(renamedScenario(base, scenario));
    const since = sim.deps.journal?.list().at(-1)?.id ?? 0;
    try {
      const proxy = await startScenarioProxy({ target: sim.url, scenario });
      let input: AdapterInput;
      let run: AdapterRun;
      try {
        input = adapterInput(c, body, options.mapping, `${proxy.url}${SOAP_PATH}`);
        run = await runAdapter({
          command: options.adapter,
          env: adapterEnvironment(input),
          stdin: `${JSON.stringify(input)}\n`,
          killAfterMs: Math.min(options.timeoutMs, body.timeoutMs + KILL_MARGIN_MS),
        });
      } finally {
        await proxy.close();
      }
      return {
        input,
        run,
        proxyUrl: proxy.url,
        scenario,
        proxied: proxy.exchanges(),
        received: received(sim, since, scenario),
      };
    } finally {
      sim.store.remove(scenario);
    }
  };

  return {
    async prepare() {
      await prepare();
    },

    async run(c: Case): Promise<CaseOutcome> {
      const body = readCaseBody(c);
      const recorded = await record(c, body);
      const { run } = recorded;
      if (run.spawnError !== undefined || (!run.killed && (run.exitCode === 127 || run.exitCode === 126))) {
        throw new TargetUnreachable(
          `the adapter command cannot be run (${run.spawnError ?? `exit code ${run.exitCode ?? '?'}`}): ${tail(run.stderr) || options.adapter}`,
        );
      }
      return outcomeOf(recorded, body, options.adapter);
    },

    async close() {
      if (started === undefined) return;
      const { sim } = await started;
      await sim.close();
    },
  };
}
