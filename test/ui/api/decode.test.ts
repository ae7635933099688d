import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompiledAnswer } from '../../../simulator/composite/answer-types.ts';
import { faultEnvelope, pingEnvelope } from '../../../simulator/composite/soap-answer.ts';
import { fixedClock } from '../../../simulator/domain/clock.ts';
import { startSimulator } from '../../../simulator/server.ts';
import { fullQuery } from '../../support/lefi.ts';
import { soapQuery } from '../../support/queries.ts';
import { defaultScenario, NOW, uiApp, uiDepsOf } from './support.ts';

const ORDINARY = '198803159824';
const PROTECTED = '198307199979';

let sim: Awaited<ReturnType<typeof startSimulator>>;
let app: ReturnType<typeof uiApp>;

beforeAll(async () => {
  sim = await startSimulator({ scenario: defaultScenario(), port: 0, clock: fixedClock(NOW) });
  app = uiApp(uiDepsOf(sim));
});
afterAll(async () => {
  await sim.close();
});

async function soapAnswer(personidentitet: string): Promise<string> {
  const res = await fetch(`${sim.url}/ssbtek/v10`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: soapQuery(fullQuery(personidentitet)),
  });
  return res.text();
}

async function jsonAnswer(personidentitet: string): Promise<CompiledAnswer> {
  const res = await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fullQuery(personidentitet)),
  });
  return (await res.json()) as CompiledAnswer;
}

describe('POST /ui/api/decode', () => {
  it('answers the canonical JSON of a SOAP answer, as the JSON API has it, and which sources mark nothing', async () => {
    const res = await request(app)
      .post('/ui/api/decode')
      .set('content-type', 'text/xml; charset=utf-8')
      .send(await soapAnswer(ORDINARY));
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    expect(res.body).toEqual({
      kind: 'answer',
      answer: await jsonAnswer(ORDINARY),
      protectedMarked: { AF: false, CSN: false, FK: false, SKV: false, SO: false, TNS: false, MIV: false },
      protectedIdentity: false,
    });
  });

  it('says which sources mark a protected identity (AF, CSN, FK and SKV can; SO, TNS and MIV cannot)', async () => {
    const res = await request(app)
      .post('/ui/api/decode')
      .set('content-type', 'text/xml')
      .send(await soapAnswer(PROTECTED));
    expect(res.status).toBe(200);
    expect(res.body.protectedMarked).toEqual({
      AF: true,
      CSN: true,
      FK: true,
      SKV: true,
      SO: false,
      TNS: false,
      MIV: false,
    });
    expect(res.body.protectedIdentity).toBe(true);
    expect(res.body.answer.svarsdata.AF.data.Svar.Sekretessmarkering).toBe(true);
    expect(res.body.answer.svarsdata.CSN.data.Personer.Person[0].sekretess).toBe('J');
  });

  it('marks a source that answered with an error as not marking', async () => {
    const res = await request(app)
      .post('/ui/api/decode')
      .set('content-type', 'text/xml')
      .send(await soapAnswer('197712129852'));
    expect(res.status).toBe(200);
    expect(res.body.answer.svarsdata.SKV).toEqual({
      error: {
        kalla: 'BT',
        felkod: 'SKV-9071500',
        felmeddelande: ['Tekniskt fel hos Skatteverket. Försök igen senare.'],
      },
    });
    expect(res.body.protectedMarked.SKV).toBe(false);
  });

  it('answers a Fault as {kind: fault, fault: {felkod, felmeddelande, faultcode, faultstring}}', async () => {
    const res = await request(app)
      .post('/ui/api/decode')
      .set('content-type', 'text/xml')
      .send(faultEnvelope('SSBT-020', ['Personidentiteten är inte giltig.']));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      kind: 'fault',
      fault: {
        felkod: 'SSBT-020',
        felmeddelande: ['Personidentiteten är inte giltig.'],
        faultcode: 'soap:Client',
        faultstring: 'SSBT-020: Personidentiteten är inte giltig.',
      },
    });
  });

  it('answers the ping as {kind: ping, ping}', async () => {
    const res = await request(app)
      .post('/ui/api/decode')
      .set('content-type', 'text/plain')
      .send(pingEnvelope({ AF: { anropad: true } }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ kind: 'ping', ping: { AF: { anropad: true } } });
  });

  it('answers 400 problem+json for an empty body', async () => {
    const res = await request(app).post('/ui/api/decode').set('content-type', 'text/xml').send('');
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.text)).toEqual({
      type: 'about:blank',
      title: 'No SOAP answer',
      status: 400,
      detail: 'Send the SOAP answer from the SOAP endpoint as the body (text/xml).',
    });
  });

  it('answers 422 problem+json naming where a text cannot be read', async () => {
    const res = await request(app).post('/ui/api/decode').set('content-type', 'text/xml').send('<a><b></a>');
    expect(res.status).toBe(422);
    expect(res.type).toBe('application/problem+json');
    const body = JSON.parse(res.text) as {
      title: string;
      detail: string;
      errors: { path: string; message: string }[];
    };
    expect(body.title).toBe('Not a readable SSBTEK v10 answer');
    expect(body.detail).toMatch(/not well-formed XML/);
    expect(body.errors).toEqual([{ path: '/', message: body.detail }]);

    const bad = (await soapAnswer(ORDINARY)).replace(
      /<ssbt:lefiJsonSvar>[^<]*</,
      '<ssbt:lefiJsonSvar>e30=!<',
    );
    const res2 = await request(app).post('/ui/api/decode').set('content-type', 'text/xml').send(bad);
    expect(res2.status).toBe(422);
    expect(JSON.parse(res2.text).errors[0].path).toBe('/svarsdata/FK/data/lefiJsonSvar');
  });
});
