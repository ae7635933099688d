import express, { type Express } from 'express';
import { createAdminRouter } from '../../simulator/admin/router.ts';
import type { AdminDeps } from '../../simulator/admin/deps.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import type { SimContext } from '../../simulator/domain/context.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { createScenarioStore, type LiveScenarioStore } from '../../simulator/scenarios/store.ts';
import { makeScenario } from '../support/factories.ts';

export const NOW = '2026-11-27T10:00:00.000Z';

/** An admin API on an express app (never listening) over two scenarios, alpha (active) and beta. */
export function makeAdmin(overrides: Partial<AdminDeps> = {}): { app: Express; store: LiveScenarioStore; ctx: SimContext; deps: AdminDeps } {
  const clock = fixedClock(NOW);
  const alpha = makeScenario({ name: 'alpha', description: 'the first', sources: { SKV: { latencyMs: 50 } } });
  const beta = makeScenario({ name: 'beta', personas: [{ id: 'p1', personidentitet: '198507142381', description: 'one' }] });
  const store = createScenarioStore({ clock, initial: [alpha, beta], active: 'alpha' });
  const ctx: SimContext = { clock, scenarios: store, runtime: createRuntimeState() };
  const deps: AdminDeps = {
    ctx,
    store,
    version: '9.8.7',
    releaseNotes: () => '# Release notes\n\n- 9.8.7: admin API\n',
    driftinformation: () => [],
    ...overrides,
  };
  const app = express();
  app.use('/admin', createAdminRouter(deps));
  return { app, store, ctx, deps };
}

/** A valid scenario file's text. */
export function scenarioYaml(name: string, description = 'from YAML'): string {
  return `schemaVersion: 1\nname: ${name}\ndescription: ${description}\nseed: ${name}-seed\n`;
}
