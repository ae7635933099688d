import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';
import { startSimulator } from '../../simulator/server.ts';
import { parseXml, parseXmlWithPrefixes } from '../../simulator/xml/parse.ts';
import { readCommon } from '../../simulator/xml/xml-reader.ts';
import { BASE_CLOCK, libraryFiles, SAMPLE_TIMEOUT_MS } from '../ci/write-library-samples.ts';
import { makeBaseRequest } from '../support/factories.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapPing, soapQuery } from '../support/queries.ts';
import { outcome, referenceParse } from './reference-reader.ts';

// The documents the simulator reads and writes, for every scenario of the library: the reader takes
// each in its single pass and reads it exactly as parse.ts did with fast-xml-parser.

const XML_SOURCES = ['AF', 'CSN', 'MIV', 'SKV', 'SO', 'TNS'] as const;
const STRANGERS = ['194107086995', '200001012380'];
const files = libraryFiles({ includeDefault: true });
const scenarios = files.map((file) => loadScenarioFile(file));

function expectReadAsReference(text: string, strip: boolean): void {
  expect(readCommon(text, strip), 'taken by the single pass').toBeDefined();
  expect(outcome(() => (strip ? parseXml(text) : parseXmlWithPrefixes(text)))).toEqual(outcome(() => referenceParse(text, strip)));
}

describe('the XML reader on the library\'s documents', () => {
  it('every base-service answer document of every persona (and two strangers) of every scenario', () => {
    let documents = 0;
    for (const scenario of scenarios) {
      for (const personidentitet of [...scenario.personas.map((p) => p.personidentitet), ...STRANGERS]) {
        const request = makeBaseRequest({ personidentitet });
        for (const code of XML_SOURCES) {
          const document = SOURCES[code].toDocument(sourcePayload(SOURCES[code], scenario, request, new Date(BASE_CLOCK)));
          expectReadAsReference(document, true);
          expectReadAsReference(document, false);
          documents++;
        }
      }
    }
    expect(documents).toBeGreaterThan(100);
  });

  it('every persona\'s full SOAP query (all seven sources, FK with a LEFI query, echoed)', () => {
    for (const scenario of scenarios) {
      for (const persona of scenario.personas) {
        const query = soapQuery(fullQuery(persona.personidentitet, { generellaFrageparametrar: { korrelationsid: `corpus-${persona.id}`, fraganSkallInkluderasISvaret: true } }));
        expectReadAsReference(query, false);
        expectReadAsReference(query, true);
      }
    }
  });

  describe('the simulator\'s SOAP answers (default scenario)', () => {
    let sim: Awaited<ReturnType<typeof startSimulator>>;
    const scenario = loadScenarioFile(files.find((f) => f.endsWith('/default.yaml')) ?? '');
    beforeAll(async () => {
      sim = await startSimulator({ scenario, port: 0, timeoutMs: SAMPLE_TIMEOUT_MS, clock: fixedClock(BASE_CLOCK) });
    });
    afterAll(async () => {
      await sim.close();
    });

    it('answers, the ping and a fault read as the reference reads them', async () => {
      const post = async (body: string): Promise<string> =>
        (await fetch(`${sim.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body })).text();
      const bodies = [soapPing(), '<broken', ...scenario.personas.map((p) => soapQuery(fullQuery(p.personidentitet)))];
      for (const body of bodies) {
        const answer = await post(body);
        expectReadAsReference(answer, false);
        expectReadAsReference(answer, true);
      }
    });
  });
});
