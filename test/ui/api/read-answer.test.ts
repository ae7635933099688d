import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCES } from '../../../simulator/base-services/registry.ts';
import type { CompiledAnswer } from '../../../simulator/composite/answer-types.ts';
import { AnswerReadError, readAnswerEnvelope } from '../../../simulator/composite/read-answer.ts';
import { answerEnvelope, faultEnvelope, pingEnvelope } from '../../../simulator/composite/soap-answer.ts';
import { fixedClock } from '../../../simulator/domain/clock.ts';
import { startSimulator } from '../../../simulator/server.ts';
import { fullQuery } from '../../support/lefi.ts';
import { soapQuery } from '../../support/queries.ts';
import { defaultScenario, NOW } from './support.ts';

const scenario = defaultScenario();
let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator({ scenario, port: 0, clock: fixedClock(NOW) });
  // Warm-up: the first query compiles every source's schemas, which on a loaded machine can outlast CSN's 400 ms timeout.
  await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fullQuery('198803159824')) });
});
afterAll(async () => {
  await sim.close();
});

async function both(query: unknown): Promise<{ json: CompiledAnswer; soap: string }> {
  const jsonRes = await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(query),
  });
  const soapRes = await fetch(`${sim.url}/ssbtek/v10`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
    body: soapQuery(query as Record<string, unknown>),
  });
  expect(jsonRes.status).toBe(200);
  expect(soapRes.status).toBe(200);
  return { json: (await jsonRes.json()) as CompiledAnswer, soap: await soapRes.text() };
}

describe('readAnswerEnvelope: the SOAP answer read back equals the JSON API answer', () => {
  it.each(scenario.personas.map((p) => [p.id, p.personidentitet]))(
    'for persona %s',
    async (_id, personidentitet) => {
      const { json, soap } = await both(fullQuery(personidentitet));
      expect(Object.keys(json.svarsdata)).toEqual(['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV']);
      expect(readAnswerEnvelope(soap)).toEqual({ kind: 'answer', answer: json });
      expect(readAnswerEnvelope(answerEnvelope(json, SOURCES))).toEqual({ kind: 'answer', answer: json });
    },
  );

  it('reads the partial answers as the JSON API has them (CSN timed out, SKV reported an error)', async () => {
    const timeout = await both(fullQuery('199306219925'));
    expect(timeout.json.svarsdata.CSN).toMatchObject({ error: { kalla: 'SSBT', felkod: 'SSBT-101' } });
    expect(readAnswerEnvelope(timeout.soap)).toEqual({ kind: 'answer', answer: timeout.json });
    const technical = await both(fullQuery('197712129852'));
    expect(technical.json.svarsdata.SKV).toEqual({
      error: {
        kalla: 'BT',
        felkod: 'SKV-9071500',
        felmeddelande: ['Tekniskt fel hos Skatteverket. Försök igen senare.'],
      },
    });
    expect(readAnswerEnvelope(technical.soap)).toEqual({ kind: 'answer', answer: technical.json });
  });

  it('reads the echoed query, frageTidpunkt and korrelationsid, and leaves out the sources not asked', async () => {
    const query = fullQuery('198803159824', {
      generellaFrageparametrar: {
        fraganSkallInkluderasISvaret: true,
        frageTidpunkt: '2026-11-27T10:00:00',
        korrelationsid: 'demo-1',
      },
      specifikaFrageparametrar: {
        CSN: { inkludera: false },
        TNS: { inkludera: true, tidsperiod: { fromDatum: '2025-01-01', tomDatum: '2025-12-31' } },
      },
    });
    const { json, soap } = await both(query);
    expect(json.fraga).toBeDefined();
    expect(json.korrelationsid).toBe('demo-1');
    expect(json.svarsdata.CSN).toBeUndefined();
    expect(readAnswerEnvelope(soap)).toEqual({ kind: 'answer', answer: json });
  });
});

describe('readAnswerEnvelope: faults and the ping', () => {
  it('reads a Fault into felkod, felmeddelande, faultcode and faultstring', () => {
    expect(readAnswerEnvelope(faultEnvelope('SSBT-010', ['Första raden.', 'Andra raden.']))).toEqual({
      kind: 'fault',
      fault: {
        felkod: 'SSBT-010',
        felmeddelande: ['Första raden.', 'Andra raden.'],
        faultcode: 'soap:Client',
        faultstring: 'SSBT-010: Första raden.',
      },
    });
    expect(
      readAnswerEnvelope(faultEnvelope('SSBT-040', ['Underhåll.'], 'testaBastjanstInformation')),
    ).toMatchObject({ kind: 'fault', fault: { felkod: 'SSBT-040' } });
  });

  it('reads the Fault the SOAP endpoint answers for a refused query', async () => {
    const res = await fetch(`${sim.url}/ssbtek/v10`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<not-soap/>',
    });
    const read = readAnswerEnvelope(await res.text());
    expect(read).toMatchObject({ kind: 'fault', fault: { felkod: 'SSBT-002', faultcode: 'soap:Client' } });
  });

  it('reads the ping answer', () => {
    const ping = {
      AF: { anropad: true },
      CSN: {
        anropad: true,
        error: { kalla: 'SSBT' as const, felkod: 'SSBT-101', felmeddelande: ['CSN: ingen kontakt.'] },
      },
    };
    expect(readAnswerEnvelope(pingEnvelope(ping))).toEqual({ kind: 'ping', ping });
  });
});

describe('readAnswerEnvelope: what it refuses', () => {
  const answer = (svarsdata: string): string =>
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><a:hamtaBastjanstInformationResponse xmlns:a="http://schema.forsakringskassan.se/integration/ssbt/10">${svarsdata}</a:hamtaBastjanstInformationResponse></s:Body></s:Envelope>`;
  const failure = (xml: string): AnswerReadError => {
    try {
      readAnswerEnvelope(xml);
    } catch (e) {
      if (e instanceof AnswerReadError) return e;
      throw e;
    }
    throw new Error('expected an AnswerReadError');
  };

  it('accepts any prefixes', () => {
    expect(readAnswerEnvelope(answer('<a:svarsdata/>'))).toEqual({
      kind: 'answer',
      answer: { svarsdata: {} },
    });
  });

  it.each([
    ['text that is not XML', '<a><b></a>', /not well-formed XML/],
    [
      'a SOAP 1.2 envelope',
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>',
      /SOAP 1\.1 Envelope/,
    ],
    [
      'a Body with another element',
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><x:other xmlns:x="urn:x"/></s:Body></s:Envelope>',
      /neither an answer/,
    ],
    ['an answer without svarsdata', answer(''), /no ssbt:svarsdata/],
  ])('refuses %s', (_what, xml, message) => {
    expect(failure(xml).message).toMatch(message);
  });

  it('says where a source cannot be decoded', () => {
    const e = failure(
      answer('<a:svarsdata><a:CSN><a:data><a:svar>not base64!</a:svar></a:data></a:CSN></a:svarsdata>'),
    );
    expect(e.path).toBe('/svarsdata/CSN/data/svar');
    expect(e.message).toBe('/svarsdata/CSN/data/svar: is not base64');
    expect(failure(answer('<a:svarsdata><a:XYZ/></a:svarsdata>')).path).toBe('/svarsdata/XYZ');
    expect(failure(answer('<a:svarsdata><a:AF/></a:svarsdata>')).message).toMatch(
      /exactly one of ssbt:data and ssbt:error/,
    );
  });
});
