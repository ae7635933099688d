/**
 * The soak's request mix: valid queries over SOAP and the JSON API about the default personas, with
 * varying sources (inkludera), FK groups, periods and echo flags; pings; and deliberately invalid
 * queries, each with the felkod it must be refused with. Drawn from a seeded generator, so a run
 * with the same --seed sends the same sequence of requests (their interleaving depends on timing).
 */
import { FK_GROUPS, OVRIG_TYPES, PM_GROUPS } from '../../simulator/base-services/fk/codes.ts';
import type { Query } from '../../simulator/composite/query-types.ts';
import { SOURCE_CODES, type SourceCode } from '../../simulator/domain/sources.ts';
import { luhnCheckDigit } from '../../simulator/domain/identity.ts';
import { mulberry32 } from '../../simulator/domain/random.ts';
import { envelope, soapPing, soapQuery } from '../support/queries.ts';
import { defaultMunicipalities, defaultPersonas } from './scenario.ts';

/** What a request is, for counting and for judging its answer. */
export type RequestKind = 'soap' | 'json' | 'soap-ping' | 'json-ping' | 'invalid-soap' | 'invalid-json';

export interface SoakRequest {
  kind: RequestKind;
  path: string;
  contentType: string;
  body: string;
  /** Valid queries: the sources asked, which the answer's svarsdata must hold exactly. */
  sources?: SourceCode[];
  /** Invalid queries: what is wrong, and the felkod it must be refused with. */
  invalid?: { name: string; felkod: string };
}

export const SOAP_PATH = '/ssbtek/v10';
export const JSON_PATH = '/api/v1/hamtaBastjanstInformation';
export const JSON_PING_PATH = '/api/v1/testaBastjanstInformation';
const SOAP_TYPE = 'text/xml; charset=utf-8';
const JSON_TYPE = 'application/json';

/** A small seeded generator (mulberry32): the same seed, the same draws. */
export function seededRandom(seed: number): () => number {
  const source = mulberry32(seed);
  return () => source.next();
}

/** Exempelkommunen's organisationsnummer with its check digit off by one. */
const BAD_CHECK_ORGNR = `16212000014${(luhnCheckDigit('212000014') + 1) % 10}`;

/** The JSON API takes FK's lefiJsonFraga as the LEFI JSON object; SOAP as its base64. */
function withBase64Lefi(q: Query): Query {
  const fk = q.specifikaFrageparametrar.FK as
    { inkludera: boolean; fraga?: { lefiJsonFraga: unknown } } | undefined;
  if (fk?.fraga === undefined || typeof fk.fraga.lefiJsonFraga === 'string') return q;
  const fraga = {
    ...fk.fraga,
    lefiJsonFraga: Buffer.from(JSON.stringify(fk.fraga.lefiJsonFraga)).toString('base64'),
  };
  return { ...q, specifikaFrageparametrar: { ...q.specifikaFrageparametrar, FK: { ...fk, fraga } } } as Query;
}

