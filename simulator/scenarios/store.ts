import { resolve } from 'node:path';
import type { Clock } from '../domain/clock.ts';
import type { ScenarioStore } from '../domain/context.ts';
import type { ScenarioProblem } from './load.ts';
import type { Scenario } from './types.ts';

/** One loaded scenario as the admin API lists it. */
export interface ScenarioListEntry {
  name: string;
  description?: string;
  /** The file it was loaded from, or "<inline>" / "<request>". */
  origin: string;
  active: boolean;
  /** When it was (re)loaded, on the base clock (ISO 8601). */
  loadedAt: string;
  /** How many personas it defines. */
  personas: number;
  /** The problems of the last reload of its file that failed (the scenario served is the last good one). */
  lastError?: ScenarioProblem[];
}

/** A file that failed to load or reload, and why. */
export interface ScenarioFileError {
  origin: string;
  problems: ScenarioProblem[];
}

/** Why a store operation was refused (errors are values; the HTTP layer picks the status). */
export type StoreRefusal = { ok: false; reason: 'unknown'; detail: string } | { ok: false; reason: 'active'; detail: string };
export type StoreResult = { ok: true } | StoreRefusal;

/** The scenario store behind live control: several scenarios loaded, one active, each replaceable at run time. */
export interface LiveScenarioStore extends ScenarioStore {
  /** The active scenario's name. */
  activeName(): string;
  /** Every loaded scenario, sorted by name. */
  list(): ScenarioListEntry[];
  /** Adds a scenario, replacing one of the same name (loadedAt is now); the active selection is kept. */
  add(scenario: Scenario): ScenarioListEntry;
  /** Makes a loaded scenario the active one. */
  activate(name: string): StoreResult;
  /** Forgets a scenario; the active one cannot be removed. */
  remove(name: string): StoreResult;
  /** Records that a file failed to (re)load; the last good scenario from it stays. */
  recordError(origin: string, problems: ScenarioProblem[]): void;
  clearError(origin: string): void;
  /** The problems of the last failed reload, by scenario name or by file (origin); undefined when it loaded. */
  lastError(nameOrOrigin: string): ScenarioProblem[] | undefined;
  /** Every file whose last load failed. */
  errors(): ScenarioFileError[];
}

export interface ScenarioStoreOptions {
  clock: Clock;
  initial: Scenario[];
  /** The name of the scenario active at start; must be one of `initial`. */
  active: string;
}

/** An in-memory LiveScenarioStore; pure apart from the injected clock. */
export function createScenarioStore(options: ScenarioStoreOptions): LiveScenarioStore {
  const { clock } = options;
  const createdAt = clock.now();
  const scenarios = new Map<string, { scenario: Scenario; loadedAt: Date }>();
  const failures = new Map<string, ScenarioProblem[]>();
  for (const scenario of options.initial) scenarios.set(scenario.name, { scenario, loadedAt: createdAt });
  if (!scenarios.has(options.active)) {
    throw new Error(`createScenarioStore: the active scenario "${options.active}" is not among the initial ones (${[...scenarios.keys()].join(', ') || 'none'})`);
  }
  let active = options.active;

  const entry = (name: string): ScenarioListEntry => {
    const held = scenarios.get(name);
    if (held === undefined) throw new Error(`scenario store: no scenario "${name}"`);
    const { scenario, loadedAt } = held;
    const out: ScenarioListEntry = { name, origin: scenario.origin, active: name === active, loadedAt: loadedAt.toISOString(), personas: scenario.personas.length };
    if (scenario.description !== undefined) out.description = scenario.description;
    const problems = failures.get(scenario.origin);
    if (problems !== undefined) out.lastError = problems;
    return out;
  };
  const unknown = (name: string): StoreRefusal => ({
    ok: false,
    reason: 'unknown',
    detail: `no scenario named "${name}" is loaded (loaded: ${[...scenarios.keys()].sort().join(', ')})`,
  });

  return {
    current: () => (scenarios.get(active) as { scenario: Scenario }).scenario,
    get: (name) => scenarios.get(name)?.scenario,
    loadedAt: (name) => scenarios.get(name)?.loadedAt ?? createdAt,
    activeName: () => active,
    list: () => [...scenarios.keys()].sort().map(entry),
    add(scenario) {
      scenarios.set(scenario.name, { scenario, loadedAt: clock.now() });
      failures.delete(scenario.origin);
      return entry(scenario.name);
    },
    activate(name) {
      if (!scenarios.has(name)) return unknown(name);
      active = name;
      return { ok: true };
    },
    remove(name) {
      if (!scenarios.has(name)) return unknown(name);
      if (name === active) return { ok: false, reason: 'active', detail: `"${name}" is the active scenario; activate another one before removing it` };
      scenarios.delete(name);
      return { ok: true };
    },
    recordError: (origin, problems) => void failures.set(origin, problems),
    clearError: (origin) => void failures.delete(origin),
    lastError(nameOrOrigin) {
      const origin = scenarios.get(nameOrOrigin)?.scenario.origin ?? nameOrOrigin;
      return failures.get(origin);
    },
    errors: () => [...failures.entries()].map(([origin, problems]) => ({ origin, problems })),
  };
}

/**
 * Puts a scenario re-read from a file in place of the one the file gave before. When the file now
 * names it differently, the old name is removed and the active selection follows the file.
 */
export function replaceFromFile(store: LiveScenarioStore, previousName: string | undefined, scenario: Scenario): ScenarioListEntry {
  const added = store.add(scenario);
  if (previousName === undefined || previousName === scenario.name) return added;
  const previous = store.get(previousName);
  if (previous === undefined || resolve(previous.origin) !== resolve(scenario.origin)) return added;
  if (store.activeName() === previousName) store.activate(scenario.name);
  store.remove(previousName);
  return store.list().find((e) => e.name === scenario.name) ?? added;
}
