import { afterEach, describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import { createBaseServiceApp } from '../../simulator/base-services/app.ts';
import { mivSource } from '../../simulator/base-services/miv/module.ts';
import type { MivPayload, MivSvar } from '../../simulator/base-services/miv/types.ts';
import type { BaseServiceRequest } from '../../simulator/base-services/types.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { staticScenario } from '../../simulator/domain/context.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { addDays, addMonths } from '../../simulator/domain/dates.ts';
import { makePersonidentitet } from '../../simulator/domain/identity.ts';
import { buildPerson } from '../../simulator/domain/person.ts';
import type { Persona, Scenario } from '../../simulator/scenarios/types.ts';
import { envelopeWithSourceData, xsdAvailable, xsdProblems } from '../support/xsd.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';

const now = new Date('2026-11-27T10:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const holder = makePersona({ id: 'holder', situation: { residencePermit: true } });
const hidden = makePersona({
  id: 'hidden',
  personidentitet: makePersonidentitet('1991-02-11', 557, true),
  protected: true,
  situation: { residencePermit: true },
});
const native = makePersona({
  id: 'native',
  personidentitet: makePersonidentitet('1970-10-10', 331),
  situation: { residencePermit: false },
});
const ghost = makePersona({
  id: 'ghost',
  personidentitet: '199001012385',
  situation: { knownToSources: false },
});
const scenario = makeScenario({ personas: [holder, hidden, native, ghost] });
const decade = makeBaseRequest({ tidsperiod: { fromDatum: '2016-11-01', tomDatum: '2026-10-31' } });

/** Forty people of varied birth dates, with and without permits and protection, with a varied period each. */
function crowd(): { scenario: Scenario; requests: BaseServiceRequest[] } {
  const personas: Persona[] = [];
  const requests: BaseServiceRequest[] = [];
  for (let i = 0; i < 40; i++) {
    const birthDate = `${1960 + i}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const personidentitet = makePersonidentitet(birthDate, (500 + i * 13) % 1000, i % 3 === 0);
    personas.push(
      makePersona({
        id: `p${i}`,
        personidentitet,
        protected: i % 7 === 0,
        situation: { residencePermit: i % 5 !== 4 },
      }),
    );
    const fromDatum = addMonths('2016-01-01', i * 3);
    const korrelationsid = i % 4 === 0 ? `KORR-${i}` : undefined;
    const req = makeBaseRequest({
      personidentitet,
      tidsperiod: { fromDatum, tomDatum: addDays(addMonths(fromDatum, 3 + (i % 36)), -1) },
    });
    requests.push(korrelationsid === undefined ? req : { ...req, korrelationsid });
  }
  return { scenario: makeScenario({ personas }), requests };
}

function miv(req: BaseServiceRequest, sc: Scenario = scenario): MivPayload {
  return sourcePayload(mivSource, sc, req, now) as MivPayload;
}

function svar(payload: MivPayload): MivSvar[] {
  return (payload.response?.svarCollection?.svar ?? []).filter((s): s is MivSvar => s !== null);
}

/** True when the case concerns [from, tom] as MIV reports it. */
function concerns(s: MivSvar, from: string, tom: string): boolean {
  if (s.beslutsKod === 'AVS')
    return s.beslutsdatum !== undefined && s.beslutsdatum >= from && s.beslutsdatum <= tom;
  if (s.beslutsKod === undefined) return s.ansokningsdatum !== undefined && s.ansokningsdatum <= tom;
  if (s.giltighetstid === 'PERMANENT') return s.fromDatum !== undefined && s.fromDatum <= tom;
  return s.fromDatum !== undefined && s.tomDatum !== undefined && s.fromDatum <= tom && s.tomDatum >= from;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('MIV base service', () => {
  it('Given forty people in varied situations and periods, every payload is valid by the contract and reports only cases that concern its period', () => {
    const { scenario: sc, requests } = crowd();
    let reported = 0;
    for (const req of requests) {
      const payload = miv(req, sc);
      expect(contracts().check(mivSource.schemaPath, payload), req.personidentitet).toEqual([]);
      expect(payload.response?.correlationid).toMatch(req.korrelationsid === undefined ? UUID : /^KORR-/);
      for (const s of svar(payload)) {
        reported++;
        expect(concerns(s, req.tidsperiod.fromDatum, req.tidsperiod.tomDatum), JSON.stringify(s)).toBe(true);
        expect(s.beslutsdatum === undefined || s.beslutsdatum <= '2026-11-27').toBe(true);
        expect(
          s.ansokningsdatum === undefined ||
            s.beslutsdatum === undefined ||
            s.ansokningsdatum <= s.beslutsdatum,
        ).toBe(true);
      }
    }
    expect(reported).toBeGreaterThan(20);
  });

  it('Given a permit holder, reports their names, origin, arrival and the decisions valid during the period', () => {
    const payload = miv(decade);
    const who = buildPerson(scenario.seed, holder.personidentitet, '2026-11-27', holder);
    const response = payload.response;
    expect(response).toMatchObject({
      efternamn: who.efternamn,
      fornamn: who.fornamn,
      personnummer: holder.personidentitet,
    });
    expect(response?.korrelationsid).toBeUndefined();
    expect(response?.correlationid).toMatch(UUID);
    expect(response?.hemland).toMatch(/^[A-ZÅÄÖ ]+$/);
    expect(response?.inresedatum && response.inresedatum > who.birthDate).toBe(true);
    const granted = svar(payload).filter((s) => s.beslutsKod === 'BEV');
    expect(granted.length).toBeGreaterThan(0);
    for (const s of granted) {
      expect(s).toMatchObject({
        arendeTyp: expect.stringMatching(/^(UAT|UT)$/),
        beslutsKodNamn: 'ANSÖKAN BEVILJAS',
      });
      expect(
        s.beslutsTyp === 'PUT'
          ? s.giltighetstid === 'PERMANENT' && s.tomDatum === undefined
          : s.giltighetstid === 'TIDBEGRANSAT',
      ).toBe(true);
    }
  });

  it('echoes the query korrelationsid in both id elements; without one, makes a stable UUID-shaped correlationid per query', () => {
    const withId = miv({ ...decade, korrelationsid: 'abc-123' });
    expect(withId.response).toMatchObject({ korrelationsid: 'abc-123', correlationid: 'abc-123' });
    expect(miv(decade).response?.correlationid).toBe(miv(decade).response?.correlationid);
    expect(miv({ ...decade, arendeidentitet: 'ANNAT-ARENDE' }).response?.correlationid).not.toBe(
      miv(decade).response?.correlationid,
    );
  });

  it('Given two overlapping periods, a decision reported in both is the same (a stable history)', () => {
    const recent = svar(
      miv(makeBaseRequest({ tidsperiod: { fromDatum: '2024-01-01', tomDatum: '2026-10-31' } })),
    );
    const all = svar(miv(decade));
    expect(recent.length).toBeGreaterThan(0);
    for (const s of recent) expect(all).toContainEqual(s);
  });

  it('Given a period before the person arrived, reports who they are with an empty svarCollection', () => {
    const payload = miv(makeBaseRequest({ tidsperiod: { fromDatum: '1986-01-01', tomDatum: '1986-12-31' } }));
    expect(payload.response?.svarCollection).toEqual({});
    expect(payload.response?.fornamn).toBeDefined();
  });

  it('Given a person MIV has no case on, or does not know, answers the ids and personnummer only (no data, not an error)', () => {
    for (const p of [native, ghost]) {
      const payload = miv({ ...decade, personidentitet: p.personidentitet, korrelationsid: 'K-1' });
      expect(payload).toEqual({
        response: { korrelationsid: 'K-1', correlationid: 'K-1', personnummer: p.personidentitet },
      });
    }
    const payload = miv({ ...decade, personidentitet: ghost.personidentitet });
    expect(Object.keys(payload.response ?? {})).toEqual(['correlationid', 'personnummer']);
    expect(contracts().check(mivSource.schemaPath, payload)).toEqual([]);
    const nodata = makeScenario({ personas: [{ ...holder, sources: { MIV: 'nodata' } }] });
    expect(miv(decade, nodata).response?.svarCollection).toBeUndefined();
  });

  it('Given a protected identity, MIV answers as for anyone else: it has no marker (marksProtected is false)', () => {
    const payload = miv({ ...decade, personidentitet: hidden.personidentitet });
    expect(payload.response?.fornamn).toBeDefined();
    expect(mivSource.marksProtected(payload)).toBe(false);
  });

  it('accepts a nil svar entry and a dated xs:date as Migrationsverket writes them', () => {
    const payload: MivPayload = {
      response: {
        correlationid: 'x',
        svarCollection: { svar: [null, { ansokningsdatum: '1997-09-12+02:00', giltighetstid: 'PERMANENT' }] },
      },
    };
    expect(contracts().check(mivSource.schemaPath, payload)).toEqual([]);
    expect(mivSource.fromDocument(mivSource.toDocument(payload))).toEqual(payload);
    if (xsdAvailable)
      expect(xsdProblems(envelopeWithSourceData('MIV', mivSource.soapData(payload, '            ')))).toBe(
        '',
      );
  });

  it('writes and reads back its document without loss', () => {
    for (const personidentitet of [holder.personidentitet, hidden.personidentitet, ghost.personidentitet]) {
      const payload = miv({ ...decade, personidentitet });
      expect(mivSource.fromDocument(mivSource.toDocument(payload))).toEqual(payload);
    }
  });

  it('writes response and its children unqualified, under the qualified root', () => {
    const doc = mivSource.toDocument(miv(decade));
    expect(doc).toContain(
      '<miv:findByPersonnummerResponse xmlns:miv="http://schema.migrationsverket.se/ssbtek/1/">',
    );
    expect(doc).toContain('<response>');
    expect(doc).not.toMatch(/xmlns="[^"]/);
    expect(doc).toContain('<correlationid>');
  });

  it.skipIf(!xsdAvailable)(
    'embeds into MIV/data valid by the official XSD, for a typical, a protected and an unknown person',
    () => {
      const envelopes = [holder, hidden, ghost].map((p) =>
        envelopeWithSourceData(
          'MIV',
          mivSource.soapData(miv({ ...decade, personidentitet: p.personidentitet }), '            '),
        ),
      );
      expect(xsdProblems(...envelopes)).toBe('');
    },
  );

  it('is deterministic: the same scenario and request give the same payload, without Math.random or Date.now', () => {
    const random = vi.spyOn(Math, 'random');
    const clock = vi.spyOn(Date, 'now');
    expect(miv(decade)).toEqual(miv(decade));
    expect(random).not.toHaveBeenCalled();
    expect(clock).not.toHaveBeenCalled();
    expect(miv(decade, makeScenario({ seed: 'another', personas: scenario.personas }))).not.toEqual(
      miv(decade),
    );
  });

  it('answers over HTTP with the XML document, and 400 problem+json for a bad query', async () => {
    const app = createBaseServiceApp(mivSource, {
      clock: fixedClock(now),
      scenarios: staticScenario(scenario), runtime: createRuntimeState(),
    });
    const ok = await request(app).post(mivSource.routePath).send(decade);
    expect(ok.status).toBe(200);
    expect(ok.type).toBe('application/xml');
    expect(mivSource.fromDocument(ok.text)).toEqual(miv(decade));
    const bad = await request(app).post(mivSource.routePath).send({ personidentitet: '123' });
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('application/problem+json');
    expect(bad.body.detail).toContain('/personidentitet');
  });

  it('calls its base service with the query as JSON on its route', () => {
    const call = mivSource.buildCall(decade);
    expect(call).toMatchObject({
      method: 'POST',
      path: '/miv/ssbtek/v1/fraga',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(call.body)).toEqual(decade);
  });
});
