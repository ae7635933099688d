import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makeScenario } from '../support/factories.ts';
import { makeQuery, soapPing, soapQuery } from '../support/queries.ts';
import { xsdAvailable, xsdProblems } from '../support/xsd.ts';

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator({ scenario: makeScenario({}), port: 0, clock: fixedClock('2026-11-27T10:00:00Z') });
});
afterAll(async () => {
  await sim.close();
});

interface Answer {
  status: number;
  type: string;
  text: string;
  ms: number;
}

/** POSTs a body; `type` null sends no Content-Type at all. */
async function post(path: string, body: string | Uint8Array | undefined, type: string | null = 'text/xml', headers: Record<string, string> = {}): Promise<Answer> {
  const t0 = performance.now();
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { ...(type === null ? {} : { 'content-type': type }), ...headers }, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text(), ms: performance.now() - t0 };
}

/** The felkod, faultcode and messages of a SOAP Fault answer (checked valid by the official schema where it can run). */
function fault(a: Answer): { felkod: string | undefined; faultcode: string | undefined; felmeddelande: string[] } {
  expect(a.type).toMatch(/^text\/xml/);
  expect(a.text).not.toMatch(/PayloadTooLargeError|node_modules|at \w+ \(/);
  if (xsdAvailable) expect(xsdProblems(a.text)).toBe('');
  return {
    felkod: /<ssbt:felkod>([^<]*)</.exec(a.text)?.[1],
    faultcode: /<faultcode>([^<]*)</.exec(a.text)?.[1],
    felmeddelande: [...a.text.matchAll(/<ssbt:felmeddelande>([^<]*)</g)].map((m) => m[1] ?? ''),
  };
}

function problem(a: Answer): { status: number; felkod: string; felmeddelande: string[] } {
  expect(a.type).toMatch(/^application\/problem\+json/);
  return JSON.parse(a.text) as { status: number; felkod: string; felmeddelande: string[] };
}

/** The ping with content inside the operation element (the ping reads none, so anything is ignored once parsed). */
const pingWith = (inner: string, prolog = ''): string =>
  `${prolog}${soapPing().replace(/^<\?xml[^>]*>\s*/, '').replace('ssbt/10"/>', `ssbt/10">${inner}</ssbt:testaBastjanstInformation>`)}`;

const SECRET = 'TOPSECRET-7f3a9c-NEVER-IN-AN-ANSWER';
const secretFile = join(mkdtempSync(join(tmpdir(), 'ssbtek-xxe-')), 'secret.txt');
writeFileSync(secretFile, SECRET);

describe('hostile and broken input (regressions: an internal error and an HTML stack trace)', () => {
  it('Given XML nested 50 000 levels deep, Then a SOAP fault SSBT-004, not an internal error', async () => {
    const deep = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}</s:Body></s:Envelope>`;
    const res = await post('/ssbtek/v10', deep);
    expect(res.status).toBe(413);
    expect(fault(res).felkod).toBe('SSBT-004');
  });

  it('Given a 3 MB SOAP body, Then 413 with a SOAP fault SSBT-004 and no stack trace', async () => {
    const res = await post('/ssbtek/v10', 'a'.repeat(3_000_000));
    expect(res.status).toBe(413);
    expect(fault(res).felkod).toBe('SSBT-004');
  });

  it('Given a gzip body that inflates past the limit, Then 413 SSBT-004 (the limit holds after decompression)', async () => {
    const res = await post('/ssbtek/v10', gzipSync(Buffer.alloc(20_000_000, 0x20)), 'text/xml', { 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect(fault(res).felkod).toBe('SSBT-004');
  });

  it('Given a 3 MB JSON body, Then 413 problem+json with SSBT-004', async () => {
    const res = await post('/api/v1/hamtaBastjanstInformation', `"${'a'.repeat(3_000_000)}"`, 'application/json');
    expect(res.status).toBe(413);
    expect(problem(res)).toMatchObject({ status: 413, felkod: 'SSBT-004' });
  });

  it('Given a malformed body on a JSON route, Then problem+json SSBT-001, never an HTML error page', async () => {
    const res = await post('/api/v1/testaBastjanstInformation', '{"broken', 'application/json');
    expect(res.text).not.toMatch(/<html|<pre>/i);
    expect(problem(res)).toMatchObject({ status: 400, felkod: 'SSBT-001' });
  });
});

describe('document type declarations and entities (XXE, entity expansion)', () => {
  const cases: [string, string][] = [
    ['an internal entity', pingWith('&e;', '<!DOCTYPE x [<!ENTITY e "hello">]>')],
    ['an external entity naming a local file', pingWith('&e;', `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://${secretFile}">]>`)],
    ['a parameter entity', pingWith('', `<!DOCTYPE x [<!ENTITY % p SYSTEM "file://${secretFile}"> %p;]>`)],
    ['a bare DOCTYPE', pingWith('', '<!DOCTYPE Envelope>')],
    ['a DOCTYPE inside an element (the parser would still read it)', pingWith(`<!DOCTYPE x [<!ENTITY e SYSTEM "file://${secretFile}">]>&e;`)],
    [
      'billion laughs',
      pingWith(
        '&d;',
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
      ),
    ],
  ];
  it.each(cases)('Given %s, Then a SOAP Fault SSBT-002 refusing the DOCTYPE, quickly; no entity is expanded and no file read', async (_name, body) => {
    const res = await post('/ssbtek/v10', body);
    expect(res.ms).toBeLessThan(3000);
    expect(res.status).toBe(500);
    const f = fault(res);
    expect(f).toMatchObject({ felkod: 'SSBT-002', faultcode: 'soap:Client' });
    expect(f.felmeddelande.join(' ')).toMatch(/document type declaration/);
    expect(res.text).not.toContain(SECRET);
    expect(res.text).not.toContain('hello');
  });

  it('Given an external entity in a hamta query whose value is echoed, Then refused and the file content never appears', async () => {
    const query = soapQuery(makeQuery('198803159824', { generellaFrageparametrar: { fraganSkallInkluderasISvaret: true } }))
      .replace('?>', `?><!DOCTYPE x [<!ENTITY e SYSTEM "file://${secretFile}">]>`)
      .replace(/<ssbt:korrelationsid>[^<]*/, '<ssbt:korrelationsid>&e;');
    const res = await post('/ssbtek/v10', query);
    expect(fault(res).felkod).toBe('SSBT-002');
    expect(res.text).not.toContain(SECRET);
  });

  it('Given "<!DOCTYPE" only as text in a CDATA section or comment, Then the query is answered', async () => {
    const res = await post('/ssbtek/v10', pingWith('<!-- <!DOCTYPE x> --><![CDATA[<!DOCTYPE y>]]>'));
    expect(res.status).toBe(200);
  });

  it('Given the service after all of these, Then it still answers the ping', async () => {
    expect((await post('/ssbtek/v10', soapPing())).status).toBe(200);
  });
});

describe('deeply nested JSON', () => {
  const deep = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const withLefi = (lefi: string, fk: boolean): string =>
    JSON.stringify(makeQuery('198803159824', { generellaFrageparametrar: { fraganSkallInkluderasISvaret: true }, specifikaFrageparametrar: { FK: { inkludera: fk, fraga: { aktorsid: '1000001', lefiJsonFraga: 'X' } } } })).replace('"X"', lefi);

  it.each([
    ['asked of LEFI', true],
    ['only echoed in the answer', false],
  ])('Given a lefiJsonFraga object nested 100 000 deep over the JSON API, %s, Then 413 SSBT-004, not an internal error', async (_name, fk) => {
    const res = await post('/api/v1/hamtaBastjanstInformation', withLefi(deep(100_000), fk), 'application/json');
    expect(problem(res)).toMatchObject({ status: 413, felkod: 'SSBT-004' });
  });

  it('Given base64 of JSON nested 100 000 deep as lefiJsonFraga over SOAP, Then 413 SSBT-004', async () => {
    const query = makeQuery('198803159824', { specifikaFrageparametrar: { FK: { inkludera: true, fraga: { aktorsid: '1000001', lefiJsonFraga: Buffer.from(deep(100_000)).toString('base64') } } } });
    const res = await post('/ssbtek/v10', soapQuery(query));
    expect(res.status).toBe(413);
    expect(fault(res).felkod).toBe('SSBT-004');
  });

  it('Given a JSON query that is an array nested 100 000 deep, Then 413 SSBT-004', async () => {
    const res = await post('/api/v1/hamtaBastjanstInformation', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'application/json');
    expect(problem(res)).toMatchObject({ status: 413, felkod: 'SSBT-004' });
  });
});

describe('very long text', () => {
  it('Given a 1.5 MB personidentitet, Then the normal validation fault SSBT-011, quickly', async () => {
    const body = soapQuery(makeQuery()).replace(/<ssbt:personidentitet>[^<]*/, `<ssbt:personidentitet>${'1'.repeat(1_500_000)}`);
    const res = await post('/ssbtek/v10', body);
    expect(res.ms).toBeLessThan(5000);
    const f = fault(res);
    expect(f.felkod).toBe('SSBT-011');
    expect(f.felmeddelande.join(' ').length).toBeLessThan(500);
  });

  it('Given a 1.5 MB personidentitet over the JSON API, Then problem+json SSBT-011', async () => {
    const query = makeQuery('1'.repeat(1_500_000));
    const res = await post('/api/v1/hamtaBastjanstInformation', JSON.stringify(query), 'application/json');
    expect(problem(res)).toMatchObject({ status: 400, felkod: 'SSBT-011' });
  });
});

describe('encoding', () => {
  const ping = soapPing();
  it('Given bytes that are not valid UTF-8, Then SSBT-001 saying so and where, not a silently replaced character', async () => {
    const bytes = Buffer.from(soapQuery(makeQuery()).replace('Exempelkommunen', 'Exempel#kommunen'));
    bytes[bytes.indexOf('#')] = 0xff;
    const res = await post('/ssbtek/v10', bytes, 'text/xml; charset=utf-8');
    const f = fault(res);
    expect(f.felkod).toBe('SSBT-001');
    expect(f.felmeddelande.join(' ')).toMatch(/not valid UTF-8.*line 10/);
  });

  it('Given invalid UTF-8 to the JSON API, Then problem+json SSBT-001', async () => {
    const res = await post('/api/v1/hamtaBastjanstInformation', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), 'application/json');
    expect(problem(res)).toMatchObject({ status: 400, felkod: 'SSBT-001' });
  });

  it('Given a charset the service does not know, Then 415 SSBT-005 (SOAP Fault and problem+json alike)', async () => {
    const soap = await post('/ssbtek/v10', ping, 'text/xml; charset=klingon');
    expect(soap.status).toBe(415);
    expect(fault(soap).felkod).toBe('SSBT-005');
    const json = await post('/api/v1/testaBastjanstInformation', '{}', 'application/json; charset=klingon');
    expect(problem(json)).toMatchObject({ status: 415, felkod: 'SSBT-005' });
  });

  it('Given a Content-Encoding the service does not read, Then 415 SSBT-005', async () => {
    const soap = await post('/ssbtek/v10', ping, 'text/xml', { 'content-encoding': 'zstd' });
    expect(soap.status).toBe(415);
    expect(fault(soap).felkod).toBe('SSBT-005');
    const json = await post('/api/v1/testaBastjanstInformation', '{}', 'application/json', { 'content-encoding': 'zstd' });
    expect(problem(json)).toMatchObject({ status: 415, felkod: 'SSBT-005' });
  });

  it('Given a control character XML does not allow, Then SSBT-001 and the Fault itself stays well-formed', async () => {
    const res = await post('/ssbtek/v10', soapQuery(makeQuery()).replace('Exempelkommunen', 'Exempel\u0001kommunen'));
    const f = fault(res);
    expect(f.felkod).toBe('SSBT-001');
    expect(f.felmeddelande.join(' ')).toMatch(/U\+0001/);
    expect([...res.text].filter((c) => c.charCodeAt(0) < 9)).toEqual([]);
  });

  it('Given a NUL byte as the whole body, Then SSBT-001 and the Fault stays well-formed', async () => {
    const res = await post('/ssbtek/v10', '\u0000');
    expect(fault(res).felkod).toBe('SSBT-001');
    expect(res.text).not.toContain('\u0000');
  });

  it('Given UTF-8 with a BOM, ISO-8859-1 or UTF-16 as the charset says, Then the ping is answered', async () => {
    expect((await post('/ssbtek/v10', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ping)]))).status).toBe(200);
    expect((await post('/ssbtek/v10', Buffer.from(ping, 'latin1'), 'text/xml; charset=iso-8859-1')).status).toBe(200);
    expect((await post('/ssbtek/v10', Buffer.from(`\ufeff${ping}`, 'utf16le'), 'text/xml; charset=utf-16')).status).toBe(200);
  });
});

