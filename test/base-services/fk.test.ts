import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import { createBaseServiceApp } from '../../simulator/base-services/app.ts';
import { derivedCorrelationId } from '../../simulator/base-services/fk/call.ts';
import { fkSource } from '../../simulator/base-services/fk/module.ts';
import type { FkPayload, UtbetalningUppgift } from '../../simulator/base-services/fk/types.ts';
import type { BaseServiceRequest, FkQueryPart } from '../../simulator/base-services/types.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { staticScenario } from '../../simulator/domain/context.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { addDays, addMonths } from '../../simulator/domain/dates.ts';
import { makePersonidentitet } from '../../simulator/domain/identity.ts';
import type { LifeSituation } from '../../simulator/domain/person.ts';
import type { Persona } from '../../simulator/scenarios/types.ts';
import { envelopeWithSourceData, xsdAvailable, xsdProblems } from '../support/xsd.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';

const now = new Date('2026-11-27T10:00:00Z');
const today = '2026-11-27';
const AKTOR = '9255f428-4ba0-63ce-5407-e65d469fac0f';
const ROUTE = `/lefi-extern-formansinformation/v9/aktorer/${AKTOR}/formansinformation/fraga`;

type Lists = Partial<
  Record<
    | 'formansinformation'
    | 'ansprak'
    | 'beslut'
    | 'preliminaraUtbetalningar'
    | 'utbetalningar'
    | 'ovrigInformation',
    string[]
  >
>;

/** A LEFI query for a person and period. */
function lefiQuery(personnummer: string, from: string, tom: string, lists: Lists): Record<string, unknown> {
  return { personnummer, period: { from, tom }, ...lists };
}

/** The FK part and base request of a LEFI query, as parseIncoming builds them. */
function asked(
  personidentitet: string,
  from: string,
  tom: string,
  lists: Lists,
): { req: BaseServiceRequest; fk: FkQueryPart } {
  return {
    req: makeBaseRequest({ personidentitet, tidsperiod: { fromDatum: from, tomDatum: tom } }),
    fk: { version: 'v9', aktorsid: AKTOR, lefiJsonFraga: lefiQuery(personidentitet, from, tom, lists) },
  };
}

const EVERYTHING: Lists = {
  formansinformation: [
    'FK:SJP',
    'FK:FP',
    'FK:TFP',
    'FK:ABB',
    'FK:US',
    'FK:BOB',
    'FK:AS',
    'FK:PROG',
    'FK:PJOB',
    'FK:AP',
    'FK:BST',
    'FK:HE',
  ],
  ansprak: ['PM:AP', 'PM:BTI'],
  beslut: ['PM:AP', 'PM:BTI'],
  preliminaraUtbetalningar: ['FK:ABB', 'FK:BOB', 'FK:US', 'FK:SJP', 'PM:AP', 'PM:BTI'],
  utbetalningar: [
    'FK:SJP',
    'FK:FP',
    'FK:TFP',
    'FK:ABB',
    'FK:US',
    'FK:BOB',
    'FK:AS',
    'FK:AP',
    'FK:BST',
    'PM:AP',
    'PM:BTI',
  ],
  ovrigInformation: ['FK:GEPI', 'FK:SGI', 'FK:STAV', 'FK:PANV', 'PM:PU'],
};

const sick = makePersona({
  id: 'sick',
  personidentitet: makePersonidentitet('1984-02-10', 231),
  situation: { sickLeave: true, yearlyIncome: 320_000 },
});
const family = makePersona({
  id: 'family',
  personidentitet: makePersonidentitet('1988-09-21', 482),
  situation: { children: 3, parentalLeave: true, housingAllowance: true, pensioner: false },
});
const pensioner = makePersona({
  id: 'pensioner',
  personidentitet: makePersonidentitet('1952-05-03', 155),
  situation: { pensioner: true, yearlyIncome: 150_000 },
});
const hidden = makePersona({
  id: 'hidden',
  personidentitet: makePersonidentitet('1979-12-01', 364),
  protected: true,
  situation: { children: 1 },
});
const ghost = makePersona({
  id: 'ghost',
  personidentitet: '199001012385',
  situation: { knownToSources: false },
});
const scenario = makeScenario({ personas: [sick, family, pensioner, hidden, ghost] });

