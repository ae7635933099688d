import { describe, expect, it } from 'vitest';
import { personFor, sourcePayload } from '../../simulator/base-services/answer.ts';
import type { AfPayload } from '../../simulator/base-services/af/generate.ts';
import { afSource } from '../../simulator/base-services/af/module.ts';
import { csnSource } from '../../simulator/base-services/csn/module.ts';
import type { CsnPayload } from '../../simulator/base-services/csn/types.ts';
import { fkSource } from '../../simulator/base-services/fk/module.ts';
import type { FkPayload } from '../../simulator/base-services/fk/types.ts';
import { mivSource } from '../../simulator/base-services/miv/module.ts';
import type { MivPayload } from '../../simulator/base-services/miv/types.ts';
import { skvSource } from '../../simulator/base-services/skv/module.ts';
import type { SkvPayload } from '../../simulator/base-services/skv/types.ts';
import { soSource } from '../../simulator/base-services/so/module.ts';
import type { SoPayload } from '../../simulator/base-services/so/types.ts';
import type { BaseServiceRequest, SourceModule } from '../../simulator/base-services/types.ts';
import { addDays, daysBetween } from '../../simulator/domain/dates.ts';
import { makePersonidentitet } from '../../simulator/domain/identity.ts';
import type { LifeSituation, PersonProfile } from '../../simulator/domain/person.ts';
import type { Scenario } from '../../simulator/scenarios/types.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';

const now = new Date('2026-11-27T10:00:00Z');
const today = '2026-11-27';
/** On 2026-11-27 the latest taxation year assessed (final tax decided by 15 December of it) is 2025. */
const LATEST_ASSESSED = 2025;

/** The situations the sources must agree on: a-kassa members, programme participants, newly arrived. */
const SITUATIONS: Partial<LifeSituation>[] = [
  { unemployed: true, akassa: 'Unionens a-kassa', activitySupport: false, residencePermit: false },
  { unemployed: true, akassa: null, activitySupport: true, residencePermit: false },
  { unemployed: true, akassa: null, activitySupport: true, residencePermit: true },
  { unemployed: true, akassa: 'Handels a-kassa', activitySupport: false, residencePermit: true },
  { unemployed: false, akassa: null, activitySupport: false, residencePermit: true },
];

/** Thirty adults (20 to 62 today) in those situations; every third newly arrived one has a samordningsnummer. */
function crowd(): { scenario: Scenario; ids: string[] } {
  const ids: string[] = [];
  const personas = Array.from({ length: 30 }, (_, i) => {
    const situation = SITUATIONS[i % SITUATIONS.length] ?? {};
    const birthDate = `${1964 + ((i * 7) % 43)}-${String((i % 12) + 1).padStart(2, '0')}-${String(((i * 5) % 28) + 1).padStart(2, '0')}`;
    const personidentitet = makePersonidentitet(
      birthDate,
      600 + i,
      situation.residencePermit === true && i % 3 === 0,
    );
    ids.push(personidentitet);
    return makePersona({ id: `c${i}`, personidentitet, situation });
  });
  return { scenario: makeScenario({ personas }), ids };
}

function ask<P>(
  source: SourceModule<P>,
  scenario: Scenario,
  personidentitet: string,
  fromDatum: string,
  tomDatum: string,
): P {
  const req: BaseServiceRequest = makeBaseRequest({ personidentitet, tidsperiod: { fromDatum, tomDatum } });
  return sourcePayload(source, scenario, req, now) as P;
}

/** What the sources say about one person, each asked for a period wide enough to hold the whole story. */
interface Answers {
  person: PersonProfile;
  af: AfPayload;
  so: SoPayload;
  fk: FkPayload;
  miv: MivPayload;
  csn: CsnPayload;
  skvRecent: SkvPayload;
  skvWide: SkvPayload;
}

