import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { personFor, sourcePayload } from '../../simulator/base-services/answer.ts';
import { createBaseServiceApp } from '../../simulator/base-services/app.ts';
import { afSource } from '../../simulator/base-services/af/module.ts';
import { AF_STATUS, type AfPayload } from '../../simulator/base-services/af/generate.ts';
import type { BaseServiceRequest } from '../../simulator/base-services/types.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { staticScenario } from '../../simulator/domain/context.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { addDays } from '../../simulator/domain/dates.ts';
import { makePersonidentitet } from '../../simulator/domain/identity.ts';
import type { Persona } from '../../simulator/scenarios/types.ts';
import { envelopeWithSourceData, xsdAvailable, xsdProblems } from '../support/xsd.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';

const now = new Date('2026-11-27T10:00:00Z');
const today = '2026-11-27';

const pnr = {
  seeker: '198507142381',
  programme: makePersonidentitet('1979-04-02', 113),
  young: makePersonidentitet('2004-09-15', 224),
  newcomer: makePersonidentitet('1988-02-10', 335, true),
  hidden: makePersonidentitet('1991-11-30', 446),
  employed: makePersonidentitet('1975-06-06', 557),
  ghost: '199001012385',
};

const personas: Persona[] = [
  makePersona({
    id: 'seeker',
    personidentitet: pnr.seeker,
    situation: {
      unemployed: true,
      activitySupport: false,
      akassa: 'Unionens a-kassa',
      unemployedSince: '2025-08-18',
    },
  }),
  makePersona({
    id: 'programme',
    personidentitet: pnr.programme,
    situation: { unemployed: true, activitySupport: true, akassa: null, residencePermit: false },
  }),
  makePersona({
    id: 'young',
    personidentitet: pnr.young,
    situation: {
      unemployed: true,
      activitySupport: true,
      akassa: null,
      residencePermit: false,
      unemployedSince: '2025-08-11',
      programmeSince: '2025-10-06',
    },
  }),
  makePersona({
    id: 'newcomer',
    personidentitet: pnr.newcomer,
    situation: {
      unemployed: true,
      activitySupport: true,
      akassa: null,
      residencePermit: true,
      arrivalDate: '2025-03-12',
      unemployedSince: '2025-05-05',
      programmeSince: '2025-06-02',
    },
  }),
  makePersona({
    id: 'hidden',
    personidentitet: pnr.hidden,
    protected: true,
    situation: { unemployed: true, activitySupport: false, akassa: 'Kommunals a-kassa' },
  }),
  makePersona({
    id: 'employed',
    personidentitet: pnr.employed,
    situation: { unemployed: false, activitySupport: false, akassa: 'IF Metalls a-kassa' },
  }),
  makePersona({ id: 'ghost', personidentitet: pnr.ghost, situation: { knownToSources: false } }),
];
const scenario = makeScenario({ personas });

function afAnswer(overrides: Partial<BaseServiceRequest> = {}): AfPayload {
  return sourcePayload(afSource, scenario, makeBaseRequest(overrides), now) as AfPayload;
}

function period(fromDatum: string, tomDatum: string): Pick<BaseServiceRequest, 'tidsperiod'> {
  return { tidsperiod: { fromDatum, tomDatum } };
}

