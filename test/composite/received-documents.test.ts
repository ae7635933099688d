import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makePersona, makeScenario } from '../support/factories.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapQuery } from '../support/queries.ts';

// FK, CSN and SKV carry their base service's answer document itself in <ssbt:data> (base64 or CDATA).
// The composite embeds the document as the base service sent it, not a copy written again from the
// payload it read: a base service elsewhere (--base-urls) that formats its document its own way
// (indentation, a comment, pretty-printed JSON) is passed through byte for byte, as SSBTEK does.

const PNR = '198803159824';
const scenario = makeScenario({ personas: [makePersona({ id: 'anna', personidentitet: PNR })] });

/** How the stand-in base services reformat what the simulator's own base services answer. */
function reformat(path: string, text: string): string {
  if (path.startsWith('/lefi')) return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  return text.replace('?>\n', '?>\n<!-- reformatted by a base service elsewhere -->\n').replaceAll('\n  ', '\n    ');
}

describe('the documents FK, CSN and SKV sent are embedded as received', () => {
  let origin: Awaited<ReturnType<typeof startSimulator>>;
  let composite: Awaited<ReturnType<typeof startSimulator>>;
  let elsewhere: Server;
  const served = new Map<string, string>();

  beforeAll(async () => {
    origin = await startSimulator({ scenario, port: 0, clock: fixedClock('2026-07-01T10:00:00Z') });
    // Forwards to the origin's in-process base service of the same source, reformats the answer.
    elsewhere = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const [, code = '', ...rest] = (req.url ?? '').split('/');
        const path = `/${rest.join('/')}`;
        void request(`${origin.url}/base-services/${code}${path}`, { method: req.method as 'POST', headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, body: Buffer.concat(chunks) })
          .then(async (r) => {
            const text = reformat(path, await r.body.text());
            served.set(code.toUpperCase(), text);
            res.writeHead(r.statusCode, { 'content-type': String(r.headers['content-type']) }).end(text);
          })
          .catch(() => res.writeHead(502).end());
      });
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    composite = await startSimulator({
      scenario,
      port: 0,
      clock: fixedClock('2026-07-01T10:00:00Z'),
      baseUrls: { FK: `${url}/fk`, CSN: `${url}/csn`, SKV: `${url}/skv` },
    });
  });

  afterAll(async () => {
    await composite.close();
    await origin.close();
    await new Promise<void>((r) => elsewhere.close(() => r()));
  });

  it('passes each document through unchanged, and the JSON API still answers the payload read from it', async () => {
    const res = await request(`${composite.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: soapQuery(fullQuery(PNR)) });
    const text = await res.body.text();
    expect(res.statusCode).toBe(200);
    const fk = /<ssbt:lefiJsonSvar>([^<]+)<\/ssbt:lefiJsonSvar>/.exec(text)?.[1];
    const csn = /<ssbt:svar>([^<]+)<\/ssbt:svar>/.exec(text)?.[1];
    const skv = /<svar><!\[CDATA\[([\s\S]*?)\]\]><\/svar>/.exec(text)?.[1];
    expect(served.get('FK')).toContain('\n  "');
    expect(Buffer.from(fk ?? '', 'base64').toString('utf8')).toBe(served.get('FK'));
    expect(served.get('CSN')).toContain('<!-- reformatted');
    expect(Buffer.from(csn ?? '', 'base64').toString('utf8')).toBe(served.get('CSN'));
    expect(served.get('SKV')).toContain('<!-- reformatted');
    expect(skv).toBe(served.get('SKV')?.trimEnd());

    // The same query through the simulator whose base services are its own gives the canonical documents.
    const own = await request(`${origin.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: soapQuery(fullQuery(PNR)) });
    const ownText = await own.body.text();
    const ownCsn = Buffer.from(/<ssbt:svar>([^<]+)<\/ssbt:svar>/.exec(ownText)?.[1] ?? '', 'base64').toString('utf8');
    expect(ownCsn).not.toContain('<!--');
    expect(ownCsn.replace('?>\n', '?>\n<!-- reformatted by a base service elsewhere -->\n').replaceAll('\n  ', '\n    ')).toBe(served.get('CSN'));

    const json = await request(`${composite.url}/api/v1/hamtaBastjanstInformation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fullQuery(PNR)) });
    const viaComposite = (await json.body.json()) as { svarsdata: Record<string, unknown> };
    const direct = await request(`${origin.url}/api/v1/hamtaBastjanstInformation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fullQuery(PNR)) });
    const viaOrigin = (await direct.body.json()) as { svarsdata: Record<string, unknown> };
    for (const code of ['FK', 'CSN', 'SKV']) expect(viaComposite.svarsdata[code]).toEqual(viaOrigin.svarsdata[code]);
    expect(viaComposite.svarsdata.FK).toHaveProperty('data');
  });
});
