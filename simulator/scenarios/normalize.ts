import type { LifeSituation } from '../domain/person.ts';
import type { SourceCode } from '../domain/sources.ts';
import type { Failure, FailureMode, Latency, Municipality, Persona, Scenario, SourceBehaviour, SourceOverride, Trigger } from './types.ts';

/** A latency as written in YAML: ms, or a model. */
export type RawLatency = number | Latency;

/** A failure as written in YAML. */
export interface RawFailure {
  mode: FailureMode;
  felkod?: string;
  felmeddelande?: string;
  status?: number;
  personas?: string[];
  when?: Trigger;
}

/** Per-source behaviour as written in YAML. */
export interface RawSourceBehaviour {
  latencyMs?: number;
  latency?: RawLatency;
  timeoutMs?: number;
  failure?: RawFailure;
  failures?: RawFailure[];
  sequence?: ('ok' | FailureMode | RawFailure)[];
  repeat?: boolean;
}

/** A scenario as written (YAML or an object), valid by contracts/scenario/scenario.schema.json. */
export interface RawScenario {
  schemaVersion: 1;
  name: string;
  description?: string;
  seed: string | number;
  clock?: { mode: 'real' | 'fixed' | 'offset'; at?: string };
  timezone?: string;
  composite?: {
    timeoutMs?: number;
    latency?: RawLatency;
    unavailable?: { retryAfterSeconds?: number; message?: string; when?: Trigger };
    fault?: { felkod: string; felmeddelande: string; when?: Trigger };
    maintenance?: { from: string; to: string; message?: string }[];
  };
  sources?: Partial<Record<SourceCode, RawSourceBehaviour>>;
  municipalities?: (Omit<Municipality, 'status' | 'caseworkers' | 'cases'> & {
    status?: Municipality['status'];
    caseworkers?: { id: string; name?: string; status?: 'active' | 'revoked'; instructionsAcknowledged?: boolean }[];
    cases?: { id: string; status?: 'ongoing' | 'closed'; personidentitet?: string }[];
  })[];
  access?: { strictCases?: boolean; syfte?: string[]; lagtext?: string[] };
  history?: { retentionHours?: number };
  driftinformation?: Scenario['driftinformation'];
  personas?: (Omit<Persona, 'behaviour' | 'situation' | 'sources'> & {
    situation?: Partial<LifeSituation>;
    sources?: Partial<Record<SourceCode, SourceOverride>>;
    behaviour?: Partial<Record<SourceCode, RawSourceBehaviour>>;
  })[];
}

/** The default access rules' patterns: economic assistance and its legal basis. */
export const DEFAULT_SYFTE = ['ekonomiskt bistånd', 'försörjningsstöd'];
/** Socialtjänstlagen (4 kap. 1 §), or förordning (2008:975) on the agencies' duty to disclose for economic assistance. */
export const DEFAULT_LAGTEXT = ['socialtjänstlagen', '\\bSoL\\b', '2008:975'];

export function normalizeLatency(raw: RawLatency | undefined): Latency | undefined {
  if (raw === undefined) return undefined;
  return typeof raw === 'number' ? { model: 'fixed', ms: raw } : raw;
}

export function normalizeFailure(raw: RawFailure): Failure {
  const when: Trigger = { ...raw.when };
  if (raw.personas !== undefined) when.personas = [...(when.personas ?? []), ...raw.personas];
  const out: Failure = { mode: raw.mode, when };
  if (raw.felkod !== undefined) out.felkod = raw.felkod;
  if (raw.felmeddelande !== undefined) out.felmeddelande = raw.felmeddelande;
  if (raw.status !== undefined) out.status = raw.status;
  return out;
}

/** Folds latencyMs/latency, failure/failures and sequence into one form. */
export function normalizeBehaviour(raw: RawSourceBehaviour): SourceBehaviour {
  const out: SourceBehaviour = { failures: [...(raw.failure ? [raw.failure] : []), ...(raw.failures ?? [])].map(normalizeFailure) };
  const latency = normalizeLatency(raw.latency ?? raw.latencyMs);
  if (latency !== undefined) out.latency = latency;
  if (raw.timeoutMs !== undefined) out.timeoutMs = raw.timeoutMs;
  if (raw.sequence !== undefined) {
    out.sequence = raw.sequence.map((step) => {
      if (step === 'ok') return 'ok';
      const { when: _when, ...failure } = normalizeFailure(typeof step === 'string' ? { mode: step } : step);
      return failure;
    });
  }
  if (raw.repeat !== undefined) out.repeat = raw.repeat;
  return out;
}

function mapSources<T, U>(record: Partial<Record<SourceCode, T>> | undefined, f: (t: T) => U): Partial<Record<SourceCode, U>> {
  const out: Partial<Record<SourceCode, U>> = {};
  for (const [code, value] of Object.entries(record ?? {}) as [SourceCode, T][]) out[code] = f(value);
  return out;
}

/** The normalised scenario of a raw one already valid by the schema (defaults filled in). */
export function normalizeScenario(raw: RawScenario, origin: string): Scenario {
  const c = raw.composite ?? {};
  const composite: Scenario['composite'] = { timeoutMs: c.timeoutMs ?? 10_000, maintenance: c.maintenance ?? [] };
  const latency = normalizeLatency(c.latency);
  if (latency !== undefined) composite.latency = latency;
  if (c.unavailable !== undefined) {
    composite.unavailable = { retryAfterSeconds: c.unavailable.retryAfterSeconds ?? 60, when: c.unavailable.when ?? {} };
    if (c.unavailable.message !== undefined) composite.unavailable.message = c.unavailable.message;
  }
  if (c.fault !== undefined) composite.fault = { felkod: c.fault.felkod, felmeddelande: c.fault.felmeddelande, when: c.fault.when ?? {} };
  const scenario: Scenario = {
    schemaVersion: 1,
    name: raw.name,
    seed: String(raw.seed),
    clock: raw.clock === undefined || raw.clock.mode === 'real' ? { mode: 'real' } : { mode: raw.clock.mode, at: raw.clock.at ?? '' },
    timezone: raw.timezone ?? 'Europe/Stockholm',
    composite,
    sources: mapSources(raw.sources, normalizeBehaviour),
    personas: (raw.personas ?? []).map((p) => {
      const { behaviour, ...rest } = p;
      return behaviour === undefined ? rest : { ...rest, behaviour: mapSources(behaviour, normalizeBehaviour) };
    }),
    municipalities: (raw.municipalities ?? []).map((m) => ({
      ...m,
      status: m.status ?? 'connected',
      caseworkers: (m.caseworkers ?? []).map((w) => ({ ...w, status: w.status ?? 'active', instructionsAcknowledged: w.instructionsAcknowledged ?? true })),
      cases: (m.cases ?? []).map((k) => ({ ...k, status: k.status ?? 'ongoing' })),
    })),
    history: { retentionHours: raw.history?.retentionHours ?? 24 },
    driftinformation: raw.driftinformation ?? [],
    origin,
  };
  if (raw.description !== undefined) scenario.description = raw.description;
  if (raw.access !== undefined) {
    scenario.access = { strictCases: raw.access.strictCases ?? false, syfte: raw.access.syfte ?? DEFAULT_SYFTE, lagtext: raw.access.lagtext ?? DEFAULT_LAGTEXT };
  }
  return scenario;
}
