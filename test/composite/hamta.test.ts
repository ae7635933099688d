import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { SOURCE_CODES, type SourceCode } from '../../simulator/domain/sources.ts';
import { parseXml } from '../../simulator/xml/parse.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makePersona, makeScenario } from '../support/factories.ts';
import { fullQuery, lefiQuery } from '../support/lefi.ts';
import { makeQuery, soapPing, soapQuery } from '../support/queries.ts';
import { xsdAvailable, xsdProblems } from '../support/xsd.ts';

const ORDINARY = '198803159824';
const PROTECTED = '198307199979';
const UNKNOWN = '199901019894';
const SLOW_CSN = '199306219925';
const SKV_ERROR = '197712129852';

const scenario = makeScenario({
  composite: { timeoutMs: 2000 },
  municipalities: [{ organisationsnummer: '162120000142', namn: 'Exempelkommunen', aktorsid: '1000001' }],
  sources: {
    CSN: { timeoutMs: 250, failure: { mode: 'timeout', personas: ['slow-csn'] } },
    SKV: { failure: { mode: 'technical-error', felkod: 'SKV-9071500', felmeddelande: 'Tekniskt fel hos Skatteverket.', personas: ['skv-error'] } },
  },
  personas: [
    makePersona({ id: 'ordinary', personidentitet: ORDINARY, situation: { knownToSources: true, unemployed: true, akassa: 'Unionens a-kassa', student: true, sickLeave: true, children: 1, housingAllowance: true, vehicles: 1, residencePermit: true } }),
    makePersona({ id: 'protected', personidentitet: PROTECTED, protected: true, situation: { knownToSources: true, unemployed: true, student: true, sickLeave: true, children: 1, vehicles: 1, residencePermit: true, akassa: 'Unionens a-kassa' } }),
    makePersona({ id: 'unknown', personidentitet: UNKNOWN, situation: { knownToSources: false } }),
    makePersona({ id: 'slow-csn', personidentitet: SLOW_CSN }),
    makePersona({ id: 'skv-error', personidentitet: SKV_ERROR }),
  ],
});