/** Builds the request mix; `next()` gives the next request. */
export function createTraffic(seed: number): { next(): SoakRequest } {
  const random = seededRandom(seed);
  const personas = defaultPersonas();
  const municipalities = defaultMunicipalities();
  let n = 0;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const some = <T>(list: readonly T[], p: number): T[] => {
    const chosen = list.filter(() => random() < p);
    return chosen.length > 0 ? chosen : [pick(list)];
  };

  /** A valid query (canonical JSON; FK's LEFI query as an object) and the sources it asks. */
  function validQuery(): { query: Query; sources: SourceCode[] } {
    n++;
    const persona = pick(personas);
    const municipality = pick(municipalities);
    const sources = some(SOURCE_CODES, 0.7);
    const year = pick([2025, 2026]);
    const fromMonth = 1 + Math.floor(random() * 6);
    const months = 1 + Math.floor(random() * 6);
    const from = `${year}-${String(fromMonth).padStart(2, '0')}-01`;
    const tomDate = new Date(Date.UTC(year, fromMonth - 1 + months, 0));
    const tom = tomDate.toISOString().slice(0, 10);
    const specifika: Record<string, unknown> = {};
    for (const code of SOURCE_CODES) {
      if (!sources.includes(code)) {
        specifika[code] = { inkludera: false }; // the contract requires every source's element
        continue;
      }
      if (code !== 'FK') {
        specifika[code] = { inkludera: true };
        continue;
      }
      const lefi: Record<string, unknown> = {
        personnummer: persona.personidentitet,
        period: { from, tom },
        formansinformation: some(FK_GROUPS, 0.3),
      };
      if (random() < 0.5) lefi.ansprak = some(PM_GROUPS, 0.5);
      if (random() < 0.5) lefi.utbetalningar = some([...FK_GROUPS, ...PM_GROUPS], 0.2);
      if (random() < 0.5) lefi.ovrigInformation = [...OVRIG_TYPES];
      specifika.FK = {
        inkludera: true,
        fraga: {
          ...(random() < 0.5 ? { version: 'v9' } : {}),
          aktorsid: municipality.aktorsid,
          lefiJsonFraga: lefi,
        },
      };
    }
    const generella: Record<string, unknown> = {
      fraganSkallInkluderasISvaret: random() < 0.2,
      ingivare: {
        organisationsnummer: municipality.organisationsnummer,
        namn: municipality.namn,
        handlaggare: `HL${String(1 + Math.floor(random() * 9)).padStart(4, '0')}`,
      },
      personidentitet: persona.personidentitet,
      arendeidentitet: `SOAK-${year}-${String(n % 10000).padStart(4, '0')}`,
      tidsperiod: { fromDatum: from, tomDatum: tom },
      syfte: 'Utredning av rätt till ekonomiskt bistånd',
      lagtext: '4 kap. 1 § socialtjänstlagen (2025:400)',
    };
    if (random() < 0.5) generella.korrelationsid = `soak-${seed}-${n}`;
    const query = {
      generellaFrageparametrar: generella,
      specifikaFrageparametrar: specifika,
    } as unknown as Query;
    return { query, sources };
  }

  /** An invalid request and the felkod it must get (docs/felkoder.md). */
  function invalid(): SoakRequest {
    const { query } = validQuery();
    const g = query.generellaFrageparametrar as unknown as Record<string, unknown>;
    const s = query.specifikaFrageparametrar as unknown as Record<string, unknown>;
    const soap = (name: string, felkod: string, body: string): SoakRequest => ({
      kind: 'invalid-soap',
      path: SOAP_PATH,
      contentType: SOAP_TYPE,
      body,
      invalid: { name, felkod },
    });
    const json = (name: string, felkod: string, body: string): SoakRequest => ({
      kind: 'invalid-json',
      path: JSON_PATH,
      contentType: JSON_TYPE,
      body,
      invalid: { name, felkod },
    });
    const withGeneral = (patch: Record<string, unknown>): Query =>
      ({ ...query, generellaFrageparametrar: { ...g, ...patch } }) as unknown as Query;
    const pnr = String(g.personidentitet);
    const badCheck = `${pnr.slice(0, 11)}${(Number(pnr.slice(11)) + 1) % 10}`;
    const cases: (() => SoakRequest)[] = [
      () => soap('XML that is not well-formed', 'SSBT-001', soapQuery(withBase64Lefi(query)).slice(0, 400)),
      () =>
        soap(
          'not a SOAP envelope',
          'SSBT-002',
          '<?xml version="1.0"?><hamtaBastjanstInformation xmlns="http://schema.forsakringskassan.se/integration/ssbt/10"/>',
        ),
      () =>
        soap(
          'an unknown operation',
          'SSBT-003',
          envelope(
            '    <ssbt:gissaBastjanstInformation xmlns:ssbt="http://schema.forsakringskassan.se/integration/ssbt/10"/>',
          ),
        ),
      () =>
        soap(
          'a personidentitet with a wrong check digit',
          'SSBT-013',
          soapQuery(withBase64Lefi(withGeneral({ personidentitet: badCheck }))),
        ),
      () =>
        soap(
          'no source included',
          'SSBT-017',
          soapQuery({
            ...query,
            specifikaFrageparametrar: Object.fromEntries(SOURCE_CODES.map((c) => [c, { inkludera: false }])),
          }),
        ),
      () =>
        soap(
          'FK included without fraga',
          'SSBT-018',
          soapQuery(
            withBase64Lefi({
              ...query,
              specifikaFrageparametrar: { ...s, FK: { inkludera: true } },
            } as unknown as Query),
          ),
        ),
      () =>
        soap(
          'FK lefiJsonFraga that is not base64 of JSON',
          'SSBT-019',
          soapQuery({
            ...query,
            specifikaFrageparametrar: {
              ...s,
              FK: {
                inkludera: true,
                fraga: { aktorsid: '1000001', lefiJsonFraga: Buffer.from('inte json').toString('base64') },
              },
            },
          }),
        ),
      () =>
        soap(
          'an organisationsnummer with a wrong check digit',
          'SSBT-015',
          soapQuery(
            withBase64Lefi(
              withGeneral({
                ingivare: {
                  organisationsnummer: BAD_CHECK_ORGNR,
                  namn: 'Exempelkommunen',
                  handlaggare: 'HL0001',
                },
              }),
            ),
          ),
        ),
      () => json('JSON that is not well-formed', 'SSBT-001', JSON.stringify(query).slice(0, 200)),
      () =>
        json(
          'a tidsperiod that ends before it starts',
          'SSBT-016',
          JSON.stringify(withGeneral({ tidsperiod: { fromDatum: '2026-06-30', tomDatum: '2026-01-01' } })),
        ),
      () =>
        json(
          'a personidentitet with a wrong check digit',
          'SSBT-013',
          JSON.stringify(withGeneral({ personidentitet: badCheck })),
        ),
    ];
    return pick(cases)();
  }

  return {
    next(): SoakRequest {
      const r = random();
      if (r < 0.55) {
        const { query, sources } = validQuery();
        return {
          kind: 'soap',
          path: SOAP_PATH,
          contentType: SOAP_TYPE,
          body: soapQuery(withBase64Lefi(query)),
          sources,
        };
      }
      if (r < 0.8) {
        const { query, sources } = validQuery();
        return {
          kind: 'json',
          path: JSON_PATH,
          contentType: JSON_TYPE,
          body: JSON.stringify(query),
          sources,
        };
      }
      if (r < 0.83) return { kind: 'soap-ping', path: SOAP_PATH, contentType: SOAP_TYPE, body: soapPing() };
      if (r < 0.85) return { kind: 'json-ping', path: JSON_PING_PATH, contentType: JSON_TYPE, body: '{}' };
      return invalid();
    },
  };
}
