import { setTimeout as sleep } from 'node:timers/promises';
import { checkAccess } from '../access/check-access.ts';
import { findPersona } from '../base-services/answer.ts';
import { scenarioClock } from '../domain/scenario-clock.ts';
import { RequestFault } from '../faults/soap-fault.ts';
import { sameOrganisationsnummer } from '../tls/peer-identity.ts';
import type { HistoryVia } from '../history/history-entry.ts';
import { historyEntryFor } from '../history/history-entry-for.ts';
import { refusedEntryFor } from '../history/refused-entry-for.ts';
import type { PingAnswer, QueryResult } from './answer-types.ts';
import { compositeGate } from './gate.ts';
import { checkQuery } from './query-check.ts';
import type { CheckedQuery } from './query-types.ts';
import { answerPing, answerQuery, type CompositeDeps, type RequestScope } from './service.ts';

/** A whole request refused: a SOAP Fault (or problem+json), with Retry-After when the service is unavailable. */
export interface Refusal {
  felkod: string;
  felmeddelande: string[];
  httpStatus: number;
  retryAfterSeconds?: number;
  /** The service's own failure (a scenario's whole-request fault), not the client's: 500 in the JSON API too. */
  serverSide?: boolean;
}

export type HamtaOutcome =
  | { ok: true; checked: CheckedQuery; result: QueryResult }
  | { ok: false; refusal: Refusal; checked?: CheckedQuery; candidate?: unknown };
export type PingOutcome = { ok: true; ping: PingAnswer } | { ok: false; refusal: Refusal };

function refusalOf(fault: RequestFault): Refusal {
  return { felkod: fault.felkod, felmeddelande: fault.felmeddelande, httpStatus: fault.httpStatus };
}

/** The scenario a request is answered under: the one its header names, else the active one. */
export function resolveScope(deps: CompositeDeps, header: string | undefined): RequestScope {
  const store = deps.ctx.scenarios;
  const name = header?.trim();
  const scenario = name === undefined || name === '' ? store.current() : store.get(name);
  if (scenario === undefined) {
    throw new RequestFault('SSBT-033', `The scenario "${name ?? ''}" named in the x-ssbtek-scenario header is not loaded (see GET /admin/scenarios).`);
  }
  const now = scenarioClock(scenario, deps.ctx.clock, store.loadedAt(scenario.name)).now();
  return { scenario, chosenByHeader: name !== undefined && name !== '', now };
}

/** Maintenance and unavailability, decided before the request is read, for call number `call`. */
function serviceRefusal(scope: RequestScope, call: number): Refusal | undefined {
  const gate = compositeGate(scope.scenario, scope.now, call);
  if (gate.kind !== 'unavailable') return undefined;
  return { felkod: gate.felkod, felmeddelande: [gate.message], httpStatus: 503, retryAfterSeconds: gate.retryAfterSeconds };
}

function nextCall(deps: CompositeDeps, scope: RequestScope): number {
  return deps.ctx.runtime.nextCall(scope.scenario.name, 'composite');
}

/**
 * hamtaBastjanstInformation, whatever the transport: check the query, apply the scenario's
 * whole-request fault and latency, ask the sources. `read` gives the canonical query candidate.
 */
export async function handleHamta(request: HamtaRequest, deps: CompositeDeps, scope: RequestScope): Promise<HamtaOutcome> {
  const t0 = deps.monotonic();
  const outcome = await decideHamta(request, deps, scope);
  recordHistory(deps, scope, request, outcome, deps.monotonic() - t0);
  return outcome;
}

/** What handleHamta reads: the query candidate, and for the history the raw form when reading fails. */
export interface HamtaRequest {
  read: () => unknown;
  /** What the history reads a refused query from when `read` itself throws (the parsed SOAP content). */
  raw?: unknown;
  via: HistoryVia;
  /**
   * The organisationsnummer of the client certificate the connection presented (mutual TLS), null when
   * the certificate names none; undefined when no certificate was presented (plain HTTP or TLS only).
   */
  certificateOrganisationsnummer?: string | null;
}

