import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import { createBaseServiceApp } from '../../simulator/base-services/app.ts';
import { mondayOfIsoWeek } from '../../simulator/base-services/csn/calendar.ts';
import { csnSource } from '../../simulator/base-services/csn/module.ts';
import type {
  CsnBelopp,
  CsnPayload,
  CsnPerson,
  CsnStudieArende,
  CsnUtbetalning,
} from '../../simulator/base-services/csn/types.ts';
import type { BaseServiceRequest } from '../../simulator/base-services/types.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { staticScenario } from '../../simulator/domain/context.ts';
import { createRuntimeState } from '../../simulator/runtime/state.ts';
import { addDays, addMonths } from '../../simulator/domain/dates.ts';
import { makePersonidentitet } from '../../simulator/domain/identity.ts';
import type { Persona } from '../../simulator/scenarios/types.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';
import { envelopeWithSourceData, xsdAvailable, xsdProblems } from '../support/xsd.ts';

const now = new Date('2026-11-27T10:00:00Z');
const today = '2026-11-27';

/** CSN's own schemas beside the repository (../shared/reference), never copied into it. */
const CSN_XSD_DIR = resolve(
  import.meta.dirname,
  '../../../shared/reference/ssbtek-v10/contract/se/csn/schema/v4_0',
);
const KOMMUNFRAGA_XSD = join(CSN_XSD_DIR, 'kommunfraga', 'kommunfraga.xsd');
const csnXsdAvailable =
  existsSync(KOMMUNFRAGA_XSD) && spawnSync('sh', ['-c', 'command -v xmllint']).status === 0;
if (!csnXsdAvailable && process.env.CI === 'true') {
  throw new Error(`CI=true but CSN's XSD check cannot run (${KOMMUNFRAGA_XSD}, xmllint)`);
}

/**
 * Validates CSNSvar documents with xmllint against CSN's own kommunfraga.xsd. It imports a Sambruk
 * schema that is not published; an XML catalog in a temp dir puts a stand-in in its place whose
 * type SBNUppgEkBistandBegar accepts any content. Returns '' when every document is valid.
 */
