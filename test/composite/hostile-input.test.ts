import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makeScenario } from '../support/factories.ts';
import { soapPing } from '../support/queries.ts';
import { xsdAvailable, xsdProblems } from '../support/xsd.ts';

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator({ scenario: makeScenario({}), port: 0, clock: fixedClock('2026-11-27T10:00:00Z') });
});
afterAll(async () => {
  await sim.close();
});

async function post(path: string, body: string, type = 'text/xml'): Promise<{ status: number; text: string }> {
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, text: await res.text() };
}

describe('hostile and broken input (regressions: an internal error and an HTML stack trace)', () => {
  it('Given XML nested 50 000 levels deep, Then a SOAP fault SSBT-004, not an internal error', async () => {
    const deep = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${'<a>'.repeat(50_000)}${'</a>'.repeat(50_000)}</s:Body></s:Envelope>`;
    const res = await post('/ssbtek/v10', deep);
    expect(res.text).toContain('<ssbt:felkod>SSBT-004</ssbt:felkod>');
    expect(res.status).toBe(413);
    if (xsdAvailable) expect(xsdProblems(res.text)).toBe('');
  });

  it('Given a 3 MB SOAP body, Then 413 with a SOAP fault SSBT-004 and no stack trace', async () => {
    const res = await post('/ssbtek/v10', 'a'.repeat(3_000_000));
    expect(res.status).toBe(413);
    expect(res.text).toContain('<ssbt:felkod>SSBT-004</ssbt:felkod>');
    expect(res.text).not.toMatch(/PayloadTooLargeError|node_modules|at \w+ \(/);
  });

  it('Given a 3 MB JSON body, Then 413 problem+json with SSBT-004', async () => {
    const res = await post('/api/v1/hamtaBastjanstInformation', `"${'a'.repeat(3_000_000)}"`, 'application/json');
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({ status: 413, felkod: 'SSBT-004' });
  });

  it('Given entity expansion (billion laughs), Then the request is answered quickly and the service keeps answering', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>${soapPing().replace(/^<\?xml[^>]*>/, '').replace('/>', '>&d;</ssbt:testaBastjanstInformation>')}`;
    const t0 = performance.now();
    const res = await post('/ssbtek/v10', bomb);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect([200, 500]).toContain(res.status);
    expect(res.text).not.toContain('SSBT-099');
    expect((await post('/ssbtek/v10', soapPing())).status).toBe(200);
  });

  it('Given a malformed body on a JSON route, Then problem+json, never an HTML error page', async () => {
    const res = await post('/api/v1/testaBastjanstInformation', '{"broken', 'application/json');
    expect(res.text).not.toMatch(/<html|<pre>/i);
  });
});
