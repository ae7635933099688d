/**
 * The composite's lean SOAP path (issue 7): a POST to the SOAP endpoint in its exact spelling with a
 * plain body (Content-Length, no Content-Encoding) skips express's routers and body parser. Every other
 * request still goes through express, so the same request sent once in the exact spelling and once with
 * a trailing slash (which express's router accepts too) must get the same answer: status, headers (Date
 * aside) and body, refusals included, and the same journal entry (its path aside).
 */
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompositeApp, leanSoapEntryOf } from '../../simulator/composite/app.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { createSimulator, startSimulator } from '../../simulator/server.ts';
import { makePersona, makeScenario } from '../support/factories.ts';
import { fullQuery } from '../support/lefi.ts';
import { envelope, makeQuery, soapPing, soapQuery } from '../support/queries.ts';

const ORDINARY = '198803159824';
const PROTECTED = '198307199979';
const SKV_ERROR = '197712129852';

const scenario = makeScenario({
  municipalities: [{ organisationsnummer: '162120000142', namn: 'Exempelkommunen', aktorsid: '1000001' }],
  sources: { SKV: { failure: { mode: 'technical-error', felkod: 'SKV-9071500', felmeddelande: 'Tekniskt fel hos Skatteverket.', personas: ['skv-error'] } } },
  personas: [
    makePersona({ id: 'ordinary', personidentitet: ORDINARY, situation: { knownToSources: true, unemployed: true, akassa: 'Unionens a-kassa', children: 1, vehicles: 1, residencePermit: true } }),
    makePersona({ id: 'protected', personidentitet: PROTECTED, protected: true }),
    makePersona({ id: 'skv-error', personidentitet: SKV_ERROR }),
  ],
});

let sim: Awaited<ReturnType<typeof startSimulator>>;
let port: number;

beforeAll(async () => {
  sim = await startSimulator({ scenario, port: 0, clock: fixedClock('2026-11-27T10:00:00Z') });
  port = Number(new URL(sim.url).port);
});
afterAll(async () => {
  await sim.close();
});

interface Call {
  path?: string;
  headers?: Record<string, string>;
  body: string | Buffer;
}