function csnXsdProblems(documents: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'csn-xsd-'));
  const missing = resolve(
    CSN_XSD_DIR,
    'kommunfraga',
    '../../../../sambruk/sbnyttomeddelanden/SBNUppgEkBistandBegar_v1_0.xsd',
  );
  const standIn = join(dir, 'sambruk-stand-in.xsd');
  writeFileSync(
    standIn,
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.sambruk.se/SBNyttomeddelanden" elementFormDefault="qualified">
  <xs:complexType name="SBNUppgEkBistandBegar">
    <xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    <xs:anyAttribute processContents="lax"/>
  </xs:complexType>
</xs:schema>
`,
  );
  const standInUrl = pathToFileURL(standIn).href;
  const catalog = join(dir, 'catalog.xml');
  writeFileSync(
    catalog,
    `<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">
  <system systemId="${missing}" uri="${standInUrl}"/>
  <system systemId="${pathToFileURL(missing).href}" uri="${standInUrl}"/>
  <uri name="${missing}" uri="${standInUrl}"/>
</catalog>
`,
  );
  const files = documents.map((doc, i) => {
    const file = join(dir, `csn-${i}.xml`);
    writeFileSync(file, doc);
    return file;
  });
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', KOMMUNFRAGA_XSD, ...files], {
    encoding: 'utf8',
    env: { ...process.env, XML_CATALOG_FILES: catalog },
  });
  if (run.status === 0) return '';
  const lines = `${run.stdout}${run.stderr}`
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.endsWith(' validates'));
  return lines.slice(0, 30).join('\n') || `xmllint exited with ${String(run.status)}`;
}

/** 40 persons in varied situations, each asked about for a different period. */
function variedCases(): { persona: Persona; request: BaseServiceRequest }[] {
  const out: { persona: Persona; request: BaseServiceRequest }[] = [];
  for (let i = 0; i < 40; i++) {
    const birthDate = addDays(`${1962 + ((i * 7) % 45)}-01-01`, (i * 53) % 365);
    const personidentitet = makePersonidentitet(birthDate, 100 + i * 3, i % 13 === 5);
    const fromDatum = addMonths('2022-01-01', (i * 5) % 56);
    const tomDatum = addDays(addMonths(fromDatum, 1 + ((i * 7) % 18)), -1);
    const persona = makePersona({
      id: `p${i}`,
      personidentitet,
      protected: i % 9 === 4,
      situation: {
        student: i % 3 === 0,
        studentLoanRepayment: i % 3 === 1 && i % 2 === 0,
        residencePermit: i % 4 === 2,
        children: i % 5,
      },
    });
    out.push({ persona, request: makeBaseRequest({ personidentitet, tidsperiod: { fromDatum, tomDatum } }) });
  }
  return out;
}

const varied = variedCases();
const student = makePersona({
  id: 'student',
  personidentitet: '199803152389',
  situation: { student: true, children: 1 },
});
const nobody = makePersona({
  id: 'nobody',
  personidentitet: '197202142381',
  situation: { student: false, studentLoanRepayment: false, residencePermit: false },
});
const hidden = makePersona({
  id: 'hidden',
  personidentitet: '199607232387',
  protected: true,
  situation: { student: true },
});
const ghost = makePersona({
  id: 'ghost',
  personidentitet: '199001012385',
  protected: true,
  situation: { knownToSources: false },
});
const optedOut = makePersona({
  id: 'opted-out',
  personidentitet: '199104112389',
  situation: { student: true },
  sources: { CSN: 'nodata' },
});
const coordination = makePersona({
  id: 'coordination',
  personidentitet: makePersonidentitet('1995-05-05', 231, true),
  situation: { residencePermit: true },
});
const scenario = makeScenario({
  personas: [...varied.map((c) => c.persona), student, nobody, hidden, ghost, optedOut, coordination],
});

function payloadFor(personidentitet: string, fromDatum: string, tomDatum: string): CsnPayload {
  return sourcePayload(
    csnSource,
    scenario,
    makeBaseRequest({ personidentitet, tidsperiod: { fromDatum, tomDatum } }),
    now,
  ) as CsnPayload;
}

function onlyPerson(payload: CsnPayload): CsnPerson {
  const persons = payload.Personer.Person ?? [];
  expect(persons).toHaveLength(1);
  return persons[0] as CsnPerson;
}

/** Every case of every kind, as the parts the checks look at. */
function arenden(
  person: CsnPerson,
): Pick<CsnStudieArende, 'lopnummer' | 'soktaTider' | 'BeviljadeTider' | 'UtbetalningsPlan'>[] {
  return [
    ...(person.Studiemedel.Arenden?.Arende ?? []),
    ...(person.Studiehjalp.Arenden?.Arende ?? []),
    ...(person.Studiestartsstod.Arenden?.Arende ?? []),
    ...(person.Omstallningsstudiestod.Arenden?.Arende ?? []),
    ...(person.HemutrustningsLan.Arenden?.Arende ?? []).map((a) => ({
      ...a,
      soktaTider: {},
      BeviljadeTider: {},
    })),
  ];
}

const isoOf = (compact: string): string =>
  `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
const weekStart = (week: string): string => mondayOfIsoWeek(Number(week.slice(0, 4)), Number(week.slice(4)));
const sum = (items: { totbelopp: string }[]): number => items.reduce((s, i) => s + Number(i.totbelopp), 0);

function checkAmounts(belopp: CsnBelopp[]): void {
  for (const b of belopp) {
    const rate = Number(b.belopp);
    expect(rate).toBeGreaterThan(0);
    expect(rate).toBeLessThanOrEqual(b.beloppstyp === 'HUT' ? 40_000 : 7_000);
    expect(Number(b.totbelopp) % rate).toBe(0);
  }
}

function checkPayment(u: CsnUtbetalning, fromDatum: string, tomDatum: string): void {
  const date = isoOf(u.utbetdatum);
  expect(date >= fromDatum && date <= tomDatum, `utbetdatum ${date} in ${fromDatum}..${tomDatum}`).toBe(true);
  expect(u.utbetstatus).toBe(date <= today ? 'Utbetald' : 'Planerad');
  const tider = u.Utbetaldatider.Utbetaldtid ?? [];
  for (const t of tider) {
    checkAmounts(t.Beloppen.Belopp ?? []);
    expect(Number(t.totbelopp)).toBe(sum(t.Beloppen.Belopp ?? []));
  }
  expect(Number(u.totbelopp)).toBe(sum(tider));
}

describe('CSN base service', () => {
  it('Given 40 persons in varied situations and periods, every payload is valid by the contract and reads back from its document', () => {
    for (const { persona, request: req } of varied) {
      const payload = sourcePayload(csnSource, scenario, req, now) as CsnPayload;
      expect(contracts().check(csnSource.schemaPath, payload), persona.id).toEqual([]);
      expect(csnSource.fromDocument(csnSource.toDocument(payload)), persona.id).toEqual(payload);
    }
  });

  it('Given 40 persons, every payment lies inside the period and every granted or applied period overlaps it, with totals that add up', () => {
    let payments = 0;
    for (const { request: req } of varied) {
      const { fromDatum, tomDatum } = req.tidsperiod;
      const payload = sourcePayload(csnSource, scenario, req, now) as CsnPayload;
      for (const person of payload.Personer.Person ?? []) {
        for (const arende of arenden(person)) {
          for (const s of arende.soktaTider.soktTid ?? []) {
            expect(isoOf(s.soktfrom) <= tomDatum && isoOf(s.sokttom) >= fromDatum).toBe(true);
          }
          for (const b of arende.BeviljadeTider.BeviljadTid ?? []) {
            expect(weekStart(b.starttid) <= tomDatum && addDays(weekStart(b.sluttid), 6) >= fromDatum).toBe(
              true,
            );
            checkAmounts(b.Beloppen.Belopp ?? []);
            expect(Number(b.totbelopp)).toBe(sum(b.Beloppen.Belopp ?? []));
          }
          for (const u of arende.UtbetalningsPlan.Utbetalning ?? []) {
            checkPayment(u, fromDatum, tomDatum);
            payments++;
          }
        }
      }
    }
    expect(payments).toBeGreaterThan(20);
  });

  it.skipIf(!csnXsdAvailable)(
    "Given 40 persons, every document is valid by CSN's own kommunfraga.xsd (v4.0)",
    () => {
      const documents = varied.map(({ request: req }) =>
        csnSource.toDocument(sourcePayload(csnSource, scenario, req, now) as CsnPayload),
      );
      const noData = [ghost, optedOut, coordination, hidden].map((p) =>
        csnSource.toDocument(payloadFor(p.personidentitet, '2016-01-01', '2026-11-27')),
      );
      expect(csnXsdProblems([...documents, ...noData])).toBe('');
      // The check itself finds faults: a samordningsnummer (day 61-91) breaks CSN's personnummer pattern.
      const broken = documents
        .find((d) => d.includes('<Person '))
        ?.replace(/personnummer="(\d{4})\d\d/, (_m, yymm: string) => `personnummer="${yymm}65`);
      expect(csnXsdProblems([broken ?? ''])).toContain('personnummer');
    },
  );

  it.skipIf(!xsdAvailable)('embeds into CSN/data as <ssbt:svar> valid by the official XSD', () => {
    const envelopes = varied.map(({ request: req }) =>
      envelopeWithSourceData(
        'CSN',
        csnSource.soapData(sourcePayload(csnSource, scenario, req, now) as CsnPayload, '            '),
      ),
    );
    expect(xsdProblems(...envelopes)).toBe('');
  });

  it('writes CSN/data as <ssbt:svar> holding the whole CSNSvar document in base64 (UTF-8)', () => {
    const payload = payloadFor(student.personidentitet, '2025-08-01', '2026-11-27');
    const data = csnSource.soapData(payload, '    ');
    const match = /^ {4}<ssbt:svar>([A-Za-z0-9+/=]+)<\/ssbt:svar>$/.exec(data);
    expect(match).not.toBeNull();
    const document = Buffer.from(match?.[1] ?? '', 'base64').toString('utf8');
    expect(document).toBe(csnSource.toDocument(payload));
    expect(document).toMatch(/<CSNSvar xmlns="http:\/\/schema\.csn\.se\/v4\.0\/kommunfraga"[^>]* schemaVersion="4\.0">/);
    expect(csnSource.fromDocument(document)).toEqual(payload);
  });

  it('Given a student, the answer lists their studiemedel cases with grant, loan and tilläggsbidrag per week at 2020s levels', () => {
    const person = onlyPerson(payloadFor(student.personidentitet, '2025-08-01', '2026-11-27'));
    expect(person).toMatchObject({ personnummer: '9803152389', sekel: '19' });
    expect(person.Status).toBeUndefined();
    expect(person.Studiestodstypforteckning.studiemedel).toBe('1');
    const cases = person.Studiemedel.Arenden?.Arende ?? [];
    expect(cases.length).toBeGreaterThan(0);
    const granted = cases
      .flatMap((a) => a.BeviljadeTider.BeviljadTid ?? [])
      .flatMap((b) => b.Beloppen.Belopp ?? []);
    const bidrag = granted.filter((b) => b.beloppstyp === 'GRUNDB').map((b) => Number(b.belopp));
    expect(bidrag.length).toBeGreaterThan(0);
    for (const weekly of bidrag) expect(weekly).toBeGreaterThanOrEqual(400);
    expect(granted.some((b) => b.beloppstyp === 'TILB')).toBe(true);
    for (const a of cases) {
      expect(a.stodform).toBe('GRUND');
      expect(['BESLUTAT', 'AVSLUTAT']).toContain(a.status);
    }
  });

  it('Given many persons over ten years, the answers hold every kind of aid: studiehjälp, studiemedel, studiestartsstöd or omställningsstudiestöd, hemutrustningslån', () => {
    const kinds = new Set<string>();
    for (const { persona } of varied) {
      for (const person of payloadFor(persona.personidentitet, '2016-01-01', '2026-11-27').Personer.Person ??
        []) {
        for (const [kind, flag] of Object.entries(person.Studiestodstypforteckning))
          if (flag === '1') kinds.add(kind);
      }
    }
    expect(kinds).toContain('studiehjalp');
    expect(kinds).toContain('studiemedel');
    expect(kinds).toContain('hemutrustningslan');
    expect(kinds.has('studiestartsstod') || kinds.has('omstallningsstudiestod')).toBe(true);
  });

  it('Given a protected identity, Person/@sekretess marks it; otherwise it is absent and marksProtected is false', () => {
    const marked = payloadFor(hidden.personidentitet, '2025-01-01', '2026-11-27');
    expect(onlyPerson(marked).sekretess).toBe('J');
    expect(csnSource.marksProtected(marked)).toBe(true);
    expect(csnSource.toDocument(marked)).toContain('sekretess="J"');
    const plain = payloadFor(student.personidentitet, '2025-01-01', '2026-11-27');
    expect(onlyPerson(plain).sekretess).toBeUndefined();
    expect(csnSource.marksProtected(plain)).toBe(false);
    expect(csnSource.marksProtected(csnSource.fromDocument(csnSource.toDocument(marked)) as CsnPayload)).toBe(
      true,
    );
  });

  it("reads CSN's own blank attributes (Status, sekretess of spaces) as valid and unmarked", () => {
    const document = csnSource
      .toDocument(payloadFor(student.personidentitet, '2025-08-01', '2026-11-27'))
      .replace('<Person ', '<Person Status="          " sekretess="  " ');
    const read = csnSource.fromDocument(document) as CsnPayload;
    expect(contracts().check(csnSource.schemaPath, read)).toEqual([]);
    expect(csnSource.marksProtected(read)).toBe(false);
  });

  it('Given a person CSN does not know, the answer is OK with the person marked "Ej träff" and nothing else (no data, not an error)', () => {
    const expected = (personidentitet: string, sekretess?: string): CsnPayload => ({
      schemaVersion: '4.0',
      GemensamtSvarEkbistand: {
        Resultat: { ResultatKod: '0', ResultatText: 'Allt OK, inget att rapportera' },
      },
      GemensamtFragaEkbistand: {},
      Personer: {
        Person: [
          {
            personnummer: personidentitet.slice(2),
            sekel: personidentitet.slice(0, 2),
            ...(sekretess === undefined ? {} : { sekretess }),
            Status: 'Ej träff',
            Studiestodstypforteckning: {
              studiemedel: '0',
              studiehjalp: '0',
              hemutrustningslan: '0',
              studiestartsstod: '0',
              omstallningsstudiestod: '0',
            },
            Studiemedel: {},
            Studiehjalp: {},
            HemutrustningsLan: {},
            Studiestartsstod: {},
            Omstallningsstudiestod: {},
          },
        ],
      },
    });
    expect(payloadFor(ghost.personidentitet, '2026-01-01', '2026-06-30')).toEqual(
      expected(ghost.personidentitet, 'J'),
    );
    expect(payloadFor(optedOut.personidentitet, '2026-01-01', '2026-06-30')).toEqual(
      expected(optedOut.personidentitet),
    );
    expect(payloadFor(nobody.personidentitet, '2016-01-01', '2026-11-27')).toEqual(
      expected(nobody.personidentitet),
    );
    expect(contracts().check(csnSource.schemaPath, expected(ghost.personidentitet, 'J'))).toEqual([]);
  });

  it('Given a samordningsnummer, which CSN personnummer cannot hold, the answer lists no person', () => {
    const payload = payloadFor(coordination.personidentitet, '2016-01-01', '2026-11-27');
    expect(payload.Personer).toEqual({});
    expect(contracts().check(csnSource.schemaPath, payload)).toEqual([]);
    expect(csnSource.toDocument(payload)).toContain('<Personer/>');
  });

  it('is deterministic, and two overlapping periods agree on the cases and payments they share', () => {
    for (const p of [student, hidden, ...varied.slice(0, 12).map((c) => c.persona)]) {
      expect(payloadFor(p.personidentitet, '2025-01-01', '2025-12-31')).toEqual(
        payloadFor(p.personidentitet, '2025-01-01', '2025-12-31'),
      );
      const paidIn = (payload: CsnPayload): Map<string, CsnUtbetalning> => {
        const out = new Map<string, CsnUtbetalning>();
        for (const person of payload.Personer.Person ?? []) {
          for (const a of arenden(person)) {
            for (const u of a.UtbetalningsPlan.Utbetalning ?? []) {
              if (u.utbetdatum >= '20250701' && u.utbetdatum <= '20251231')
                out.set(`${a.lopnummer}/${u.utbetdatum}`, u);
            }
          }
        }
        return out;
      };
      const first = paidIn(payloadFor(p.personidentitet, '2025-01-01', '2025-12-31'));
      const second = paidIn(payloadFor(p.personidentitet, '2025-07-01', '2026-06-30'));
      expect(second).toEqual(first);
    }
  });

  describe('over HTTP', () => {
    const app = createBaseServiceApp(csnSource, {
      clock: fixedClock(now),
      scenarios: staticScenario(scenario), runtime: createRuntimeState(),
    });
    const query = (arendeidentitet: string): BaseServiceRequest =>
      makeBaseRequest({
        personidentitet: student.personidentitet,
        arendeidentitet,
        tidsperiod: { fromDatum: '2026-01-01', tomDatum: '2026-06-30' },
      });

    it('answers its route with the CSNSvar document', async () => {
      const ok = await request(app).post(csnSource.routePath).send(query('ARENDE-2026-0001'));
      expect(ok.status).toBe(200);
      expect(ok.type).toBe('application/xml');
      expect(csnSource.fromDocument(ok.text)).toEqual(
        sourcePayload(csnSource, scenario, query('ARENDE-2026-0001'), now),
      );
    });

    it('Given an arendeidentitet of 31 characters, it answers; of 32 characters, it refuses with felkod -1005', async () => {
      const ok = await request(app)
        .post(csnSource.routePath)
        .send(query('A'.repeat(31)));
      expect(ok.status).toBe(200);
      const refused = await request(app)
        .post(csnSource.routePath)
        .send(query('A'.repeat(32)));
      expect(refused.status).toBe(400);
      expect(refused.type).toBe('application/problem+json');
      expect(refused.body).toEqual({
        type: 'about:blank',
        title: 'Inparametrar bryter mot specifikation/kontrakt',
        status: 400,
        felkod: '-1005',
        felmeddelande: ['Inparametrar bryter mot specifikation/kontrakt'],
      });
      expect(csnSource.readError?.(refused.status, refused.text)).toEqual({
        felkod: '-1005',
        felmeddelande: ['Inparametrar bryter mot specifikation/kontrakt'],
      });
    });

    it('answers 400 problem+json for a query that breaks the base-service contract', async () => {
      const bad = await request(app).post(csnSource.routePath).send({ personidentitet: '123' });
      expect(bad.status).toBe(400);
      expect(bad.type).toBe('application/problem+json');
      expect(bad.body.detail).toContain('/personidentitet');
    });

    it('is called by the composite with the default JSON query', () => {
      const call = csnSource.buildCall(query('ARENDE-1'));
      expect(call).toMatchObject({
        method: 'POST',
        path: '/csn/kommunfraga/v4/fraga',
        headers: { 'content-type': 'application/json' },
      });
      expect(JSON.parse(call.body)).toEqual(query('ARENDE-1'));
    });
  });
});
