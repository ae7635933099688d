import { readFileSync } from 'node:fs';
import express, { type Express } from 'express';
import { parse } from 'yaml';
import { fixedClock } from '../../../simulator/domain/clock.ts';
import { scenarioFromObject } from '../../../simulator/scenarios/load.ts';
import type { Scenario } from '../../../simulator/scenarios/types.ts';
import { createSimulator, type Simulator, type SimulatorOptions } from '../../../simulator/server.ts';
import type { UiDeps } from '../../../simulator/ui/router.ts';
import { uiApiRoutes } from '../../../simulator/ui/api/routes.ts';

export const NOW = '2026-11-27T10:00:00.000Z';
export const DEFAULT_SCENARIO = new URL('../../../scenarios/default.yaml', import.meta.url);

/**
 * The default scenario (scenarios/default.yaml) with CSN's timeout cut to `csnTimeoutMs`, so the
 * partial-timeout persona times out quickly; every other source keeps the scenario's 10 s.
 */
export function defaultScenario(csnTimeoutMs = 400): Scenario {
  const raw = parse(readFileSync(DEFAULT_SCENARIO, 'utf8')) as { sources: { CSN: Record<string, unknown> } };
  raw.sources.CSN.timeoutMs = csnTimeoutMs;
  return scenarioFromObject(raw, 'scenarios/default.yaml');
}

/** The page's deps of a simulator. */
export function uiDepsOf(sim: Pick<Simulator, 'deps' | 'store'>): UiDeps {
  return { deps: sim.deps, store: sim.store, soapPath: '/ssbtek/v10' };
}

/** An express app (never listening) with only the /ui/api helpers mounted. */
export function uiApp(ui: UiDeps): Express {
  const app = express();
  for (const route of uiApiRoutes(ui)) app[route.method](route.path, route.handler);
  return app;
}

/** A simulator (not listening) on a fixed clock and the /ui/api app over it. */
export function makeUi(options: Partial<SimulatorOptions> & { scenario: Scenario }): {
  sim: Simulator;
  ui: UiDeps;
  app: Express;
} {
  const sim = createSimulator({ clock: fixedClock(NOW), ...options });
  const ui = uiDepsOf(sim);
  return { sim, ui, app: uiApp(ui) };
}
