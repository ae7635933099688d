import { afterEach, describe, expect, it, vi } from 'vitest';
import request from 'supertest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import { createBaseServiceApp } from '../../simulator/base-services/app.ts';
import { soSource } from '../../simulator/base-services/so/module.ts';
import type { SoArbetsloshetsersattning, SoPayload } from '../../simulator/base-services/so/types.ts';
import type { BaseServiceRequest } from '../../simulator/base-services/types.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { staticScenario } from '../../simulator/domain/context.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { addDays, addMonths } from '../../simulator/domain/dates.ts';
import { makePersonidentitet } from '../../simulator/domain/identity.ts';
import type { Persona, Scenario } from '../../simulator/scenarios/types.ts';
import { envelopeWithSourceData, xsdAvailable, xsdProblems } from '../support/xsd.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';

const now = new Date('2026-11-27T10:00:00Z');
const FUND = 'Unionens a-kassa';
const member = makePersona({
  id: 'member',
  situation: { akassa: FUND, unemployed: true, unemployedSince: '2025-04-14' },
});
const employed = makePersona({
  id: 'employed',
  personidentitet: makePersonidentitet('1976-03-15', 239),
  situation: { akassa: 'Handels a-kassa', unemployed: false },
});
const outsider = makePersona({
  id: 'outsider',
  personidentitet: makePersonidentitet('1992-04-18', 238),
  situation: { akassa: null, unemployed: true },
});
const hidden = makePersona({
  id: 'hidden',
  personidentitet: makePersonidentitet('1988-11-29', 238),
  protected: true,
  situation: { akassa: FUND, unemployed: true },
});
const ghost = makePersona({
  id: 'ghost',
  personidentitet: '199001012385',
  situation: { knownToSources: false },
});
const scenario = makeScenario({ personas: [member, employed, outsider, hidden, ghost] });