/** What every AF answer must satisfy for the request it answers. */
function expectConsistent(payload: AfPayload, req: BaseServiceRequest): void {
  expect(contracts().check(afSource.schemaPath, payload)).toEqual([]);
  const { fromDatum, tomDatum } = req.tidsperiod;
  expect(payload.Fraga.IdentitetsbeteckningFysiskPerson).toBe(req.personidentitet);
  expect(payload.Fraga.From).toBe(fromDatum);
  expect(payload.Fraga.Tom).toBe(tomDatum);
  expect(payload.Svar.Referensnummer).toBe(req.arendeidentitet);
  expect(typeof payload.Svar.Sekretessmarkering).toBe('boolean');
  const info = payload.Svar.ArbetssokandeInfo;
  expect(payload.Svar.StatusSokandeinformationKod).toBe(info === undefined ? 1 : 0);
  if (info !== undefined) {
    expect(info.ArbetssokandeRegistrerad! <= tomDatum).toBe(true);
    const { AktivitetsRapportMeddelande: message, SenasteAktivitetsRapportDatum: latest } =
      info.AktivetetsRapportDatum;
    if (message.startsWith('200 - ')) {
      expect(latest! >= fromDatum && latest! <= tomDatum && latest! >= info.ArbetssokandeRegistrerad!).toBe(
        true,
      );
    } else {
      expect(message).toMatch(/^50[01] - /);
      expect(latest).toBeUndefined();
    }
  }
  for (const beslut of payload.Svar.BeslutInfo?.EkonomiskaBeslut.Beslut ?? []) {
    expect(beslut.BeslutFrom <= tomDatum && beslut.BeslutTom >= fromDatum, JSON.stringify(beslut)).toBe(true);
    expect(beslut.BeslutFrom <= beslut.BeslutTom).toBe(true);
  }
}

