import { request as undiciRequest, type Agent } from 'undici';
import type { BaseServiceRequest, SourceModule } from '../base-services/types.ts';
import type { SimContext } from '../domain/context.ts';
import type { SourceCode } from '../domain/sources.ts';
import { readProblemError } from '../base-services/xml-source.ts';
import { sourceFailure, type SourceFailure } from '../faults/soap-fault.ts';
import type { CompiledAnswer, PingAnswer, QueryResult } from './answer-types.ts';
import { callSource, type SourceOutcome } from './fan-out.ts';
import type { SourceDispatcher } from './source-http.ts';
import type { CheckedQuery } from './query-types.ts';
import type { Scenario } from '../scenarios/types.ts';
import type { HistoryStore } from '../history/history-store.ts';
import type { Journal } from '../journal/journal.ts';

/** What one request is answered under: its scenario (active, or chosen by header) and that scenario's now. */
export interface RequestScope {
  scenario: Scenario;
  /** Set when the client chose the scenario by header; then forwarded to the base services. */
  chosenByHeader: boolean;
  now: Date;
}

/** The header that selects a scenario for one request (and is forwarded to the base services). */
export const SCENARIO_HEADER = 'x-ssbtek-scenario';

function forwardHeaders(scope: RequestScope): Record<string, string> {
  return scope.chosenByHeader ? { [SCENARIO_HEADER]: scope.scenario.name } : {};
}

/** What the composite needs to answer: where each base service is, and how to reach it. */
export interface CompositeDeps {
  ctx: SimContext;
  modules: Record<SourceCode, SourceModule>;
  /** The base URL of a base service (its routes are appended). */
  baseUrl(code: SourceCode): string;
  /** The keep-alive pool for the base services' health checks (and their queries when `sources` is not given). */
  agent: Agent;
  /** What sends the queries' calls to the base services (the pipe client for the in-process ones); `agent` when not given. */
  sources?: SourceDispatcher;
  /** Monotonic milliseconds, for timeouts and the timeline; performance.now by default. */
  monotonic: () => number;
  /** Whether a source's base service runs in this process on `monotonic` (its calls are stamped with their start; see call-start.ts). */
  inProcess?: (code: SourceCode) => boolean;
  /** Overrides the scenario's composite.timeoutMs (a source's own timeoutMs still wins). */
  timeoutMs?: number;
  /** The processing history every query is recorded in (behandlingshistorik). */
  history?: HistoryStore;
  /** The journal of raw requests (for the harness and debugging). */
  journal?: Journal;
}

/** The composite's timeout towards a source: the source's own, else the configured or scenario default. */
export function timeoutFor(deps: CompositeDeps, code: SourceCode, scenario: Scenario): number {
  return scenario.sources[code]?.timeoutMs ?? deps.timeoutMs ?? scenario.composite.timeoutMs;
}

/** What each base service receives for this query (the period is the source's own when set). */
export function baseRequestFor(checked: CheckedQuery, code: SourceCode): BaseServiceRequest {
  const g = checked.query.generellaFrageparametrar;
  const planned = checked.sources.find((s) => s.code === code);
  const req: BaseServiceRequest = {
    personidentitet: g.personidentitet,
    tidsperiod: planned?.tidsperiod ?? { fromDatum: g.tidsperiod.fromDatum.slice(0, 10), tomDatum: g.tidsperiod.tomDatum.slice(0, 10) },
    ingivare: g.ingivare,
    arendeidentitet: g.arendeidentitet,
    syfte: g.syfte,
    lagtext: g.lagtext,
  };
  if (g.korrelationsid !== undefined) req.korrelationsid = g.korrelationsid;
  if (g.personuppgiftsbitrade !== undefined) req.personuppgiftsbitrade = g.personuppgiftsbitrade;
  return req;
}

/**
 * Answers a checked query: asks every included source concurrently, each under its timeout, and
 * compiles the answer in contract order with the echoes the query asked for.
 */
export async function answerQuery(checked: CheckedQuery, deps: CompositeDeps, scope: RequestScope): Promise<QueryResult> {
  const t0 = deps.monotonic();
  const outcomes: SourceOutcome[] = await Promise.all(
    checked.sources.map(async ({ code }): Promise<SourceOutcome> => {
      if (code === 'FK' && checked.fk?.version !== undefined && checked.fk.version !== 'v9') {
        const at = deps.monotonic() - t0;
        return {
          code,
          result: { error: sourceFailure('SSBT', 'SSBT-103', `LEFI-version ${checked.fk.version} anropas inte av tjänsten; ange v9 eller utelämna version.`) },
          startedMs: at,
          endedMs: at,
        };
      }
      const options = {
        source: deps.modules[code],
        baseUrl: deps.baseUrl(code),
        request: baseRequestFor(checked, code),
        timeoutMs: timeoutFor(deps, code, scope.scenario),
        headers: forwardHeaders(scope),
        dispatcher: deps.sources ?? deps.agent,
        monotonic: deps.monotonic,
        t0,
        stampCallStart: deps.inProcess?.(code) === true,
      };
      return callSource(code === 'FK' && checked.fk !== undefined ? { ...options, fk: checked.fk } : options);
    }),
  );
  const g = checked.query.generellaFrageparametrar;
  const answer: CompiledAnswer = { svarsdata: {} };
  if (g.fraganSkallInkluderasISvaret) answer.fraga = checked.query;
  if (g.frageTidpunkt !== undefined) answer.frageTidpunkt = g.frageTidpunkt;
  if (g.korrelationsid !== undefined) answer.korrelationsid = g.korrelationsid;
  for (const o of outcomes) answer.svarsdata[o.code] = o.result;
  return { answer, outcomes, durationMs: deps.monotonic() - t0 };
}

/** Calls one base service's test service (GET /health) and reads its state. */
async function pingSource(deps: CompositeDeps, code: SourceCode, scope: RequestScope): Promise<{ anropad: boolean; error?: SourceFailure }> {
  const timeoutMs = Math.min(timeoutFor(deps, code, scope.scenario), 5000);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const base = deps.baseUrl(code);
    const res = await undiciRequest(new URL('health', base.endsWith('/') ? base : `${base}/`), { dispatcher: deps.agent, signal: controller.signal, headers: forwardHeaders(scope) });
    const text = await res.body.text();
    if (res.statusCode === 200) return { anropad: true };
    const reported = readProblemError(res.statusCode, text);
    return { anropad: true, error: reported === undefined ? sourceFailure('BT', 'BT-202', `${code}: testtjänsten svarade HTTP ${res.statusCode}.`) : { kalla: 'BT', ...reported } };
  } catch {
    if (controller.signal.aborted) return { anropad: true, error: sourceFailure('SSBT', 'SSBT-101', `${code}: testtjänsten svarade inte inom ${timeoutMs} ms.`) };
    return { anropad: true, error: sourceFailure('SSBT', 'SSBT-102', `${code}: ingen förbindelse med testtjänsten.`) };
  } finally {
    clearTimeout(timer);
  }
}

/** The ping: every source's test service, concurrently. */
export async function answerPing(deps: CompositeDeps, scope: RequestScope): Promise<PingAnswer> {
  const codes = Object.keys(deps.modules) as SourceCode[];
  const results = await Promise.all(codes.map(async (code) => [code, await pingSource(deps, code, scope)] as const));
  const ping: PingAnswer = {};
  for (const [code, r] of results) ping[code] = r;
  return ping;
}