/** Forty people of varied birth dates and situations, with a varied period each (mid-2023 on, where the spells are). */
function crowd(): { scenario: Scenario; requests: BaseServiceRequest[] } {
  const personas: Persona[] = [];
  const requests: BaseServiceRequest[] = [];
  for (let i = 0; i < 40; i++) {
    const birthDate = `${1955 + i}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    const personidentitet = makePersonidentitet(birthDate, 100 + i * 7, i % 9 === 0);
    personas.push(
      makePersona({
        id: `p${i}`,
        personidentitet,
        protected: i % 7 === 0,
        situation: { akassa: i % 4 === 3 ? null : 'Kommunals a-kassa', unemployed: i % 3 !== 0 },
      }),
    );
    const fromDatum = addMonths('2023-06-01', i);
    requests.push(
      makeBaseRequest({
        personidentitet,
        tidsperiod: { fromDatum, tomDatum: addDays(addMonths(fromDatum, 1 + (i % 13)), -1) },
      }),
    );
  }
  return { scenario: makeScenario({ personas }), requests };
}

function so(req: BaseServiceRequest, sc: Scenario = scenario): SoPayload {
  return sourcePayload(soSource, sc, req, now) as SoPayload;
}

function entries(payload: SoPayload): SoArbetsloshetsersattning[] {
  return payload.ArbetsloshetsersattningLista.Arbetsloshetsersattning ?? [];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SO base service', () => {
  it('Given forty people in varied situations and periods, every payload is valid by the contract and stays inside its period', () => {
    const { scenario: sc, requests } = crowd();
    let payments = 0;
    for (const req of requests) {
      const payload = so(req, sc);
      expect(contracts().check(soSource.schemaPath, payload), req.personidentitet).toEqual([]);
      const { fromDatum: from, tomDatum: tom } = req.tidsperiod;
      for (const entry of entries(payload)) {
        for (const u of entry.Utbetalningar ?? []) {
          payments++;
          for (const d of [u.Utbetalningsdatum, u.AvserFrom, u.AvserTom])
            expect(d >= from && d <= tom, `${d} in ${from}..${tom}`).toBe(true);
          expect(u.AvserFrom <= u.AvserTom && u.AvserTom < u.Utbetalningsdatum).toBe(true);
        }
        for (const a of entry.Avstangningar ?? [])
          expect(a.AvstangdFrom >= from && a.AvstangdTom <= tom && a.AvstangdFrom <= a.AvstangdTom).toBe(
            true,
          );
      }
    }
    expect(payments).toBeGreaterThan(50);
  });

  it('echoes what it received: organisation, caseworker, case, period, purpose, legal basis, processors and person', () => {
    const req = makeBaseRequest({
      personuppgiftsbitrade: [
        { ordningsnummer: 1, organisationsnummer: '556677889900', namn: 'Systemleverantören AB' },
        { organisationsnummer: '559900112233', namn: 'Driftbolaget AB' },
      ],
    });
    const { ArbetsloshetsersattningLista: _list, ...echo } = so(req);
    expect(echo).toEqual({
      OrganisationsnummerIngivare: '162120000142',
      NamnIngivare: 'Exempelkommunen',
      KontonamnHandlaggare: 'HL0001',
      Referensnummer: 'ARENDE-2026-0001',
      From: '2026-01-01',
      Tom: '2026-06-30',
      Syfte: 'Utredning av rätt till ekonomiskt bistånd',
      Paragraf: '4 kap. 1 § socialtjänstlagen (2025:400)',
      OrganisationsnummerPersonuppgiftsbitrade: ['556677889900', '559900112233'],
      NamnPersonuppgiftsbitrade: ['Systemleverantören AB', 'Driftbolaget AB'],
      IdentificationNumber: '198507142381',
    });
    expect(so(makeBaseRequest())).not.toHaveProperty('NamnPersonuppgiftsbitrade');
  });

  it('Given an unemployed member, their fund answers OK with plausible payments, and their application', () => {
    const [entry, ...others] = entries(so(makeBaseRequest()));
    expect(others).toEqual([]);
    expect(entry?.SvarandeOrganisation).toBe(FUND);
    expect(entry?.StatusSvarandeOrganisation).toBe('OK');
    const payments = entry?.Utbetalningar ?? [];
    expect(payments.length).toBeGreaterThan(0);
    for (const u of payments) {
      expect(u.Ersattningsdagar).toBeGreaterThan(0);
      expect(u.Ersattningsdagar).toBeLessThanOrEqual(23);
      expect(u.NettoEfterSkatt / u.Ersattningsdagar).toBeLessThanOrEqual(1200);
      expect(u.NettoEfterAvdrag).toBeLessThanOrEqual(u.NettoEfterSkatt);
      expect(u.NettoEfterAvdrag).toBeGreaterThanOrEqual(0);
    }
    expect(entry?.AnsoktOmErsattning?.AnsokanOmUtbetalningInlamnad).toBe(true);
  });

  it('Given two overlapping periods, both report the same payments for the months they share (a stable history)', () => {
    const inFirstHalf = (p: SoPayload): unknown[] =>
      (entries(p)[0]?.Utbetalningar ?? []).filter(
        (u) => u.AvserFrom >= '2026-03-01' && u.Utbetalningsdatum <= '2026-06-30',
      );
    const wide = so(makeBaseRequest({ tidsperiod: { fromDatum: '2025-09-01', tomDatum: '2026-06-30' } }));
    const narrow = so(makeBaseRequest({ tidsperiod: { fromDatum: '2026-03-01', tomDatum: '2026-08-31' } }));
    expect(inFirstHalf(narrow).length).toBeGreaterThan(0);
    expect(inFirstHalf(wide)).toEqual(inFirstHalf(narrow));
  });

  it('Given a member who is not unemployed, the fund answers OK with nothing to report', () => {
    expect(entries(so(makeBaseRequest({ personidentitet: employed.personidentitet })))).toEqual([
      { SvarandeOrganisation: 'Handels a-kassa', StatusSvarandeOrganisation: 'OK' },
    ]);
  });

  it('Given a person in no fund, or one SO does not know, the answer is the echo with an empty list (no data, not an error)', () => {
    for (const personidentitet of [outsider.personidentitet, ghost.personidentitet]) {
      const req = makeBaseRequest({ personidentitet });
      const payload = so(req);
      expect(payload.ArbetsloshetsersattningLista).toEqual({});
      expect(payload.IdentificationNumber).toBe(personidentitet);
      expect(contracts().check(soSource.schemaPath, payload)).toEqual([]);
    }
    const nodata = makeScenario({ personas: [{ ...member, sources: { SO: 'nodata' } }] });
    expect(so(makeBaseRequest(), nodata).ArbetsloshetsersattningLista).toEqual({});
  });

  it('Given a protected identity, SO answers as for anyone else: it has no marker (marksProtected is false)', () => {
    const payload = so(makeBaseRequest({ personidentitet: hidden.personidentitet }));
    expect(entries(payload)[0]?.Utbetalningar?.length ?? 0).toBeGreaterThan(0);
    expect(soSource.marksProtected(payload)).toBe(false);
  });

  it('Given a pending decision, writes BeslutOmRattTillErsattning as xsi:nil and reads it back as null', () => {
    const pending = makeScenario({
      personas: [
        {
          ...member,
          sources: {
            SO: {
              ArbetsloshetsersattningLista: {
                Arbetsloshetsersattning: [
                  {
                    SvarandeOrganisation: FUND,
                    StatusSvarandeOrganisation: 'OK',
                    AnsoktOmErsattning: {
                      BeslutOmRattTillErsattning: null,
                      AnsokanOmUtbetalningInlamnad: false,
                    },
                  },
                  { SvarandeOrganisation: 'Byggnads a-kassa', StatusSvarandeOrganisation: 'TEKNISKT_FEL' },
                ],
              },
            },
          },
        },
      ],
    });
    const payload = so(makeBaseRequest(), pending);
    expect(contracts().check(soSource.schemaPath, payload)).toEqual([]);
    const doc = soSource.toDocument(payload);
    expect(doc).toContain('xsi:nil="true"');
    expect(soSource.fromDocument(doc)).toEqual(payload);
    if (xsdAvailable)
      expect(xsdProblems(envelopeWithSourceData('SO', soSource.soapData(payload, '            ')))).toBe('');
  });

  it('writes and reads back its document without loss', () => {
    for (const personidentitet of [member.personidentitet, employed.personidentitet, ghost.personidentitet]) {
      const payload = so(
        makeBaseRequest({
          personidentitet,
          personuppgiftsbitrade: [{ organisationsnummer: '556677889900', namn: 'Bolaget AB' }],
        }),
      );
      expect(soSource.fromDocument(soSource.toDocument(payload))).toEqual(payload);
    }
  });

  it.skipIf(!xsdAvailable)(
    'embeds into SO/data valid by the official XSD, for a typical, a protected and an unknown person',
    () => {
      const envelopes = [member, hidden, ghost].map((p) =>
        envelopeWithSourceData(
          'SO',
          soSource.soapData(so(makeBaseRequest({ personidentitet: p.personidentitet })), '            '),
        ),
      );
      expect(xsdProblems(...envelopes)).toBe('');
    },
  );

  it('is deterministic: the same scenario and request give the same payload, without Math.random or Date.now', () => {
    const random = vi.spyOn(Math, 'random');
    const clock = vi.spyOn(Date, 'now');
    const req = makeBaseRequest({ tidsperiod: { fromDatum: '2025-01-01', tomDatum: '2026-10-31' } });
    expect(so(req)).toEqual(so(req));
    expect(random).not.toHaveBeenCalled();
    expect(clock).not.toHaveBeenCalled();
    expect(so(req, makeScenario({ seed: 'another', personas: scenario.personas }))).not.toEqual(so(req));
  });

  it('answers over HTTP with the XML document, and 400 problem+json for a bad query', async () => {
    const app = createBaseServiceApp(soSource, {
      clock: fixedClock(now),
      scenarios: staticScenario(scenario),
      runtime: createRuntimeState(),
    });
    const ok = await request(app).post(soSource.routePath).send(makeBaseRequest());
    expect(ok.status).toBe(200);
    expect(ok.type).toBe('application/xml');
    expect(soSource.fromDocument(ok.text)).toEqual(so(makeBaseRequest()));
    const bad = await request(app).post(soSource.routePath).send({ personidentitet: '123' });
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('application/problem+json');
    expect(bad.body.detail).toContain('/personidentitet');
  });

  it('calls its base service with the query as JSON on its route', () => {
    const call = soSource.buildCall(makeBaseRequest());
    expect(call).toMatchObject({
      method: 'POST',
      path: '/so/ubp/v1/fraga',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(call.body)).toEqual(makeBaseRequest());
  });
});
