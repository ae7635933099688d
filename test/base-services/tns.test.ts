import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import { createBaseServiceApp } from '../../simulator/base-services/app.ts';
import { tnsSource } from '../../simulator/base-services/tns/module.ts';
import type { TnsPayload } from '../../simulator/base-services/tns/generate.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { staticScenario } from '../../simulator/domain/context.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { envelopeWithSourceData, xsdAvailable, xsdProblems } from '../support/xsd.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';

const now = new Date('2026-11-27T10:00:00Z');
const owner = makePersona({ id: 'owner', situation: { vehicles: 2 } });
const scenario = makeScenario({ personas: [owner, makePersona({ id: 'ghost', personidentitet: '199001012385', situation: { knownToSources: false } })] });

describe('TNS base service', () => {
  it('Given a vehicle owner, the payload lists their vehicles and is valid by the contract', () => {
    const payload = sourcePayload(tnsSource, scenario, makeBaseRequest(), now) as TnsPayload;
    expect(contracts().check(tnsSource.schemaPath, payload)).toEqual([]);
    expect(payload.resultat).toBe('OK');
    expect(payload.fordonsinnehav?.fordon).toHaveLength(2);
  });

  it('Given a person TNS does not know, the answer is OK with no vehicles (no data, not an error)', () => {
    const payload = sourcePayload(tnsSource, scenario, makeBaseRequest({ personidentitet: '199001012385' }), now);
    expect(payload).toEqual({ resultat: 'OK', fordonsinnehav: {} });
  });

  it('Given a persona that fixes part of the answer, Then the fixed part replaces the generated one and the rest stays', () => {
    const car = { regnr: 'ABC123', fabrikat: 'VOLVO', fordonsar: '2015', fordonsslag: 'PERSONBIL', handelsbeteckning: 'V70' };
    const fixed = makeScenario({ personas: [makePersona({ situation: { vehicles: 2 }, sources: { TNS: { fordonsinnehav: { fordon: [car] } } } })] });
    expect(sourcePayload(tnsSource, fixed, makeBaseRequest(), now)).toEqual({ resultat: 'OK', fordonsinnehav: { fordon: [car] } });
    const none = makeScenario({ personas: [makePersona({ situation: { vehicles: 2 }, sources: { TNS: 'nodata' } })] });
    expect(sourcePayload(tnsSource, none, makeBaseRequest(), now)).toEqual({ resultat: 'OK', fordonsinnehav: {} });
  });

  it('writes and reads back its document without loss', () => {
    const payload = sourcePayload(tnsSource, scenario, makeBaseRequest(), now);
    expect(tnsSource.fromDocument(tnsSource.toDocument(payload as TnsPayload))).toEqual(payload);
  });

  it.skipIf(!xsdAvailable)('embeds into TNS/data valid by the official XSD', () => {
    const payload = sourcePayload(tnsSource, scenario, makeBaseRequest(), now) as TnsPayload;
    expect(xsdProblems(envelopeWithSourceData('TNS', tnsSource.soapData(payload, '            ')))).toBe('');
  });

  it('answers over HTTP with the XML document, and 400 problem+json for a bad query', async () => {
    const app = createBaseServiceApp(tnsSource, { clock: fixedClock(now), scenarios: staticScenario(scenario), runtime: createRuntimeState() });
    const ok = await request(app).post(tnsSource.routePath).send(makeBaseRequest());
    expect(ok.status).toBe(200);
    expect(ok.type).toBe('application/xml');
    expect(tnsSource.fromDocument(ok.text)).toEqual(sourcePayload(tnsSource, scenario, makeBaseRequest(), now));
    const bad = await request(app).post(tnsSource.routePath).send({ personidentitet: '123' });
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('application/problem+json');
    expect(bad.body.detail).toContain('/personidentitet');
  });
});