function answers(scenario: Scenario, personidentitet: string): Answers {
  return {
    person: personFor(scenario, personidentitet, today),
    af: ask(afSource, scenario, personidentitet, '2023-01-01', today),
    so: ask(soSource, scenario, personidentitet, '2023-01-01', today),
    fk: ask(fkSource, scenario, personidentitet, '2023-01-01', today),
    miv: ask(mivSource, scenario, personidentitet, '2000-01-01', today),
    csn: ask(csnSource, scenario, personidentitet, '2000-01-01', today),
    skvRecent: ask(skvSource, scenario, personidentitet, '2026-05-01', '2026-10-31'),
    skvWide: ask(skvSource, scenario, personidentitet, '2021-01-01', today),
  };
}

const COMPENSATION_CODE = {
  AS: 'Aktivitetsstöd',
  UE: 'Utvecklingsersättning',
  EE: 'Etableringsersättning',
} as const;

describe('one person, consistent across the sources', () => {
  const { scenario, ids } = crowd();
  const all = ids.map((id) => answers(scenario, id));

  it("Given 30 job seekers, AF's registration in force starts on the shared unemployedSince, after any arrival", () => {
    let registered = 0;
    for (const { person, af } of all) {
      const since = person.timeline.unemployedSince;
      const info = af.Svar.ArbetssokandeInfo;
      if (since === undefined) {
        expect(info, person.personidentitet).toBeUndefined();
        continue;
      }
      expect(since <= today).toBe(true);
      expect(info?.ArbetssokandeRegistrerad, person.personidentitet).toBe(since);
      if (person.timeline.arrivalDate !== undefined) expect(since > person.timeline.arrivalDate).toBe(true);
      registered++;
    }
    expect(registered).toBe(24);
  });

  it("Given a-kassa members, SO's spell starts on the day of AF's registration: no payment, suspension or decision before it", () => {
    let paid = 0;
    let exact = 0;
    for (const { person, af, so } of all) {
      const entry = so.ArbetsloshetsersattningLista.Arbetsloshetsersattning?.[0];
      if (entry === undefined || !person.situation.unemployed) continue;
      const registered = af.Svar.ArbetssokandeInfo?.ArbetssokandeRegistrerad ?? '';
      expect(registered).toBe(person.timeline.unemployedSince);
      const payments = entry.Utbetalningar ?? [];
      for (const u of payments)
        expect(u.AvserFrom >= registered, `${u.AvserFrom} before ${registered}`).toBe(true);
      for (const a of entry.Avstangningar ?? []) expect(a.AvstangdFrom >= registered).toBe(true);
      const decision = entry.AnsoktOmErsattning?.BeslutOmRattTillErsattning;
      if (decision !== undefined && decision !== null) expect(decision >= registered).toBe(true);
      const first = payments[0];
      if (first === undefined) continue;
      paid++;
      // The first payment is for the period holding the registration day, unless nothing was paid for it.
      expect(daysBetween(registered, first.AvserFrom), person.personidentitet).toBeLessThanOrEqual(31);
      if (first.AvserFrom === registered) exact++;
    }
    expect(paid).toBeGreaterThanOrEqual(8);
    expect(exact).toBeGreaterThanOrEqual(paid / 2);
  });

  it("Given programme participants, AF's decisions and FK's programme compensation start on programmeSince, inside the registration, and name the same compensation", () => {
    let programmes = 0;
    for (const { person, af, fk } of all) {
      if (!person.situation.activitySupport) continue;
      programmes++;
      const registered = af.Svar.ArbetssokandeInfo?.ArbetssokandeRegistrerad ?? '';
      const programme = person.timeline.programmeSince ?? '';
      expect(programme >= registered && programme <= addDays(today, -42), person.personidentitet).toBe(true);
      const beslut = af.Svar.BeslutInfo?.EkonomiskaBeslut.Beslut ?? [];
      expect(beslut[0]?.BeslutFrom).toBe(programme);
      for (const b of beslut) {
        expect(b.BeslutFrom >= registered && b.BeslutFrom <= today).toBe(true);
        expect(b.ErsattningTyp).toBe(beslut[0]?.ErsattningTyp);
      }
      const info = fk.formansinformation;
      expect(info?.programanvisning?.[0]?.period.fran).toBe(programme);
      for (const arende of info?.aktivitetsstodsarende ?? []) {
        expect(arende.startades >= registered).toBe(true);
        for (const b of arende.beslut) expect((b.period.fran ?? '') >= programme).toBe(true);
      }
      const fkBeslut = info?.programersattningsarende?.flatMap((a) => a.beslut) ?? [];
      expect(fkBeslut.length, person.personidentitet).toBeGreaterThan(0);
      for (const b of fkBeslut) {
        expect((b.period.fran ?? '') >= programme).toBe(true);
        expect(COMPENSATION_CODE[b.ersattning.id as keyof typeof COMPENSATION_CODE]).toBe(
          beslut[0]?.ErsattningTyp,
        );
      }
      // Etableringsersättning is not aktivitetsstöd: no aktivitetsstöd case for it.
      if (beslut[0]?.ErsattningTyp === 'Etableringsersättning')
        expect(info?.aktivitetsstodsarende ?? []).toEqual([]);
      else expect(info?.aktivitetsstodsarende?.length).toBe(1);
    }
    expect(programmes).toBe(12);
  });

  it("Given newly arrived persons, MIV's inresedatum is the shared arrivalDate and CSN's hemutrustningslån comes after it", () => {
    let arrived = 0;
    let loans = 0;
    for (const { person, miv, csn } of all) {
      const arrival = person.timeline.arrivalDate;
      if (!person.situation.residencePermit) {
        expect(miv.response?.inresedatum).toBeUndefined();
        continue;
      }
      arrived++;
      expect(arrival).toBeDefined();
      expect(miv.response?.inresedatum, person.personidentitet).toBe(arrival);
      for (const hut of csn.Personer.Person?.flatMap((p) => p.HemutrustningsLan.Arenden?.Arende ?? []) ??
        []) {
        loans++;
        for (const u of hut.UtbetalningsPlan.Utbetalning ?? [])
          expect(u.utbetdatum > (arrival ?? ''), `${u.utbetdatum} after ${arrival}`).toBe(true);
      }
    }
    expect(arrived).toBe(18);
    expect(loans).toBeGreaterThan(0);
  });

  it('Given any period, SKV reports only taxation years assessed by today: for a recent period, the latest assessed one', () => {
    for (const { skvRecent, skvWide } of all) {
      const years = (p: SkvPayload): number[] =>
        (p.PersonuppgiftLista.Personuppgift[0]?.Forvarvsinkomstuppgift ?? []).map((u) =>
          Number(u.Taxeringsar),
        );
      for (const y of [...years(skvRecent), ...years(skvWide)])
        expect(y).toBeLessThanOrEqual(LATEST_ASSESSED);
      expect(years(skvRecent).every((y) => y === LATEST_ASSESSED)).toBe(true);
    }
  });

  it('Given a persona that fixes the timeline, every source follows it', () => {
    const personidentitet = makePersonidentitet('1990-05-17', 777);
    const fixed: Partial<LifeSituation> = {
      unemployed: true,
      activitySupport: true,
      akassa: 'Kommunals a-kassa',
      residencePermit: true,
      arrivalDate: '2023-09-04',
      unemployedSince: '2024-02-12',
      programmeSince: '2024-06-03',
    };
    const sc = makeScenario({ personas: [makePersona({ id: 'fixed', personidentitet, situation: fixed })] });
    const { af, so, fk, miv } = answers(sc, personidentitet);
    expect(af.Svar.ArbetssokandeInfo?.ArbetssokandeRegistrerad).toBe('2024-02-12');
    expect(af.Svar.BeslutInfo?.EkonomiskaBeslut.Beslut?.[0]).toMatchObject({
      BeslutFrom: '2024-06-03',
      ErsattningTyp: 'Etableringsersättning',
    });
    const payments = so.ArbetsloshetsersattningLista.Arbetsloshetsersattning?.[0]?.Utbetalningar ?? [];
    expect(payments[0]?.AvserFrom).toBe('2024-02-12');
    expect(fk.formansinformation?.programanvisning?.[0]?.period.fran).toBe('2024-06-03');
    expect(miv.response?.inresedatum).toBe('2023-09-04');
  });
});