describe('AF base service', () => {
  it('Given 40 people in varied situations and periods, every answer is valid by the contract and consistent with its period', () => {
    const many: Persona[] = [];
    const requests: BaseServiceRequest[] = [];
    const situations = [
      { unemployed: true, activitySupport: false },
      { unemployed: true, activitySupport: true, akassa: null },
      { unemployed: false, activitySupport: false },
      { knownToSources: false },
    ];
    for (let i = 0; i < 40; i++) {
      const birth = `${1950 + ((i * 7) % 56)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 3) % 28)).padStart(2, '0')}`;
      const personidentitet = makePersonidentitet(birth, 100 + i, i % 9 === 0);
      // Every fourth person has no persona: their situation is derived from the seed.
      if (i % 4 !== 3)
        many.push(
          makePersona({
            id: `p${i}`,
            personidentitet,
            protected: i % 5 === 0,
            situation: situations[i % situations.length],
          }),
        );
      const fromDatum = addDays('2020-01-01', i * 53);
      requests.push(
        makeBaseRequest({
          personidentitet,
          ...period(fromDatum, addDays(fromDatum, [0, 30, 90, 181, 364, 729][i % 6]!)),
        }),
      );
    }
    const big = makeScenario({ personas: many });
    const codes = new Set<string>();
    for (const req of requests) {
      const payload = sourcePayload(afSource, big, req, now) as AfPayload;
      expectConsistent(payload, req);
      codes.add(
        payload.Svar.ArbetssokandeInfo?.AktivetetsRapportDatum.AktivitetsRapportMeddelande.slice(0, 3) ??
          'not registered',
      );
    }
    expect(codes).toContain('200');
    expect(codes).toContain('not registered');
  });

  it('Given a registered job seeker, the answer shows the registration, category, scope, activity report and a-kassa', () => {
    const req = makeBaseRequest();
    const payload = afAnswer();
    expectConsistent(payload, req);
    const person = personFor(scenario, pnr.seeker, today);
    expect(payload.Svar).toMatchObject({
      Schemaversion: '2.0',
      LagParagraf: req.lagtext,
      IdentitetsbeteckningFysiskPerson: pnr.seeker,
      Fornamn: person.fornamn,
      Efternamn: person.efternamn,
      Sekretessmarkering: false,
      Akassetillhorighet: 'Unionens a-kassa',
      StatusSokandeinformationKod: 0,
      StatusSokandeinformationKodText: AF_STATUS[0],
      ArbetssokandeInfo: { Arbetssokande: true },
    });
    expect(['Arbetslös', 'Deltidsarbetslös', 'Timanställd']).toContain(
      payload.Svar.ArbetssokandeInfo?.ArbetssokandeSKAT,
    );
    expect(payload.Svar.ArbetssokandeInfo?.ArbetssokandeOmfattning).toBeGreaterThan(0);
    expect(payload.Svar.BeslutInfo).toBeUndefined();
  });

  it('Given a person in a programme with activity support, the decisions overlapping the period are listed with the category "I program med aktivitetsstöd"', () => {
    const req = makeBaseRequest({ personidentitet: pnr.programme });
    const payload = afAnswer(req);
    expectConsistent(payload, req);
    expect(payload.Svar.ArbetssokandeInfo?.ArbetssokandeSKAT).toBe('I program med aktivitetsstöd');
    expect(payload.Svar.Akassetillhorighet).toBeUndefined();
    const beslut = payload.Svar.BeslutInfo?.EkonomiskaBeslut.Beslut ?? [];
    expect(beslut.length).toBeGreaterThan(0);
    expect(new Set(beslut.map((b) => b.ErsattningTyp))).toEqual(new Set(['Aktivitetsstöd']));
    // Back to back: each decision starts the day after the previous one ends.
    for (let i = 1; i < beslut.length; i++)
      expect(beslut[i]!.BeslutFrom).toBe(addDays(beslut[i - 1]!.BeslutTom, 1));
  });

  it('Given a young person or a newly arrived person in a programme, the compensation is utvecklingsersättning or etableringsersättning', () => {
    const young = afAnswer({ personidentitet: pnr.young, ...period('2026-01-01', '2026-03-31') });
    expect(young.Svar.BeslutInfo?.EkonomiskaBeslut.Beslut?.map((b) => b.ErsattningTyp)).toContain(
      'Utvecklingsersättning',
    );
    const newcomer = afAnswer({ personidentitet: pnr.newcomer });
    expect(new Set(newcomer.Svar.BeslutInfo?.EkonomiskaBeslut.Beslut?.map((b) => b.ErsattningTyp))).toEqual(
      new Set(['Etableringsersättning']),
    );
  });

  it('Given two overlapping periods, they agree on the decisions and the registration they share', () => {
    const who = { personidentitet: pnr.programme };
    const a = afAnswer({ ...who, ...period('2026-01-01', '2026-06-30') });
    const b = afAnswer({ ...who, ...period('2025-07-01', '2026-06-30') });
    const c = afAnswer({ ...who, ...period('2026-03-01', '2026-12-31') });
    const decisions = (p: AfPayload): string[] =>
      (p.Svar.BeslutInfo?.EkonomiskaBeslut.Beslut ?? []).map((d) => JSON.stringify(d));
    expect(b.Svar.ArbetssokandeInfo?.ArbetssokandeRegistrerad).toBe(
      a.Svar.ArbetssokandeInfo?.ArbetssokandeRegistrerad,
    );
    expect(decisions(b)).toEqual(expect.arrayContaining(decisions(a)));
    const shared = (p: AfPayload): string[] =>
      (p.Svar.BeslutInfo?.EkonomiskaBeslut.Beslut ?? [])
        .filter((d) => d.BeslutFrom <= '2026-06-30' && d.BeslutTom >= '2026-03-01')
        .map((d) => JSON.stringify(d));
    expect(shared(c)).toEqual(shared(a));
  });

  it('Given a registration that began on the last day of the period, the activity report is 500 (none in the register yet)', () => {
    const registered = afAnswer().Svar.ArbetssokandeInfo?.ArbetssokandeRegistrerad ?? '';
    const payload = afAnswer(period(addDays(registered, -30), registered));
    expect(payload.Svar.ArbetssokandeInfo?.ArbetssokandeRegistrerad).toBe(registered);
    expect(payload.Svar.ArbetssokandeInfo?.AktivetetsRapportDatum).toEqual({
      AktivitetsRapportMeddelande: '500 - Uppgift om aktivitetsrapport saknas i registret.',
    });
  });

  it('Given a one-day period on the 20th (reports come in on the 1st to the 14th), the activity report is 501 and carries no date', () => {
    const payload = afAnswer(period('2026-05-20', '2026-05-20'));
    expect(payload.Svar.ArbetssokandeInfo?.ArbetssokandeRegistrerad ?? '').toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((payload.Svar.ArbetssokandeInfo?.ArbetssokandeRegistrerad ?? '') < '2026-03-01').toBe(true);
    expect(payload.Svar.ArbetssokandeInfo?.AktivetetsRapportDatum).toEqual({
      AktivitetsRapportMeddelande: '501 - Ingen aktivitetsrapport har lämnats under perioden.',
    });
  });

  it('Given a query, Fraga echoes what AF received, with the first personuppgiftsbiträde', () => {
    const req = makeBaseRequest({
      personuppgiftsbitrade: [
        { ordningsnummer: 1, organisationsnummer: '556677889900', namn: 'Systemleverantören AB' },
        { ordningsnummer: 2, organisationsnummer: '556600000000', namn: 'Andra AB' },
      ],
    });
    expect(afAnswer(req).Fraga).toEqual({
      OrganisationsnummerForIngivare: req.ingivare.organisationsnummer,
      NamnPaIngivare: req.ingivare.namn,
      KontonamnForHandlaggare: req.ingivare.handlaggare,
      Referensnummer: req.arendeidentitet,
      From: req.tidsperiod.fromDatum,
      Tom: req.tidsperiod.tomDatum,
      SyfteMedFraga: req.syfte,
      LagParagraf: req.lagtext,
      OrganisationsnummerForPersonuppgiftsbitrade: '556677889900',
      NamnPaPersonuppgiftsbitrade: 'Systemleverantören AB',
      IdentitetsbeteckningFysiskPerson: req.personidentitet,
    });
    expect(afAnswer().Fraga).not.toHaveProperty('NamnPaPersonuppgiftsbitrade');
  });

  it('Given a personuppgiftsbiträde whose organisationsnummer AF cannot carry (not 10 to 12 characters), it is left out and the answer stays valid', () => {
    const payload = afAnswer({ personuppgiftsbitrade: [{ organisationsnummer: '123', namn: 'Kort AB' }] });
    expect(payload.Fraga).not.toHaveProperty('OrganisationsnummerForPersonuppgiftsbitrade');
    expect(contracts().check(afSource.schemaPath, payload)).toEqual([]);
  });

  it('Given a protected identity, Sekretessmarkering is true, the names are withheld and the rest is answered', () => {
    const payload = afAnswer({ personidentitet: pnr.hidden });
    expect(payload.Svar.Sekretessmarkering).toBe(true);
    expect(payload.Svar).not.toHaveProperty('Fornamn');
    expect(payload.Svar).not.toHaveProperty('Efternamn');
    expect(payload.Svar.ArbetssokandeInfo?.Arbetssokande).toBe(true);
    expect(payload.Svar.Akassetillhorighet).toBe('Kommunals a-kassa');
    expect(afSource.marksProtected(payload)).toBe(true);
    expect(afSource.marksProtected(afAnswer())).toBe(false);
  });

  it('Given a person AF does not know, the answer is "not registered" (status 1) with the query echoed, not an error', () => {
    const req = makeBaseRequest({ personidentitet: pnr.ghost });
    expect(afAnswer(req)).toEqual({
      Fraga: {
        OrganisationsnummerForIngivare: req.ingivare.organisationsnummer,
        NamnPaIngivare: req.ingivare.namn,
        KontonamnForHandlaggare: req.ingivare.handlaggare,
        Referensnummer: req.arendeidentitet,
        From: req.tidsperiod.fromDatum,
        Tom: req.tidsperiod.tomDatum,
        SyfteMedFraga: req.syfte,
        LagParagraf: req.lagtext,
        IdentitetsbeteckningFysiskPerson: pnr.ghost,
      },
      Svar: {
        Schemaversion: '2.0',
        Referensnummer: req.arendeidentitet,
        LagParagraf: req.lagtext,
        IdentitetsbeteckningFysiskPerson: pnr.ghost,
        Sekretessmarkering: false,
        StatusSokandeinformationKod: 1,
        StatusSokandeinformationKodText:
          'Personen är inte inskriven som arbetssökande hos Arbetsförmedlingen.',
      },
    });
  });

  it('Given a known person who is not a job seeker, or a persona with AF nodata, the answer has the same "not registered" shape', () => {
    const employed = afAnswer({ personidentitet: pnr.employed });
    expect(employed.Svar.StatusSokandeinformationKod).toBe(1);
    expect(employed.Svar).not.toHaveProperty('ArbetssokandeInfo');
    expect(employed.Svar).not.toHaveProperty('Fornamn');
    const silenced = makeScenario({
      personas: [makePersona({ sources: { AF: 'nodata' }, situation: { unemployed: true } })],
    });
    const req = makeBaseRequest();
    const payload = sourcePayload(afSource, silenced, req, now) as AfPayload;
    expect(payload.Svar.StatusSokandeinformationKod).toBe(1);
    expect(payload.Svar).not.toHaveProperty('ArbetssokandeInfo');
    expect(contracts().check(afSource.schemaPath, payload)).toEqual([]);
  });

  it('Given a protected person AF does not know, the "not registered" answer still marks the protected identity', () => {
    const hiddenGhost = makeScenario({
      personas: [makePersona({ protected: true, situation: { knownToSources: false } })],
    });
    const payload = sourcePayload(afSource, hiddenGhost, makeBaseRequest(), now) as AfPayload;
    expect(payload.Svar.StatusSokandeinformationKod).toBe(1);
    expect(afSource.marksProtected(payload)).toBe(true);
  });

  it('writes and reads back its document without loss', () => {
    for (const personidentitet of [pnr.seeker, pnr.programme, pnr.hidden, pnr.ghost]) {
      const payload = afAnswer({
        personidentitet,
        personuppgiftsbitrade: [{ organisationsnummer: '5566778899', namn: 'Biträdet AB' }],
      });
      expect(afSource.fromDocument(afSource.toDocument(payload))).toEqual(payload);
    }
  });

  it('Given the same scenario and query, the document text is identical; another seed gives another history', () => {
    const req = makeBaseRequest({ personidentitet: pnr.programme });
    const first = afSource.toDocument(afAnswer(req));
    expect(afSource.toDocument(afAnswer(req))).toBe(first);
    const other = sourcePayload(
      afSource,
      makeScenario({ seed: 'another-seed', personas }),
      req,
      now,
    ) as AfPayload;
    expect(afSource.toDocument(other)).not.toBe(first);
  });

  it.skipIf(!xsdAvailable)(
    'embeds into AF/data valid by the official XSD for a job seeker, a programme participant, a protected and an unknown person',
    () => {
      const envelopes = [pnr.seeker, pnr.programme, pnr.hidden, pnr.ghost].map((personidentitet) =>
        envelopeWithSourceData('AF', afSource.soapData(afAnswer({ personidentitet }), '            ')),
      );
      expect(xsdProblems(...envelopes)).toBe('');
    },
  );

  it('calls its base service by POSTing the query as JSON to its route', () => {
    const req = makeBaseRequest();
    const call = afSource.buildCall(req);
    expect(call).toEqual({
      method: 'POST',
      path: '/af/arbetssokande/ersattningsstod/v2/fraga',
      headers: { 'content-type': 'application/json', accept: 'application/xml' },
      body: JSON.stringify(req),
    });
  });

  it('answers over HTTP with the XML document, and 400 problem+json for a bad query', async () => {
    const app = createBaseServiceApp(afSource, {
      clock: fixedClock(now),
      scenarios: staticScenario(scenario),
      runtime: createRuntimeState(),
    });
    const ok = await request(app).post(afSource.routePath).send(makeBaseRequest());
    expect(ok.status).toBe(200);
    expect(ok.type).toBe('application/xml');
    expect(ok.text).toContain(
      '<af:SvarMeddelande xmlns:af="http://api.arbetsformedlingen.se/arbetssokande/ersattningsstod/v2">',
    );
    expect(afSource.fromDocument(ok.text)).toEqual(afAnswer());
    const bad = await request(app).post(afSource.routePath).send({ personidentitet: '123' });
    expect(bad.status).toBe(400);
    expect(bad.type).toBe('application/problem+json');
    expect(bad.body.detail).toContain('/personidentitet');
  });
});
