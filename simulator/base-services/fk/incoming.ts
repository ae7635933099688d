import type { Scenario } from '../../scenarios/types.ts';
import { checkContract } from '../checks.ts';
import type { IncomingHttp, IncomingQuery } from '../types-incoming.ts';
import type { BaseServiceRequest } from '../types.ts';
import { LEFI_MEDDELANDE, lefiRefusal } from './errors.ts';
import { askedBy, asksAnything, periodTooLong, twelveDigits, type LefiQuery } from './query.ts';

/** The LEFI versions the simulated LEFI serves. */
export const SERVED_VERSIONS: readonly string[] = ['v9'];

/** The header a caller may send its correlation id in (LEFI's OpenAPI requires no header). */
export const CORRELATION_HEADER = 'x-correlation-id';

export const FK_REQUEST_SCHEMA = 'base-services/fk-request.schema.json';

function header(http: IncomingHttp, name: string): string | undefined {
  const value = http.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The BaseServiceRequest behind a LEFI query. LEFI's query carries the person and the period only:
 * the asking organisation is the municipality with this aktorsid when the scenario lists it, and the
 * other fields are neutral placeholders (LEFI knows no caseworker, case, purpose or legal basis).
 */
function baseRequest(
  query: LefiQuery,
  aktorsId: string,
  scenario: Scenario,
  korrelationsid: string | undefined,
): BaseServiceRequest {
  const municipality = scenario.municipalities.find((m) => m.aktorsid === aktorsId);
  const request: BaseServiceRequest = {
    personidentitet: twelveDigits(query.personnummer, Number(query.period.tom.slice(0, 4))),
    tidsperiod: { fromDatum: query.period.from, tomDatum: query.period.tom },
    ingivare: {
      organisationsnummer: municipality?.organisationsnummer ?? '',
      namn: municipality?.namn ?? `LEFI-aktör ${aktorsId}`,
      handlaggare: '',
    },
    arendeidentitet: '',
    syfte: 'Förmånsinformation via LEFI',
    lagtext: '',
  };
  if (korrelationsid !== undefined) request.korrelationsid = korrelationsid;
  return request;
}

/**
 * Reads a LEFI call: the version and aktorsId in the path, the LEFI query as the JSON body. Refuses as
 * LEFI does, with LEFI's error body: 404 for a version not served, 403 for an actor the scenario does
 * not list (any non-empty one when it lists none), 400 for a body not valid by the query schema, for no
 * group or type of other information asked, and for a period that is reversed or longer than two years.
 */
export function parseLefiIncoming(http: IncomingHttp, scenario: Scenario): IncomingQuery {
  const version = http.params.version ?? '';
  const aktorsId = http.params.aktorsId ?? '';
  if (!SERVED_VERSIONS.includes(version)) return lefiRefusal(404, LEFI_MEDDELANDE.okandVersion(version));
  const known =
    scenario.municipalities.length === 0
      ? aktorsId !== ''
      : scenario.municipalities.some((m) => m.aktorsid === aktorsId);
  if (!known) return lefiRefusal(403, LEFI_MEDDELANDE.okandAktor);
  const problems = checkContract(FK_REQUEST_SCHEMA, http.body);
  if (problems.length > 0)
    return lefiRefusal(
      400,
      LEFI_MEDDELANDE.felaktigaIndata(problems.map((p) => `${p.path} ${p.message}`).join('; ')),
    );
  const query = http.body as LefiQuery;
  if (!asksAnything(askedBy(query))) return lefiRefusal(400, LEFI_MEDDELANDE.ingenGrupp);
  if (query.period.from > query.period.tom) return lefiRefusal(400, LEFI_MEDDELANDE.omvandPeriod);
  if (periodTooLong(query.period)) return lefiRefusal(400, LEFI_MEDDELANDE.forLangPeriod);
  return {
    ok: true,
    request: baseRequest(query, aktorsId, scenario, header(http, CORRELATION_HEADER)),
    fk: { version, aktorsid: aktorsId, lefiJsonFraga: query },
  };
}