function payloadFor(persona: Persona, from: string, tom: string, lists: Lists): FkPayload {
  const { req, fk } = asked(persona.personidentitet, from, tom, lists);
  return sourcePayload(fkSource, scenario, req, now, fk) as FkPayload;
}

function allPayments(p: FkPayload): UtbetalningUppgift[] {
  return [
    ...(p.formansinformation?.utbetalningsuppgift ?? []),
    ...(p.formansinformation?.preliminarautbetalningar ?? []),
  ];
}

describe('FK base service (LEFI v9)', () => {
  it('Given 40 persons, situations, periods and lists, every payload is valid by the contract', () => {
    const situations: Partial<LifeSituation>[] = [
      {},
      { sickLeave: true },
      { parentalLeave: true, children: 2 },
      { children: 1, housingAllowance: true },
      { activitySupport: true, unemployed: true },
      { pensioner: true },
      { student: true },
      { sickLeave: true, children: 3, housingAllowance: true, parentalLeave: true, activitySupport: true },
    ];
    const listsets: Lists[] = [
      EVERYTHING,
      { formansinformation: ['FK:SJP'] },
      { ovrigInformation: ['FK:GEPI'] },
      { ansprak: ['PM:AP'], utbetalningar: ['PM:AP', 'PM:BTI'] },
    ];
    const personas: Persona[] = [];
    for (let i = 0; i < 40; i++) {
      const birth = `${1940 + i * 2}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
      personas.push(
        makePersona({
          id: `p${i}`,
          personidentitet: makePersonidentitet(birth, 100 + i, i % 9 === 0),
          protected: i % 7 === 0,
          situation: situations[i % situations.length] ?? {},
        }),
      );
    }
    const many = makeScenario({ personas });
    for (const [i, persona] of personas.entries()) {
      const from = addMonths('2024-01-01', i % 30);
      const tom = addDays(addMonths(from, 1 + (i % 24)), -1);
      const { req, fk } = asked(
        persona.personidentitet,
        from,
        tom,
        listsets[i % listsets.length] ?? EVERYTHING,
      );
      const payload = sourcePayload(fkSource, many, req, now, fk);
      expect(contracts().check(fkSource.schemaPath, payload), persona.id).toEqual([]);
      const all = sourcePayload(fkSource, many, req, now);
      expect(contracts().check(fkSource.schemaPath, all), `${persona.id} (every list)`).toEqual([]);
    }
  });

  it('writes and reads back its JSON document without loss', () => {
    const payload = payloadFor(family, '2026-01-01', '2026-12-31', EVERYTHING);
    expect(fkSource.fromDocument(fkSource.toDocument(payload))).toEqual(payload);
  });

  it.skipIf(!xsdAvailable)('embeds base64 JSON into FK/data/lefiJsonSvar valid by the official XSD', () => {
    const payload = payloadFor(pensioner, '2026-01-01', '2026-06-30', EVERYTHING);
    const data = fkSource.soapData(payload, '            ');
    expect(data).toMatch(/^ {12}<ssbt:lefiJsonSvar>[A-Za-z0-9+/=]+<\/ssbt:lefiJsonSvar>$/);
    const base64 = /<ssbt:lefiJsonSvar>(.*)<\/ssbt:lefiJsonSvar>/.exec(data)?.[1] ?? '';
    expect(JSON.parse(Buffer.from(base64, 'base64').toString('utf8'))).toEqual(payload);
    expect(xsdProblems(envelopeWithSourceData('FK', data))).toBe('');
  });

  it('Given only FK:SJP is asked, Then only FK answers, with only sjukpenningarende', () => {
    const payload = payloadFor(sick, '2026-01-01', '2026-10-31', { formansinformation: ['FK:SJP'] });
    expect(payload.utlamnare?.map((u) => u.utlamnare.kod)).toEqual(['FK']);
    expect(Object.keys(payload)).toEqual(['utlamnare', 'avvikelser', 'formansinformation']);
    expect(Object.keys(payload.formansinformation ?? {})).toEqual(['sjukpenningarende']);
    expect(payload.formansinformation?.sjukpenningarende?.[0]?.beslut.length).toBeGreaterThan(0);
    const { req, fk } = asked(sick.personidentitet, '2026-01-01', '2026-10-31', {
      formansinformation: ['FK:SJP'],
    });
    const fromText = sourcePayload(fkSource, scenario, req, now, {
      ...fk,
      lefiJsonFraga: JSON.stringify(fk.lefiJsonFraga),
    });
    expect(fromText).toEqual(payload);
  });

  it('Given FK:US, FK:ABB and payments are asked, Then each asked list is there (empty when nothing is found) and no other', () => {
    const payload = payloadFor(family, '2026-01-01', '2026-10-31', {
      formansinformation: ['FK:ABB', 'FK:US'],
      utbetalningar: ['FK:ABB'],
    });
    expect(Object.keys(payload.formansinformation ?? {}).sort()).toEqual([
      'barnbidragsarende',
      'underhallsskuld',
      'underhallsstodskrav',
      'underhallsstodsmottag',
      'utbetalningsuppgift',
    ]);
    expect(payload.formansinformation?.barnbidragsarende).toHaveLength(3);
    expect(new Set(payload.formansinformation?.utbetalningsuppgift?.map((u) => u.formansfamilj.id))).toEqual(
      new Set(['ABB']),
    );
  });

  it('Given a pensioner, Then Pensionsmyndigheten answers with claims, decisions and payments of allmän pension', () => {
    const payload = payloadFor(pensioner, '2026-01-01', '2026-12-31', {
      ansprak: ['PM:AP'],
      beslut: ['PM:AP'],
      utbetalningar: ['PM:AP'],
      preliminaraUtbetalningar: ['PM:AP'],
      ovrigInformation: ['PM:PU'],
    });
    expect(payload.utlamnare?.map((u) => u.utlamnare.kod)).toEqual(['PM']);
    expect(payload.formansinformation).toBeUndefined();
    expect(payload.ansprak?.[0]?.formansgrupp).toEqual({ kod: 'PM:AP', beskrivning: 'Allmän pension' });
    expect(payload.beslut?.[0]?.beslutadErsattning[0]?.ersattningstyp.kod).toBe('PM:IP');
    expect(payload.utbetalningar?.length).toBe(11);
    expect(payload.preliminaraUtbetalningar?.map((u) => u.utbetalningsdatum)).toEqual(['2026-12-18']);
    for (const u of [...(payload.utbetalningar ?? []), ...(payload.preliminaraUtbetalningar ?? [])]) {
      expect(u.utbetalningsrader.every((r) => r.formansgrupp.kod === 'PM:AP')).toBe(true);
      expect(u.nettobelopp).toBe(u.bruttobelopp - u.avdrag.reduce((s, a) => s + a.belopp, 0));
    }
    expect(payload.ovrigInformation?.[0]?.informationstyp.kod).toBe('PM:PU');
    const fkView = payloadFor(pensioner, '2026-01-01', '2026-12-31', {
      formansinformation: ['FK:AP'],
      utbetalningar: ['FK:AP'],
    });
    expect(fkView.formansinformation?.allmanpensionsarende?.[0]?.beslut.length).toBeGreaterThan(0);
    expect(fkView.formansinformation?.utbetalningsuppgift?.[0]?.foretag).toEqual({
      id: 1003,
      beskrivning: 'Pensionsmyndigheten',
    });
  });

  it('Given a person who is not a pensioner, Then PM has nothing for them', () => {
    const payload = payloadFor(sick, '2026-01-01', '2026-12-31', {
      ansprak: ['PM:AP'],
      beslut: ['PM:AP'],
      utbetalningar: ['PM:AP'],
    });
    expect(payload).toMatchObject({ ansprak: [], beslut: [], utbetalningar: [] });
  });

  it('marks a protected identity in generellPersoninformation.skyddad and withholds the address', () => {
    const shielded = payloadFor(hidden, '2026-01-01', '2026-06-30', { ovrigInformation: ['FK:GEPI'] });
    const info = shielded.formansinformation?.generellPersoninformation?.[0];
    expect(info?.skyddad).toBe(true);
    expect(info?.adress).toBeUndefined();
    expect(info?.folkbokford).toBeUndefined();
    expect(info?.barn?.every((b) => b.skyddad === true)).toBe(true);
    expect(fkSource.marksProtected(shielded)).toBe(true);
    const open = payloadFor(family, '2026-01-01', '2026-06-30', { ovrigInformation: ['FK:GEPI'] });
    expect(open.formansinformation?.generellPersoninformation?.[0]).toMatchObject({
      personnummer: family.personidentitet,
      skyddad: false,
      foddes: '1988-09-21',
    });
    expect(open.formansinformation?.generellPersoninformation?.[0]?.adress).toHaveLength(1);
    expect(fkSource.marksProtected(open)).toBe(false);
  });

  it('Given a person LEFI does not know, the answer holds the asked lists, empty (no data, not an error)', () => {
    const payload = payloadFor(ghost, '2026-01-01', '2026-06-30', {
      formansinformation: ['FK:SJP'],
      utbetalningar: ['PM:AP'],
      ovrigInformation: ['FK:GEPI'],
    });
    expect(payload).toEqual({
      utlamnare: [
        {
          utlamnare: { kod: 'FK', namn: 'Försäkringskassan' },
          tillstand: { kod: 'OK', beskrivning: 'Tillgänglig' },
        },
        {
          utlamnare: { kod: 'PM', namn: 'Pensionsmyndigheten' },
          tillstand: { kod: 'OK', beskrivning: 'Tillgänglig' },
        },
      ],
      avvikelser: {},
      formansinformation: { generellPersoninformation: [], sjukpenningarende: [] },
      utbetalningar: [],
    });
    expect(contracts().check(fkSource.schemaPath, payload)).toEqual([]);
    expect(fkSource.marksProtected(payload)).toBe(false);
  });

  it('is deterministic, and overlapping periods agree on what they share', () => {
    const a = fkSource.toDocument(payloadFor(family, '2026-01-01', '2026-06-30', EVERYTHING));
    expect(fkSource.toDocument(payloadFor(family, '2026-01-01', '2026-06-30', EVERYTHING))).toBe(a);
    const first = payloadFor(family, '2025-07-01', '2026-06-30', EVERYTHING);
    const second = payloadFor(family, '2026-01-01', '2026-10-31', EVERYTHING);
    const shared = (p: FkPayload): UtbetalningUppgift[] =>
      allPayments(p).filter((u) => u.datum >= '2026-01-01' && u.datum <= '2026-06-30');
    expect(shared(first).length).toBeGreaterThan(0);
    expect(shared(first)).toEqual(shared(second));
    expect(first.formansinformation?.generellPersoninformation).toEqual(
      second.formansinformation?.generellPersoninformation,
    );
  });

  it('reports payments dated inside the period, at plausible amounts, and decisions overlapping it', () => {
    for (const persona of [sick, family, pensioner, hidden]) {
      const [from, tom] = ['2026-03-01', '2026-09-30'];
      const payload = payloadFor(persona, from, tom, EVERYTHING);
      const payments = allPayments(payload);
      for (const u of payments) {
        expect(u.datum >= from && u.datum <= tom, `${persona.id} ${u.datum}`).toBe(true);
        expect(u.bruttobelopp.summa).toBeGreaterThan(0);
        expect(u.bruttobelopp.summa).toBeLessThan(60_000);
        expect(u.nettobelopp.summa).toBe(u.bruttobelopp.summa - u.avdragsbelopp.summa);
        expect(Number(u.datum.slice(8))).toBeGreaterThanOrEqual(14);
      }
      for (const u of payload.formansinformation?.utbetalningsuppgift ?? [])
        expect(u.datum <= today).toBe(true);
      for (const u of payload.formansinformation?.preliminarautbetalningar ?? [])
        expect(u.datum > today).toBe(true);
      for (const list of Object.values(payload.formansinformation ?? {})) {
        for (const arende of list ?? []) {
          for (const b of (arende as { beslut?: { period: { fran?: string; till?: string } }[] }).beslut ??
            []) {
            expect(
              (b.period.fran ?? '') <= tom && (b.period.till ?? '9999') >= from,
              `${persona.id} ${JSON.stringify(b.period)}`,
            ).toBe(true);
          }
        }
      }
      for (const u of payload.utbetalningar ?? [])
        expect(u.utbetalningsdatum >= from && u.utbetalningsdatum <= tom).toBe(true);
    }
    const sickPay =
      payloadFor(sick, '2026-01-01', '2026-11-27', { utbetalningar: ['FK:SJP'] }).formansinformation
        ?.utbetalningsuppgift ?? [];
    expect(sickPay.length).toBeGreaterThan(0);
    for (const u of sickPay)
      expect(
        u.utbetalningsdetalj.some((d) => d.beloppstyp.id === 'PS' && (d.skattebelopp?.summa ?? 0) > 0),
      ).toBe(true);
  });

  it('builds the composite call: LEFI path, the query as it is, a correlation id', () => {
    const { req, fk } = asked(family.personidentitet, '2026-01-01', '2026-06-30', {
      formansinformation: ['FK:FP'],
    });
    const call = fkSource.buildCall(req, { ...fk, version: undefined, aktorsid: 'a/b' });
    expect(call.method).toBe('POST');
    expect(call.path).toBe('/lefi-extern-formansinformation/v9/aktorer/a%2Fb/formansinformation/fraga');
    expect(JSON.parse(call.body)).toEqual(fk.lefiJsonFraga);
    expect(call.headers).toMatchObject({ 'content-type': 'application/json', accept: 'application/json' });
    expect(call.headers['x-correlation-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(call.headers['x-correlation-id']).toBe(
      derivedCorrelationId(req, { ...fk, version: undefined, aktorsid: 'a/b' }),
    );
    expect(fkSource.buildCall({ ...req, korrelationsid: 'k-1' }, fk).headers['x-correlation-id']).toBe('k-1');
    expect(fkSource.buildCall(req, { ...fk, lefiJsonFraga: '{"personnummer":"x"}' }).body).toBe(
      '{"personnummer":"x"}',
    );
    expect(() => fkSource.buildCall(req)).toThrow(/FK query part/);
  });
});

describe('FK base service over HTTP', () => {
  const municipalities = [{ organisationsnummer: '162120002411', namn: 'Exempelkommunen', aktorsid: AKTOR }];
  const known = makeScenario({ personas: scenario.personas, municipalities });
  const app = createBaseServiceApp(fkSource, { clock: fixedClock(now), scenarios: staticScenario(known), runtime: createRuntimeState() });
  const open = createBaseServiceApp(fkSource, {
    clock: fixedClock(now),
    scenarios: staticScenario(scenario), runtime: createRuntimeState(),
  });
  const query = lefiQuery(family.personidentitet, '2026-01-01', '2026-06-30', {
    formansinformation: ['FK:ABB'],
    utbetalningar: ['FK:ABB'],
    ovrigInformation: ['FK:GEPI'],
  });

  it('answers a valid LEFI query with 200 and LEFI JSON', async () => {
    const res = await request(app).post(ROUTE).set('x-correlation-id', 'corr-1').send(query);
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    const { req, fk } = asked(family.personidentitet, '2026-01-01', '2026-06-30', {});
    expect(fkSource.fromDocument(res.text)).toEqual(
      sourcePayload(fkSource, known, req, now, { ...fk, lefiJsonFraga: query }),
    );
    expect(contracts().check(fkSource.schemaPath, res.body)).toEqual([]);
  });

  it('reads a 10-digit personnummer as the same person', async () => {
    const res = await request(app)
      .post(ROUTE)
      .send({ ...query, personnummer: family.personidentitet.slice(2) });
    expect(res.status).toBe(200);
    expect((res.body as FkPayload).formansinformation?.generellPersoninformation?.[0]?.personnummer).toBe(
      family.personidentitet,
    );
  });

  it.each([
    [
      'no group or type asked',
      {
        personnummer: family.personidentitet,
        period: { from: '2026-01-01', tom: '2026-06-30' },
        formansinformation: [],
      },
      'Ingen förmånsgrupp eller typ av övrig information är angiven i frågan.',
    ],
    [
      'a period over two years',
      { ...query, period: { from: '2024-01-01', tom: '2026-01-02' } },
      'Den angivna perioden är längre än två år.',
    ],
    [
      'a reversed period',
      { ...query, period: { from: '2026-06-30', tom: '2026-01-01' } },
      'Periodens första datum (from) är senare än dess sista datum (tom).',
    ],
  ])("answers 400 with LEFI's message for %s", async (_title, body, meddelande) => {
    const res = await request(app).post(ROUTE).send(body);
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/json');
    expect(res.body).toEqual({ meddelande });
    expect(contracts().check('base-services/fk/felsvar.schema.json', res.body)).toEqual([]);
    expect(fkSource.readError?.(res.status, res.text)).toEqual({
      felkod: 'LEFI-400',
      felmeddelande: [meddelande],
    });
  });

  it('accepts a period of exactly two years', async () => {
    const res = await request(app)
      .post(ROUTE)
      .send({ ...query, period: { from: '2024-01-01', tom: '2026-01-01' } });
    expect(res.status).toBe(200);
  });

  it('answers 400 saying what is wrong for a query that breaks the schema', async () => {
    const res = await request(app)
      .post(ROUTE)
      .send({ personnummer: '12345', period: { from: '2026-01-01' }, formansinformation: ['FK:XYZ'] });
    expect(res.status).toBe(400);
    const meddelande = (res.body as { meddelande: string }).meddelande;
    expect(meddelande).toMatch(/^Felaktiga indata: /);
    expect(meddelande).toContain('/personnummer');
    expect(meddelande).toContain('"tom"');
    expect(meddelande).toContain('/formansinformation/0');
    expect(fkSource.readError?.(400, res.text)?.felkod).toBe('LEFI-400');
  });

  it('answers 403 for an aktorsId the scenario does not list, and accepts any when it lists none', async () => {
    const forbidden = await request(app).post(ROUTE.replace(AKTOR, 'okand-aktor')).send(query);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual({
      meddelande: 'Aktören är okänd eller får inte företrädas av anroparen.',
    });
    expect(fkSource.readError?.(403, forbidden.text)).toEqual({
      felkod: 'LEFI-403',
      felmeddelande: ['Aktören är okänd eller får inte företrädas av anroparen.'],
    });
    const anyone = await request(open).post(ROUTE.replace(AKTOR, 'okand-aktor')).send(query);
    expect(anyone.status).toBe(200);
  });

  it('answers 404 for a LEFI version other than v9', async () => {
    const res = await request(app).post(ROUTE.replace('/v9/', '/v8/')).send(query);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      meddelande: 'Versionen v8 av LEFI extern förmånsinformation finns inte. Använd v9.',
    });
    expect(fkSource.readError?.(404, res.text)).toEqual({
      felkod: 'LEFI-404',
      felmeddelande: ['Versionen v8 av LEFI extern förmånsinformation finns inte. Använd v9.'],
    });
  });

  it("reads the generic technical error a scenario asks for, and LEFI's 500", async () => {
    const failing = makeScenario({
      personas: scenario.personas,
      sources: { FK: { failure: { mode: 'technical-error' } } },
    });
    const res = await request(
      createBaseServiceApp(fkSource, { clock: fixedClock(now), scenarios: staticScenario(failing), runtime: createRuntimeState() }),
    )
      .post(ROUTE)
      .send(query);
    expect(res.status).toBe(500);
    expect(fkSource.readError?.(res.status, res.text)).toEqual({
      felkod: 'FK-TEKNISKT-FEL',
      felmeddelande: ['Tekniskt fel i bastjänsten hos FK. Försök igen senare.'],
    });
    expect(
      fkSource.readError?.(
        500,
        JSON.stringify({ meddelande: 'Internt fel.', timestamp: '2026-11-27T10:00:00Z' }),
      ),
    ).toEqual({ felkod: 'LEFI-500', felmeddelande: ['Internt fel.'] });
    expect(fkSource.readError?.(502, 'not json')).toBeUndefined();
  });
});
