import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { HistoryFilter } from '../../simulator/admin/deps.ts';
import { defaultCsv, defaultJsonLines } from '../../simulator/admin/formats.ts';
import type { Notice } from '../../simulator/scenarios/types.ts';
import { makeAdmin } from './app.ts';

const RECORDS = [
  { at: '2026-11-27T09:00:00.000Z', caseworker: 'HL0001', personidentitet: '198803159824', sources: ['AF', 'CSN'], note: 'plain' },
  { at: '2026-11-27T09:30:00.000Z', caseworker: 'HL0002', personidentitet: '197911029911', sources: ['FK'], note: 'has "quotes", a comma' },
];

/** A history store that remembers what it was asked. */
function fakeHistory() {
  const calls: { filters: HistoryFilter[]; pruned: number[]; cleared: number } = { filters: [], pruned: [], cleared: 0 };
  return {
    calls,
    store: {
      query: (filter: HistoryFilter) => {
        calls.filters.push(filter);
        return RECORDS.slice(filter.offset, filter.offset + filter.limit);
      },
      prune: (retentionHours: number) => void calls.pruned.push(retentionHours),
      clear: () => void calls.cleared++,
    },
  };
}

describe('admin API: processing history', () => {
  it('GET /admin/history passes every filter to the store and pages', async () => {
    const { store, calls } = fakeHistory();
    const { app } = makeAdmin({ history: store });
    const res = await request(app).get('/admin/history').query({
      caseworker: 'HL0001',
      personidentitet: '198803159824',
      arendeidentitet: 'A-1',
      municipality: '162120000142',
      from: '2026-11-27',
      to: '2026-11-27T12:00:00+01:00',
      limit: '1',
      offset: '0',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ entries: [RECORDS[0]], limit: 1, offset: 0 });
    expect(calls.filters).toEqual([
      {
        caseworker: 'HL0001',
        personidentitet: '198803159824',
        arendeidentitet: 'A-1',
        municipality: '162120000142',
        from: '2026-11-27T00:00:00.000Z',
        to: '2026-11-27T11:00:00.000Z',
        limit: 1,
        offset: 0,
      },
    ]);
  });

  it('prunes records older than the scenario retention (default 24 h) before reading', async () => {
    const { store, calls } = fakeHistory();
    await request(makeAdmin({ history: store }).app).get('/admin/history');
    expect(calls.pruned).toEqual([24]);
    expect(calls.filters).toEqual([{ limit: 100, offset: 0 }]);
  });

  it('?format=csv is a text/csv attachment', async () => {
    const { store } = fakeHistory();
    const res = await request(makeAdmin({ history: store }).app).get('/admin/history?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=behandlingshistorik-20261127T100000Z.csv');
    expect(res.text).toBe(defaultCsv(RECORDS));
    expect(res.text.split('\r\n')[0]).toBe('at,caseworker,personidentitet,sources,note');
  });

  it('?format=jsonl is an application/x-ndjson attachment, one record per line', async () => {
    const { store } = fakeHistory();
    const res = await request(makeAdmin({ history: store }).app).get('/admin/history?format=jsonl').buffer(true).parse((r, cb) => {
      let text = '';
      r.on('data', (c: Buffer) => (text += c.toString()));
      r.on('end', () => cb(null, text));
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename=behandlingshistorik-20261127T100000Z.jsonl');
    expect((res.body as string).trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(RECORDS);
  });

  it('uses the formatters it is given', async () => {
    const { store } = fakeHistory();
    const { app } = makeAdmin({ history: store, toCsv: (e) => `rows=${e.length}\n` });
    expect((await request(app).get('/admin/history?format=csv')).text).toBe('rows=2\n');
  });

  it('Given bad parameters, Then 400 listing each', async () => {
    const { store } = fakeHistory();
    const res = await request(makeAdmin({ history: store }).app).get('/admin/history?limit=0&from=yesterday&format=xml&who=me');
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.errors).toEqual([
      { path: 'who', message: expect.stringContaining('unknown query parameter') },
      { path: 'limit', message: 'must be an integer from 1 to 10000' },
      { path: 'from', message: expect.stringContaining('must be a date') },
      { path: 'format', message: 'must be one of json, jsonl, csv' },
    ]);
    const order = await request(makeAdmin({ history: store }).app).get('/admin/history?from=2026-11-28&to=2026-11-27');
    expect(order.body.errors).toEqual([{ path: 'from', message: 'must not be after to' }]);
  });

  it('Given no history store, Then 501', async () => {
    const res = await request(makeAdmin().app).get('/admin/history');
    expect(res.status).toBe(501);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ title: 'Not configured', detail: expect.stringContaining('behandlingshistorik') });
  });
});

describe('admin API: journal', () => {
  it('GET /admin/journal passes since and limit', async () => {
    const asked: unknown[] = [];
    const { app } = makeAdmin({ journal: { list: (o) => (asked.push(o), [{ id: 1 }]), clear: () => undefined } });
    const res = await request(app).get('/admin/journal?since=41&limit=5');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ entries: [{ id: 1 }] });
    expect(asked).toEqual([{ since: 41, limit: 5 }]);
    await request(app).get('/admin/journal');
    expect(asked[1]).toEqual({ limit: 100 });
  });

  it('Given no journal, Then 501; bad since 400', async () => {
    expect((await request(makeAdmin().app).get('/admin/journal')).status).toBe(501);
    const { app } = makeAdmin({ journal: { list: () => [], clear: () => undefined } });
    const bad = await request(app).get('/admin/journal?since=soon&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'limit', message: 'must be an integer from 1 to 10000' },
      { path: 'since', message: expect.stringMatching(/^must be an integer from 0/) },
    ]);
  });
});

describe('admin API: driftinformation', () => {
  it('asks for the notices at the scenario clock with the live faults, and splits planned from the rest', async () => {
    const notices: Notice[] = [
      { id: 'n1', kind: 'acute', title: 'CSN svarar inte', from: '2026-11-27T08:00:00Z', sources: ['CSN'] },
      { id: 'n2', kind: 'planned', title: 'Underhåll', from: '2026-11-30T18:00:00Z', to: '2026-11-30T20:00:00Z' },
    ];
    const seen: unknown[] = [];
    const { app, ctx } = makeAdmin({ driftinformation: (s, now, live) => (seen.push([s.name, now.toISOString(), live]), notices) });
    ctx.runtime.setLiveFault('CSN', { mode: 'timeout', when: {} });
    const res = await request(app).get('/admin/driftinformation');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ scenario: 'alpha', now: '2026-11-27T10:00:00.000Z', active: [notices[0]], planned: [notices[1]] });
    expect(seen).toEqual([['alpha', '2026-11-27T10:00:00.000Z', { CSN: { mode: 'timeout', when: {} } }]]);
  });
});

describe('default history formats', () => {
  it('CSV quotes per RFC 4180 and writes nested values as JSON', () => {
    expect(defaultCsv([{ a: 'x,y', b: ['1'], c: null }, { a: 'he said "hi"', d: 2 }])).toBe('a,b,c,d\r\n"x,y","[""1""]",,\r\n"he said ""hi""",,,2\r\n');
    expect(defaultCsv([])).toBe('\r\n');
  });

  it('JSON Lines ends every record with a newline', () => {
    expect(defaultJsonLines([{ a: 1 }, { b: 'x' }])).toBe('{"a":1}\n{"b":"x"}\n');
    expect(defaultJsonLines([])).toBe('');
  });
});