let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator({ scenario, port: 0, clock: fixedClock('2026-11-27T10:00:00Z') });
  // Warm up: the first query compiles schemas and writers, which on a loaded machine can outlast a 2 s source timeout.
  await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fullQuery(UNKNOWN)) });
  await fetch(`${sim.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: soapQuery(fullQuery(UNKNOWN)) });
});
afterAll(async () => {
  await sim.close();
});

async function post(path: string, body: string, type = 'text/xml; charset=utf-8'): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': type, soapaction: '""' }, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

async function json(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await post('/api/v1/hamtaBastjanstInformation', JSON.stringify(body), 'application/json');
  return { status: res.status, body: JSON.parse(res.text) as Record<string, unknown> };
}

type Svarsdata = Partial<Record<SourceCode, { data?: unknown; error?: { kalla: string; felkod: string; felmeddelande: string[] } }>>;

/** The element names under svarsdata in a SOAP answer, in document order. */
function soapSourceOrder(xml: string): string[] {
  return [...xml.matchAll(/<ssbt:(AF|CSN|FK|SKV|SO|TNS|MIV)>/g)].map((m) => m[1] ?? '');
}

describe('hamtaBastjanstInformation over SOAP', () => {
  it('Given all seven sources asked for an ordinary person, Then each answers data, in contract order, valid by the official XSD', async () => {
    const res = await post('/ssbtek/v10', soapQuery(fullQuery(ORDINARY)));
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/xml/);
    expect(soapSourceOrder(res.text)).toEqual([...SOURCE_CODES]);
    expect(res.text).not.toContain('<ssbt:error>');
    if (xsdAvailable) expect(xsdProblems(res.text)).toBe('');
  });

  it('Given inkludera false for most sources, Then only the included sources appear', async () => {
    const q = makeQuery(ORDINARY, { specifikaFrageparametrar: { CSN: { inkludera: false }, SKV: { inkludera: false }, SO: { inkludera: false }, MIV: { inkludera: false } } });
    const res = await post('/ssbtek/v10', soapQuery(q));
    expect(soapSourceOrder(res.text)).toEqual(['AF', 'TNS']);
  });

  it('Given fraganSkallInkluderasISvaret, korrelationsid and frageTidpunkt, Then all three are echoed; without them none is', async () => {
    const q = fullQuery(ORDINARY, { generellaFrageparametrar: { fraganSkallInkluderasISvaret: true, korrelationsid: 'corr-42', frageTidpunkt: '2026-11-27T09:59:00+01:00' } });
    const res = await post('/ssbtek/v10', soapQuery(q));
    const body = parseXml(res.text) as { Envelope: { Body: { hamtaBastjanstInformationResponse: Record<string, unknown> } } };
    const answer = body.Envelope.Body.hamtaBastjanstInformationResponse;
    expect(answer.korrelationsid).toBe('corr-42');
    expect(answer.frageTidpunkt).toBe('2026-11-27T09:59:00+01:00');
    expect(res.text).toContain('<ssbt:fraga>');
    if (xsdAvailable) expect(xsdProblems(res.text)).toBe('');
    const viaJson = await json(q);
    expect(viaJson.body.fraga).toEqual(q);
    const plain = await post('/ssbtek/v10', soapQuery(makeQuery(ORDINARY)));
    expect(plain.text).not.toMatch(/<ssbt:(fraga|korrelationsid|frageTidpunkt)>/);
  });

  it('Given a source\'s own tidsperiod, Then that source gets it and the others the general one', async () => {
    const q = makeQuery(ORDINARY, { specifikaFrageparametrar: { SO: { inkludera: true, tidsperiod: { fromDatum: '2025-01-01', tomDatum: '2025-03-31' } } } });
    const { body } = await json(q);
    const sv = body.svarsdata as Record<string, { data: Record<string, unknown> }>;
    expect(sv.SO?.data).toMatchObject({ From: '2025-01-01', Tom: '2025-03-31' });
    const af = sv.AF?.data as { Fraga: { From: string; Tom: string } };
    expect(af.Fraga).toMatchObject({ From: '2026-01-01', Tom: '2026-06-30' });
  });

  it('Given a source that does not answer in time, Then it is error kalla=SSBT SSBT-101 and the rest answer, within the timeout', async () => {
    const started = performance.now();
    const { body } = await json(makeQuery(SLOW_CSN));
    const elapsed = performance.now() - started;
    const sv = body.svarsdata as Svarsdata;
    expect(sv.CSN?.error).toEqual({ kalla: 'SSBT', felkod: 'SSBT-101', felmeddelande: ['CSN svarade inte inom 250 ms. Försök igen senare.'] });
    for (const code of ['AF', 'SKV', 'SO', 'TNS', 'MIV'] as const) expect(sv[code]).toHaveProperty('data');
    expect(elapsed).toBeLessThan(1500);
  });

  it('Given a base service that reports a technical error, Then it is error kalla=BT with the base service\'s felkod', async () => {
    const res = await post('/ssbtek/v10', soapQuery(makeQuery(SKV_ERROR)));
    expect(res.text).toMatch(/<ssbt:SKV>\s*<ssbt:error>\s*<ssbt:kalla>BT<\/ssbt:kalla>\s*<ssbt:felkod>SKV-9071500<\/ssbt:felkod>\s*<ssbt:felmeddelande>Tekniskt fel hos Skatteverket.<\/ssbt:felmeddelande>/);
    if (xsdAvailable) expect(xsdProblems(res.text)).toBe('');
  });

  it('Given a protected identity, Then every source that can mark it does (AF, CSN, FK) and SKV withholds', async () => {
    const { body } = await json(fullQuery(PROTECTED));
    const sv = body.svarsdata as Record<SourceCode, { data: unknown }>;
    for (const code of ['AF', 'CSN', 'FK', 'SKV'] as const) {
      expect({ code, marked: SOURCES[code].marksProtected(sv[code].data) }).toEqual({ code, marked: true });
    }
    const ordinary = (await json(fullQuery(ORDINARY))).body.svarsdata as Record<SourceCode, { data: unknown }>;
    for (const code of SOURCE_CODES) expect({ code, marked: SOURCES[code].marksProtected(ordinary[code].data) }).toEqual({ code, marked: false });
  });

  it('Given a person no source knows, Then every source answers its own no-data answer, not an error', async () => {
    const res = await post('/ssbtek/v10', soapQuery(fullQuery(UNKNOWN)));
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<ssbt:error>');
    const { body } = await json(fullQuery(UNKNOWN));
    const sv = body.svarsdata as Record<SourceCode, { data: unknown }>;
    for (const code of SOURCE_CODES) {
      expect(sv[code].data).toEqual(JSON.parse(JSON.stringify(SOURCES[code].fromDocument(SOURCES[code].toDocument(sv[code].data)))));
    }
    if (xsdAvailable) expect(xsdProblems(res.text)).toBe('');
  });

  it('is deterministic: the same request gives a byte-identical answer', async () => {
    const q = soapQuery(fullQuery(ORDINARY, { generellaFrageparametrar: { fraganSkallInkluderasISvaret: true } }));
    const [a, b] = await Promise.all([post('/ssbtek/v10', q), post('/ssbtek/v10', q)]);
    expect(a.text).toBe(b.text);
    expect(a.text.length).toBeGreaterThan(2000);
  });

  it('Given a query that breaks a rule, Then a SOAP Fault (HTTP 500, text/xml) with felkod and felmeddelande, valid by the XSD', async () => {
    const res = await post('/ssbtek/v10', soapQuery(makeQuery('198803159825')));
    expect(res.status).toBe(500);
    expect(res.type).toMatch(/^text\/xml/);
    expect(res.text).toContain('<ssbt:felkod>SSBT-013</ssbt:felkod>');
    expect(res.text).toContain('<faultcode>soap:Client</faultcode>');
    if (xsdAvailable) expect(xsdProblems(res.text)).toBe('');
  });

  it('Given a LEFI version other than v9, Then FK is error kalla=SSBT SSBT-103 and LEFI is not called', async () => {
    const q = makeQuery(ORDINARY, { specifikaFrageparametrar: { FK: { inkludera: true, fraga: { version: 'v8', aktorsid: '1000001', lefiJsonFraga: lefiQuery(ORDINARY) } } } });
    const { body } = await json(q);
    expect((body.svarsdata as Svarsdata).FK?.error).toMatchObject({ kalla: 'SSBT', felkod: 'SSBT-103' });
  });

  it('Given an aktorsid LEFI does not know, Then FK is error kalla=BT with LEFI\'s 403 message', async () => {
    const q = makeQuery(ORDINARY, { specifikaFrageparametrar: { FK: { inkludera: true, fraga: { aktorsid: '9999999', lefiJsonFraga: lefiQuery(ORDINARY) } } } });
    const { body } = await json(q);
    const fk = (body.svarsdata as Svarsdata).FK?.error;
    expect(fk?.kalla).toBe('BT');
    expect(fk?.felkod).toMatch(/403/);
  });
});

describe('the JSON API', () => {
  it('returns the compiled answer with decoded payloads, valid by contracts/composite/answer.schema.json', async () => {
    const { status, body } = await json(fullQuery(ORDINARY));
    expect(status).toBe(200);
    expect(contracts().check('composite/answer.schema.json', body)).toEqual([]);
    for (const code of SOURCE_CODES) expect(contracts().check(SOURCES[code].schemaPath, (body.svarsdata as Record<string, { data: unknown }>)[code]?.data)).toEqual([]);
  });

  it('accepts lefiJsonFraga as a JSON object', async () => {
    const q = makeQuery(ORDINARY, { specifikaFrageparametrar: { FK: { inkludera: true, fraga: { aktorsid: '1000001', lefiJsonFraga: JSON.parse(Buffer.from(lefiQuery(ORDINARY), 'base64').toString('utf8')) as Record<string, unknown> } } } });
    const { body } = await json(q);
    expect((body.svarsdata as Svarsdata).FK).toHaveProperty('data');
  });

  it('refuses a bad query with problem+json carrying felkod and felmeddelande', async () => {
    const res = await post('/api/v1/hamtaBastjanstInformation', JSON.stringify(makeQuery('198803159825')), 'application/json');
    expect(res.status).toBe(400);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.text)).toMatchObject({ status: 400, felkod: 'SSBT-013', felmeddelande: [expect.stringContaining('check digit')] });
    const broken = await post('/api/v1/hamtaBastjanstInformation', '{"generella', 'application/json');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.text)).toMatchObject({ felkod: 'SSBT-001' });
  });
});

describe('testaBastjanstInformation', () => {
  it('answers one TestSvar per source, valid by the XSD, over SOAP and JSON', async () => {
    const res = await post('/ssbtek/v10', soapPing('x'));
    expect(res.status).toBe(200);
    for (const code of SOURCE_CODES) expect(res.text).toContain(`<ssbt:${code}>\n        <ssbt:anropad>true</ssbt:anropad>\n      </ssbt:${code}>`);
    if (xsdAvailable) expect(xsdProblems(res.text)).toBe('');
    const viaJson = await post('/api/v1/testaBastjanstInformation', '{}', 'application/json');
    expect(JSON.parse(viaJson.text)).toEqual(Object.fromEntries(SOURCE_CODES.map((c) => [c, { anropad: true }])));
  });
});

describe('sources that fail on the network', () => {
  let garbage: Server;
  let garbageUrl = '';
  let closedUrl = '';
  let other: Awaited<ReturnType<typeof startSimulator>>;

  beforeAll(async () => {
    garbage = createServer((req, res) => {
      if (req.url?.includes('/tns/')) {
        res.writeHead(200, { 'content-type': 'application/xml' }).end('<HamtaUppgifterResponse><resultat>KANSKE</resultat>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/xml' }).end('<?xml version="1.0"?><HamtaUppgifterResponse xmlns="x"><resultat>INTE-OK</resultat></HamtaUppgifterResponse>');
    });
    await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', r));
    garbageUrl = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}`;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((r) => closed.close(() => r()));
    other = await startSimulator({
      scenario,
      port: 0,
      baseUrls: { AF: closedUrl, TNS: `${garbageUrl}/broken`, MIV: `${garbageUrl}/invalid` },
      clock: fixedClock('2026-11-27T10:00:00Z'),
    });
  });
  afterAll(async () => {
    await other.close();
    await new Promise<void>((r) => garbage.close(() => r()));
  });

  it('Given no connection to AF, a truncated TNS document and a schema-violating MIV one, Then AF is kalla=SSBT and TNS, MIV kalla=BT', async () => {
    const res = await fetch(`${other.url}/api/v1/hamtaBastjanstInformation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(makeQuery(ORDINARY)),
    });
    const sv = ((await res.json()) as { svarsdata: Svarsdata }).svarsdata;
    expect(sv.AF?.error).toMatchObject({ kalla: 'SSBT', felkod: 'SSBT-102' });
    expect(sv.TNS?.error).toMatchObject({ kalla: 'BT', felkod: 'BT-201' });
    expect(sv.MIV?.error).toMatchObject({ kalla: 'BT', felkod: 'BT-201' });
    expect(sv.SO).toHaveProperty('data');
    const soap = await fetch(`${other.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: soapQuery(makeQuery(ORDINARY)) });
    const text = await soap.text();
    if (xsdAvailable) expect(xsdProblems(text)).toBe('');
  });

  it('Given a base service that cannot be reached, Then the ping reports its error', async () => {
    const res = await fetch(`${other.url}/api/v1/testaBastjanstInformation`, { method: 'POST' });
    const ping = (await res.json()) as Record<string, { anropad: boolean; error?: { kalla: string; felkod: string } }>;
    expect(ping.AF).toMatchObject({ anropad: true, error: { kalla: 'SSBT', felkod: 'SSBT-102' } });
    expect(ping.SO).toEqual({ anropad: true });
  });
});
