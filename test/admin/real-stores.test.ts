import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { AdminDeps } from '../../simulator/admin/deps.ts';
import { createAdminRouter } from '../../simulator/admin/router.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { driftinformation } from '../../simulator/drift/driftinformation.ts';
import { createHistoryStore } from '../../simulator/history/history-store.ts';
import { toCsv } from '../../simulator/history/to-csv.ts';
import { toJsonLines } from '../../simulator/history/to-json-lines.ts';
import { createJournal } from '../../simulator/journal/journal.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { createScenarioStore } from '../../simulator/scenarios/store.ts';
import { makeScenario } from '../support/factories.ts';

/** The admin router over the project's own history, journal, formatters and driftinformation, as the lead wires it. */
function wired() {
  const clock = fixedClock('2026-11-27T10:00:00Z');
  const store = createScenarioStore({ clock, initial: [makeScenario({ name: 'alpha' })], active: 'alpha' });
  const ctx = { clock, scenarios: store, runtime: createRuntimeState() };
  const history = createHistoryStore({ clock });
  const journal = createJournal({ clock });
  const deps: AdminDeps = { ctx, store, history, journal, toCsv, toJsonLines, driftinformation, version: '0.1.0', releaseNotes: () => '' };
  const app = express();
  app.use('/admin', createAdminRouter(deps));
  return { app, ctx, history, journal };
}

const ENTRY = {
  scenario: 'alpha',
  municipality: { organisationsnummer: '162120000142', namn: 'Exempelkommunen' },
  caseworker: 'HL0001',
  personidentitet: '198803159824',
  arendeidentitet: 'ARENDE-1',
  syfte: 'Utredning av rätt till ekonomiskt bistånd',
  lagtext: '4 kap. 1 § socialtjänstlagen',
  sources: [],
  result: 'answered' as const,
  durationMs: 12,
  via: 'JSON' as const,
};

describe('the admin API over the project stores', () => {
  it('reads history (JSON, CSV) and the journal, and reset clears them', async () => {
    const { app, history, journal } = wired();
    history.record(ENTRY, 24);
    history.record({ ...ENTRY, caseworker: 'HL0002' }, 24);
    journal.record({ method: 'POST', path: '/api/v1/hamtaBastjanstInformation', headers: {}, body: '{}' });
    journal.record({ method: 'POST', path: '/ssbtek/v10', headers: {}, body: '<x/>' });

    const json = await request(app).get('/admin/history?caseworker=HL0002&municipality=162120000142&from=2026-11-27');
    expect(json.status).toBe(200);
    expect(json.body.entries).toEqual([expect.objectContaining({ id: 'h-000002', caseworker: 'HL0002' })]);
    const csv = await request(app).get('/admin/history?format=csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n')[0]).toMatch(/^id,time,scenario,/);
    expect(csv.text.trimEnd().split('\r\n')).toHaveLength(3);

    const page = await request(app).get('/admin/journal?since=1');
    expect((page.body.entries as { id: number }[]).map((e) => e.id)).toEqual([2]);

    expect((await request(app).post('/admin/reset').send({ history: true, journal: true })).status).toBe(204);
    expect(history.size()).toBe(0);
    expect(journal.size()).toBe(0);
  });

  it('shows a live outage in driftinformation', async () => {
    const { app } = wired();
    await request(app).put('/admin/sources/SKV/fault').send({ mode: 'technical-error' });
    const res = await request(app).get('/admin/driftinformation');
    expect(res.body.active).toEqual([expect.objectContaining({ id: 'live-SKV', kind: 'acute', sources: ['SKV'] })]);
    expect(res.body.planned).toEqual([]);
  });
});