type Seen = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function send(call: Call, to = port): Promise<Seen> {
  const body = Buffer.isBuffer(call.body) ? call.body : Buffer.from(call.body);
  const headers: Record<string, string> = { 'content-type': 'text/xml; charset=utf-8', soapaction: '""', ...(call.headers ?? {}) };
  if (headers['transfer-encoding'] === undefined) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: to, method: 'POST', path: call.path ?? '/ssbtek/v10', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const seen = { ...res.headers };
        delete seen.date;
        resolve({ status: res.statusCode ?? 0, headers: seen, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface JournalEntry {
  path: string;
  method: string;
  status: number;
  body: string;
  operation?: string;
  felkod?: string;
  headers: Record<string, unknown>;
}

async function lastJournalEntry(): Promise<JournalEntry & { id: number }> {
  const res = await fetch(`${sim.url}/admin/journal?limit=10000`);
  const body = (await res.json()) as { entries: (JournalEntry & { id: number })[] };
  const soap = body.entries.filter((e) => e.path.startsWith('/ssbtek/'));
  return soap[soap.length - 1] as JournalEntry & { id: number };
}

const CASES: [string, Call][] = [
  ['a query of all seven sources', { body: soapQuery(fullQuery(ORDINARY)) }],
  ['a query for a protected identity', { body: soapQuery(makeQuery(PROTECTED)) }],
  ['a query where one source fails', { body: soapQuery(makeQuery(SKV_ERROR)) }],
  ['the ping', { body: soapPing() }],
  ['XML that is not well-formed', { body: '<soapenv:Envelope' }],
  ['an envelope without an operation', { body: envelope('<x/>') }],
  ['a query the schema refuses', { body: soapQuery(makeQuery(ORDINARY, { generellaFrageparametrar: { personidentitet: '12' } })) }],
  ['application/xml', { headers: { 'content-type': 'application/xml' }, body: soapPing() }],
  ['a JSON content type', { headers: { 'content-type': 'application/json' }, body: '{}' }],
  ['no content type', { headers: { 'content-type': '' }, body: soapPing() }],
  ["SOAP 1.2's media type", { headers: { 'content-type': 'application/soap+xml; charset=utf-8' }, body: soapPing() }],
  ['bytes that are not UTF-8', { body: Buffer.concat([Buffer.from('<a>\n'), Buffer.from([0xff, 0xfe]), Buffer.from('</a>')]) }],
  ['an unknown charset', { headers: { 'content-type': 'text/xml; charset=klingon' }, body: soapPing() }],
  ['an empty body', { body: '' }],
  ['an unknown scenario named', { headers: { 'x-ssbtek-scenario': 'no-such-scenario' }, body: soapPing() }],
];

describe('the lean SOAP path', () => {
  it.each(CASES)('Given %s, Then the exact spelling answers as express does for the other spelling, and journals alike', async (_what, call) => {
    const lean = await send(call);
    const leanEntry = await lastJournalEntry();
    const viaExpress = await send({ ...call, path: '/ssbtek/v10/' });
    const expressEntry = await lastJournalEntry();
    expect(lean).toEqual(viaExpress);
    expect(leanEntry.path).toBe('/ssbtek/v10');
    expect(expressEntry.path).toBe('/ssbtek/v10/');
    expect({ ...leanEntry, path: '', id: 0, time: '' }).toEqual({ ...expressEntry, path: '', id: 0, time: '' });
  });

  it('Given a chunked body, Then express reads it and the answer is the same', async () => {
    const call = { body: soapQuery(makeQuery(ORDINARY)) };
    const lean = await send(call);
    const chunked = await send({ ...call, headers: { 'transfer-encoding': 'chunked' } });
    expect(chunked).toEqual(lean);
  });

  it('Given a body over 2 MiB, Then it is refused with SSBT-004 before it is read', async () => {
    const seen = await send({ body: Buffer.alloc(2 * 1024 * 1024 + 1, 0x20) });
    expect(seen.status).toBe(413);
    expect(seen.body).toContain('SSBT-004');
  });

  it('Given a client that goes away before its body is complete, Then nothing is journalled and the next query is answered', async () => {
    const before = await lastJournalEntry();
    await new Promise<void>((done) => {
      const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/ssbtek/v10', headers: { 'content-type': 'text/xml', 'content-length': '5000' }, agent: false });
      req.on('error', () => done());
      req.write('<soapenv:Envelope', () => {
        setTimeout(() => {
          req.destroy();
          done();
        }, 50);
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    expect((await lastJournalEntry()).id).toBe(before.id);
    const next = await send({ body: soapPing() });
    expect(next.status).toBe(200);
  });

  it('takes only a POST to the exact path with a plain body, and answers it without express', async () => {
    const made = createSimulator({ scenario, clock: fixedClock('2026-11-27T10:00:00Z'), compositeOnly: true });
    const app = createCompositeApp(made.deps);
    const lean = leanSoapEntryOf(app);
    expect(lean).toBeDefined();
    // A server with the lean path alone: what it does not take is answered 599.
    const server = createServer((req, res) => {
      if (lean?.(req, res) !== true) {
        res.statusCode = 599;
        res.end();
      }
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const to = (server.address() as AddressInfo).port;
    try {
      const ping = await send({ body: soapPing() }, to);
      expect(ping.status).toBe(200);
      expect(ping.body).toContain('testaBastjanstInformationResponse');
      expect((await send({ path: '/ssbtek/v10/', body: soapPing() }, to)).status).toBe(599);
      expect((await send({ path: '/ssbtek/v10?x=1', body: soapPing() }, to)).status).toBe(599);
      expect((await send({ headers: { 'transfer-encoding': 'chunked' }, body: soapPing() }, to)).status).toBe(599);
      expect((await send({ headers: { 'content-encoding': 'gzip' }, body: soapPing() }, to)).status).toBe(599);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await made.close();
    }
  });
});