/** Under mutual TLS the ingivare must be the organisation the client certificate was issued to. */
function checkCertificate(request: HamtaRequest, checked: CheckedQuery): void {
  const certified = request.certificateOrganisationsnummer;
  if (certified === undefined) return;
  const given = checked.query.generellaFrageparametrar.ingivare.organisationsnummer;
  if (certified !== null && sameOrganisationsnummer(certified, given)) return;
  throw new RequestFault(
    'SSBT-027',
    certified === null
      ? `The client certificate names no organisationsnummer (subject serialNumber), so the ingivare ${given} cannot be confirmed.`
      : `The ingivare's organisationsnummer ${given} is not the organisation the client certificate was issued to (${certified}).`,
  );
}

async function decideHamta(request: HamtaRequest, deps: CompositeDeps, scope: RequestScope): Promise<HamtaOutcome> {
  const call = nextCall(deps, scope);
  const refused = serviceRefusal(scope, call);
  if (refused !== undefined) return { ok: false, refusal: refused };
  let checked: CheckedQuery | undefined;
  let candidate: unknown = request.raw;
  try {
    candidate = request.read();
    checked = checkQuery(candidate);
    checkCertificate(request, checked);
    checkAccess(scope.scenario, checked.query);
  } catch (e) {
    if (e instanceof RequestFault) return { ok: false, refusal: refusalOf(e), candidate, ...(checked === undefined ? {} : { checked }) };
    throw e;
  }
  const persona = findPersona(scope.scenario, checked.query.generellaFrageparametrar.personidentitet);
  const gate = compositeGate(scope.scenario, scope.now, call, persona?.id ?? null);
  if (gate.kind === 'fault') return { ok: false, checked, candidate, refusal: { felkod: gate.felkod, felmeddelande: [gate.felmeddelande], httpStatus: 500, serverSide: true } };
  if (gate.kind === 'open' && gate.latencyMs > 0) await sleep(gate.latencyMs);
  return { ok: true, checked, result: await answerQuery(checked, deps, scope) };
}

/** Records an answered or refused query in the processing history (a query with no readable parts is not). */
function recordHistory(deps: CompositeDeps, scope: RequestScope, request: HamtaRequest, outcome: HamtaOutcome, durationMs: number): void {
  const history = deps.history;
  if (history === undefined) return;
  const { scenario } = scope;
  const municipalityOf = (orgnr: string | undefined): string | undefined => scenario.municipalities.find((m) => m.organisationsnummer === orgnr)?.namn;
  if (outcome.ok) {
    const orgnr = outcome.checked.query.generellaFrageparametrar.ingivare.organisationsnummer;
    history.record(historyEntryFor(outcome.checked, outcome.result, request.via, scenario.name, municipalityOf(orgnr)), scenario.history.retentionHours);
    return;
  }
  if (outcome.refusal.felkod === 'SSBT-030' || outcome.refusal.felkod === 'SSBT-031') return;
  const candidate = outcome.checked?.query ?? outcome.candidate;
  const orgnr = outcome.checked?.query.generellaFrageparametrar.ingivare.organisationsnummer;
  const entry = refusedEntryFor(candidate, { felkod: outcome.refusal.felkod, durationMs }, request.via, scenario.name, municipalityOf(orgnr));
  if (entry !== undefined) history.record(entry, scenario.history.retentionHours);
}

/** testaBastjanstInformation: every source's test service, unless the whole service is unavailable. */
export async function handlePing(deps: CompositeDeps, scope: RequestScope): Promise<PingOutcome> {
  const refused = serviceRefusal(scope, nextCall(deps, scope));
  if (refused !== undefined) return { ok: false, refusal: refused };
  return { ok: true, ping: await answerPing(deps, scope) };
}