describe('Content-Type', () => {
  const ping = soapPing();
  it.each(['application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'Given the SOAP endpoint receives %s, Then 415 SSBT-005 naming the accepted types',
    async (type) => {
      const res = await post('/ssbtek/v10', ping, type);
      expect(res.status).toBe(415);
      const f = fault(res);
      expect(f).toMatchObject({ felkod: 'SSBT-005', faultcode: 'soap:Client' });
      expect(f.felmeddelande.join(' ')).toContain('text/xml');
    },
  );

  it('Given no Content-Type on the SOAP endpoint, Then 415 SSBT-005', async () => {
    const res = await post('/ssbtek/v10', new TextEncoder().encode(ping), null);
    expect(res.status).toBe(415);
    expect(fault(res).felmeddelande.join(' ')).toMatch(/no Content-Type/);
  });

  it('Given text/xml or application/xml, Then the ping is answered', async () => {
    expect((await post('/ssbtek/v10', ping, 'text/xml; charset=utf-8')).status).toBe(200);
    expect((await post('/ssbtek/v10', ping, 'application/xml')).status).toBe(200);
  });

  it.each(['text/plain', 'text/xml', 'application/x-www-form-urlencoded'])('Given the JSON API receives a body as %s, Then 415 problem+json SSBT-005', async (type) => {
    const res = await post('/api/v1/hamtaBastjanstInformation', JSON.stringify(makeQuery()), type);
    expect(problem(res)).toMatchObject({ status: 415, felkod: 'SSBT-005' });
    expect(problem(res).felmeddelande.join(' ')).toContain('application/json');
  });

  it('Given the JSON ping with no body at all, Then it is answered (nothing to type)', async () => {
    const res = await post('/api/v1/testaBastjanstInformation', undefined, null);
    expect(res.status).toBe(200);
  });
});

describe('SOAP 1.2 and empty bodies', () => {
  const soap12 = `<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><ssbt:testaBastjanstInformation xmlns:ssbt="http://schema.forsakringskassan.se/integration/ssbt/10"/></e:Body></e:Envelope>`;
  it.each([
    ['a SOAP 1.2 envelope as application/soap+xml', soap12, 'application/soap+xml; charset=utf-8'],
    ['a SOAP 1.2 envelope as text/xml', soap12, 'text/xml'],
    ['a SOAP 1.1 envelope as application/soap+xml', soapPing(), 'application/soap+xml'],
    ['an Envelope in another namespace', '<e:Envelope xmlns:e="urn:x"><e:Body/></e:Envelope>', 'text/xml'],
  ])('Given %s, Then a SOAP 1.1 Fault with faultcode soap:VersionMismatch and felkod SSBT-002', async (_name, body, type) => {
    const res = await post('/ssbtek/v10', body, type);
    expect(res.status).toBe(500);
    const f = fault(res);
    expect(f).toMatchObject({ felkod: 'SSBT-002', faultcode: 'soap:VersionMismatch' });
    expect(f.felmeddelande.join(' ')).toMatch(/SOAP 1\.1/);
  });

  it.each([
    ['empty', ''],
    ['only whitespace', '  \n\t '],
  ])('Given an %s body, Then SSBT-001 saying the body is empty', async (_name, body) => {
    const res = await post('/ssbtek/v10', body);
    expect(res.status).toBe(500);
    const f = fault(res);
    expect(f.felkod).toBe('SSBT-001');
    expect(f.felmeddelande.join(' ')).toMatch(/empty/);
  });
});
