import { afterEach, describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import { createBaseServiceApp } from '../../simulator/base-services/app.ts';
import { skvSource } from '../../simulator/base-services/skv/module.ts';
import { svarElement } from '../../simulator/base-services/skv/svar-element.ts';
import type { SkvPayload, SkvPersonuppgift } from '../../simulator/base-services/skv/types.ts';
import type { BaseServiceRequest } from '../../simulator/base-services/types.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { staticScenario } from '../../simulator/domain/context.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { addDays, addMonths } from '../../simulator/domain/dates.ts';
import { makePersonidentitet } from '../../simulator/domain/identity.ts';
import { buildPerson } from '../../simulator/domain/person.ts';
import type { Persona, Scenario } from '../../simulator/scenarios/types.ts';
import { parseXml } from '../../simulator/xml/parse.ts';
import { envelopeWithSourceData, xsdAvailable, xsdProblems } from '../support/xsd.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';

const now = new Date('2026-11-27T10:00:00Z');
const earner = makePersona({ id: 'earner', situation: { yearlyIncome: 360_000, pensioner: false } });
const hidden = makePersona({
  id: 'hidden',
  personidentitet: makePersonidentitet('1979-08-30', 482),
  protected: true,
});
const ghost = makePersona({
  id: 'ghost',
  personidentitet: '199001012385',
  situation: { knownToSources: false },
});
const scenario = makeScenario({ personas: [earner, hidden, ghost] });
const twoYears = makeBaseRequest({ tidsperiod: { fromDatum: '2024-07-01', tomDatum: '2026-06-30' } });

/** Forty people of varied birth dates, incomes and protection, with a varied period each. */
function crowd(): { scenario: Scenario; requests: BaseServiceRequest[] } {
  const personas: Persona[] = [];
  const requests: BaseServiceRequest[] = [];
  for (let i = 0; i < 40; i++) {
    const birthDate = `${1950 + i}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
    const personidentitet = makePersonidentitet(birthDate, 300 + i * 11, i % 8 === 0);
    personas.push(
      makePersona({
        id: `p${i}`,
        personidentitet,
        protected: i % 7 === 0,
        situation: i % 5 === 0 ? { yearlyIncome: 0 } : {},
      }),
    );
    const fromDatum = addMonths('2018-01-01', i * 2);
    requests.push(
      makeBaseRequest({
        personidentitet,
        tidsperiod: { fromDatum, tomDatum: addDays(addMonths(fromDatum, 1 + (i % 30)), -1) },
      }),
    );
  }
  return { scenario: makeScenario({ personas }), requests };
}

function skv(req: BaseServiceRequest, sc: Scenario = scenario): SkvPayload {
  return sourcePayload(skvSource, sc, req, now) as SkvPayload;
}

function person(payload: SkvPayload): SkvPersonuppgift {
  const [only, ...rest] = payload.PersonuppgiftLista.Personuppgift;
  expect(rest).toEqual([]);
  if (only === undefined) throw new Error('no Personuppgift');
  return only;
}

/** The text of SKV/data/svar as a SOAP client reads it. */
function svarText(payload: SkvPayload): string {
  const parsed = parseXml(`<data>${skvSource.soapData(payload, '')}</data>`) as { data: { svar: string } };
  return parsed.data.svar;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SKV base service', () => {
  it('Given forty people in varied situations and periods, every payload is valid by the contract with the taxation years of the period', () => {
    const { scenario: sc, requests } = crowd();
    for (const req of requests) {
      const payload = skv(req, sc);
      expect(contracts().check(skvSource.schemaPath, payload), req.personidentitet).toEqual([]);
      const first = Number(req.tidsperiod.fromDatum.slice(0, 4)) + 1;
      const last = Number(req.tidsperiod.tomDatum.slice(0, 4)) + 1;
      const uppgift = person(payload);
      for (const u of [...(uppgift.Kapitaluppgift ?? []), ...(uppgift.Forvarvsinkomstuppgift ?? [])]) {
        // Assessed by today (2026-11-27): taxation year 2025 at the latest.
        expect(Number(u.Taxeringsar)).toBeLessThanOrEqual(2025);
        if (first <= 2025) {
          expect(Number(u.Taxeringsar)).toBeGreaterThanOrEqual(first);
          expect(Number(u.Taxeringsar)).toBeLessThanOrEqual(last);
        } else expect(u.Taxeringsar).toBe('2025');
      }
    }
  });

  it('Given an earner, reports names, status 999 and one entry per assessed taxation year (income year + 1) with plausible amounts', () => {
    const uppgift = person(skv(twoYears));
    const who = buildPerson(scenario.seed, earner.personidentitet, '2026-11-27', earner);
    expect(uppgift).toMatchObject({
      IdentitetsbeteckningFysiskPerson: earner.personidentitet,
      Fornamn: who.fornamn,
      Efternamn: who.efternamn,
      StatusPersonuppgiftKod: '999',
    });
    // Income years 2024 to 2026 overlap the period; on 2026-11-27 only 2024 (taxation year 2025) is assessed.
    const recent = uppgift.Forvarvsinkomstuppgift ?? [];
    expect(recent.map((u) => u.Taxeringsar)).toEqual(['2025']);
    const longAgo = makeBaseRequest({ tidsperiod: { fromDatum: '2021-07-01', tomDatum: '2023-06-30' } });
    const earlier = person(skv(longAgo)).Forvarvsinkomstuppgift ?? [];
    expect(earlier.map((u) => u.Taxeringsar)).toEqual(['2022', '2023', '2024']);
    for (const u of [...earlier, ...recent]) {
      expect(u.SummaInkomstAvTjanst).toBeGreaterThanOrEqual(360_000 * 0.85);
      expect(u.SummaInkomstAvTjanst).toBeLessThanOrEqual(360_000 * 1.15);
      expect(u.FaststalldForvarvsinkomst).toBeLessThanOrEqual(u.SummaInkomstAvTjanst);
      expect(u.SlutligSkatt).toBeGreaterThan(u.FaststalldForvarvsinkomst * 0.15);
      expect(u.SlutligSkatt).toBeLessThan(u.FaststalldForvarvsinkomst * 0.35);
    }
    for (const k of uppgift.Kapitaluppgift ?? [])
      expect(k.OverskottPaKapital).toBeLessThanOrEqual(k.SummaIntakterPaKapital);
    expect(skvSource.marksProtected(skv(twoYears))).toBe(false);
  });

  it('Given two overlapping periods, both report the same figures for the taxation year they share', () => {
    const year = (p: SkvPayload): unknown[] => [
      ...(person(p).Kapitaluppgift ?? []).filter((u) => u.Taxeringsar === '2025'),
      ...(person(p).Forvarvsinkomstuppgift ?? []).filter((u) => u.Taxeringsar === '2025'),
    ];
    const narrow = skv(makeBaseRequest({ tidsperiod: { fromDatum: '2024-03-01', tomDatum: '2024-08-31' } }));
    expect(year(narrow).length).toBeGreaterThan(0);
    expect(year(skv(twoYears))).toEqual(year(narrow));
  });

  it('Given a recent period whose income years are not yet assessed, reports the latest assessed taxation year instead', () => {
    const recent = makeBaseRequest({ tidsperiod: { fromDatum: '2026-05-01', tomDatum: '2026-10-31' } });
    const years = (p: SkvPayload): string[] =>
      (person(p).Forvarvsinkomstuppgift ?? []).map((u) => u.Taxeringsar);
    // On 2026-11-27 income year 2025 may still be decided (until 15 December 2026): 2025 is the latest assessed.
    expect(years(skv(recent))).toEqual(['2025']);
    const lastYear = makeBaseRequest({ tidsperiod: { fromDatum: '2025-01-01', tomDatum: '2025-12-31' } });
    expect(years(skv(lastYear))).toEqual(['2025']);
    // From 15 December 2026 every final tax of income year 2025 is decided: taxation year 2026.
    const december = new Date('2026-12-15T08:00:00Z');
    const after = (req: BaseServiceRequest): SkvPayload =>
      sourcePayload(skvSource, scenario, req, december) as SkvPayload;
    expect(years(after(lastYear))).toEqual(['2026']);
    expect(years(after(recent))).toEqual(['2026']);
    expect(years(after(twoYears))).toEqual(['2025', '2026']);
  });

  it('Given a protected identity, withholds names and data and marks it with status 200', () => {
    const payload = skv(makeBaseRequest({ personidentitet: hidden.personidentitet }));
    expect(payload).toEqual({
      PersonuppgiftLista: {
        Personuppgift: [
          { IdentitetsbeteckningFysiskPerson: hidden.personidentitet, StatusPersonuppgiftKod: '200' },
        ],
      },
    });
    expect(skvSource.marksProtected(payload)).toBe(true);
  });

  it('Given a person SKV does not know, answers status 100 and nothing else (no data, not an error)', () => {
    const payload = skv(makeBaseRequest({ personidentitet: ghost.personidentitet }));
    expect(payload).toEqual({
      PersonuppgiftLista: {
        Personuppgift: [
          { IdentitetsbeteckningFysiskPerson: ghost.personidentitet, StatusPersonuppgiftKod: '100' },
        ],
      },
    });
    expect(skvSource.marksProtected(payload)).toBe(false);
    const nodata = makeScenario({ personas: [{ ...earner, sources: { SKV: 'nodata' } }] });
    expect(person(skv(makeBaseRequest(), nodata)).StatusPersonuppgiftKod).toBe('100');
  });

  it('writes and reads back its document without loss', () => {
    for (const personidentitet of [earner.personidentitet, hidden.personidentitet, ghost.personidentitet]) {
      const payload = skv({ ...twoYears, personidentitet });
      expect(skvSource.fromDocument(skvSource.toDocument(payload))).toEqual(payload);
    }
  });

  it('puts the taxation document as text into an unqualified svar element, which reads back to the payload', () => {
    const payload = skv(twoYears);
    const data = skvSource.soapData(payload, '    ');
    expect(
      data.startsWith(
        '    <svar><![CDATA[<?xml version="1.0" encoding="UTF-8"?>\n<SvarBeskattningsuppgifterEnligtSFS2008-975 ',
      ),
    ).toBe(true);
    expect(data.endsWith('</SvarBeskattningsuppgifterEnligtSFS2008-975>]]></svar>')).toBe(true);
    expect(skvSource.fromDocument(svarText(payload))).toEqual(payload);
  });

  it('keeps any text intact in svar, even a "]]>" that would end a CDATA section', () => {
    const text = '<a>x]]>y &amp; <![CDATA[z]]></a>';
    const parsed = parseXml(`<data>${svarElement(text, '')}</data>`) as { data: { svar: string } };
    expect(parsed.data.svar).toBe(text);
  });

  it.skipIf(!xsdAvailable)(
    'embeds into SKV/data valid by the official XSD, for a typical, a protected and an unknown person',
    () => {
      const envelopes = [earner, hidden, ghost].map((p) =>
        envelopeWithSourceData(
          'SKV',
          skvSource.soapData(skv({ ...twoYears, personidentitet: p.personidentitet }), '            '),
        ),
      );
      expect(xsdProblems(...envelopes)).toBe('');
    },
  );

  it('is deterministic: the same scenario and request give the same payload, without Math.random or Date.now', () => {
    const random = vi.spyOn(Math, 'random');
    const clock = vi.spyOn(Date, 'now');
    expect(skv(twoYears)).toEqual(skv(twoYears));
    expect(random).not.toHaveBeenCalled();
    expect(clock).not.toHaveBeenCalled();
    expect(skv(twoYears, makeScenario({ seed: 'another', personas: scenario.personas }))).not.toEqual(
      skv(twoYears),
    );
  });

  it('answers over HTTP with the taxation document, and 400 problem+json for a bad query', async () => {
    const app = createBaseServiceApp(skvSource, {
      clock: fixedClock(now),
      scenarios: staticScenario(scenario),
      runtime: createRuntimeState(),
    });
    const ok = await request(app).post(skvSource.routePath).send(twoYears);
    expect(ok.status).toBe(200);
    expect(ok.type).toBe('application/xml');
    expect(ok.text).toContain(
      '<SvarBeskattningsuppgifterEnligtSFS2008-975 xmlns="http://xmls.skatteverket.se/se/skatteverket/zg/instans/standardiseradInformation/1.0"',
    );
    expect(skvSource.fromDocument(ok.text)).toEqual(skv(twoYears));
    const bad = await request(app).post(skvSource.routePath).send({ personidentitet: '123' });
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('application/problem+json');
    expect(bad.body.detail).toContain('/personidentitet');
  });

  it('calls its base service with the query as JSON on its route', () => {
    const call = skvSource.buildCall(twoYears);
    expect(call).toMatchObject({
      method: 'POST',
      path: '/skv/beskattning/v1/fraga',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(call.body)).toEqual(twoYears);
  });
});
