import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createBaseServiceApp, SCENARIO_HEADER } from '../../simulator/base-services/app.ts';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import type { ScenarioStore, SimContext } from '../../simulator/domain/context.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import type { Scenario } from '../../simulator/scenarios/types.ts';
import { makeBaseRequest, makeScenario } from '../support/factories.ts';

const active = makeScenario({ name: 'active', sources: { TNS: { sequence: ['ok', { mode: 'http-error', status: 502 }] } } });
const failing = makeScenario({ name: 'failing', sources: { TNS: { failure: { mode: 'technical-error', felkod: 'TNS-B' } } } });
// Its own clock is 23:45 in Stockholm; the base clock says 11:00.
const night = makeScenario({
  name: 'night',
  clock: { mode: 'fixed', at: '2026-11-27T22:45:00Z' },
  sources: { TNS: { failure: { mode: 'http-error', status: 504, when: { window: { from: '23:30', to: '00:30' } } } } },
});

function store(...scenarios: Scenario[]): ScenarioStore {
  return {
    current: () => active,
    get: (name) => scenarios.find((s) => s.name === name),
    loadedAt: () => new Date('2026-11-27T00:00:00Z'),
  };
}

function app() {
  const ctx: SimContext = { clock: fixedClock('2026-11-27T10:00:00Z'), scenarios: store(active, failing, night), runtime: createRuntimeState() };
  return createBaseServiceApp(SOURCES.TNS, ctx);
}

const ROUTE = SOURCES.TNS.routePath;

describe(`the ${SCENARIO_HEADER} header selects the scenario at the base service`, () => {
  it('Given the header, Then that scenario answers; without it the active one; calls are counted per scenario, pings not at all', async () => {
    const tns = app();
    const first = await request(tns).post(ROUTE).send(makeBaseRequest());
    expect(first.status).toBe(200);
    expect(first.type).toBe('application/xml');
    const other = await request(tns).post(ROUTE).set(SCENARIO_HEADER, 'failing').send(makeBaseRequest());
    expect(other.status).toBe(500);
    expect(other.type).toBe('application/problem+json');
    expect(other.body).toMatchObject({ status: 500, felkod: 'TNS-B', felmeddelande: [expect.any(String)] });
    await request(tns).get('/health').expect(200);
    const second = await request(tns).post(ROUTE).send(makeBaseRequest()); // call 2 of "active": its sequence's http-error
    expect(second.status).toBe(502);
    expect(second.type).toBe('text/plain');
    expect(second.text).not.toContain('felkod');
  });

  it('Given the header naming a scenario not loaded, Then 404 problem+json saying so', async () => {
    const res = await request(app()).post(ROUTE).set(SCENARIO_HEADER, 'nope').send(makeBaseRequest());
    expect(res.status).toBe(404);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, title: 'Unknown scenario', detail: expect.stringContaining('"nope"') });
    expect((await request(app()).get('/health').set(SCENARIO_HEADER, 'nope')).status).toBe(404);
  });

  it('Given the header on the ping, Then /health reflects that scenario', async () => {
    const tns = app();
    expect((await request(tns).get('/health')).body).toEqual({ status: 'ok', source: 'TNS', scenario: 'active' });
    const res = await request(tns).get('/health').set(SCENARIO_HEADER, 'failing');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ felkod: 'TNS-B' });
  });

  it('Given a scenario with its own clock, Then windows are read on that clock, not the base clock', async () => {
    const tns = app();
    const res = await request(tns).post(ROUTE).set(SCENARIO_HEADER, 'night').send(makeBaseRequest());
    expect(res.status).toBe(504);
    expect((await request(tns).get('/health').set(SCENARIO_HEADER, 'night')).status).toBe(504);
  });
});
