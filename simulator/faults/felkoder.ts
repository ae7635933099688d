/**
 * The project's table of felkod values: every code the simulator itself produces, in one place.
 * The real service's codes are not public; these are the simulator's own (docs/felkoder.md lists the
 * same codes, and a test keeps the two equal). Codes a base service reports (such as CSN's -1005, or a
 * code a scenario sets) are passed through as they are.
 */
export interface FelkodDefinition {
  /** Where it appears: a SOAP Fault for the whole request, or error{kalla} for one source. */
  scope: 'fault' | 'source-ssbt' | 'source-bt';
  /** HTTP status of the fault (SOAP 1.1 faults are 500) or of the JSON API's problem. */
  httpStatus: number;
  /** What it means, for the docs. */
  summary: string;
}

export const FELKODER = {
  'SSBT-001': { scope: 'fault', httpStatus: 500, summary: 'The request is not well-formed: XML for SOAP, JSON for the JSON API.' },
  'SSBT-002': { scope: 'fault', httpStatus: 500, summary: 'The request is not a SOAP 1.1 envelope with a Body holding one operation element.' },
  'SSBT-003': { scope: 'fault', httpStatus: 500, summary: 'The operation is not one of hamtaBastjanstInformation and testaBastjanstInformation (or is in another namespace).' },
  'SSBT-004': { scope: 'fault', httpStatus: 413, summary: 'The request is larger than the service accepts (2 MiB), or nested too deeply to be read.' },
  'SSBT-005': { scope: 'fault', httpStatus: 415, summary: "The request's Content-Type is not one the endpoint reads (SOAP: text/xml or application/xml; JSON API: application/json), or names a charset or Content-Encoding the service does not know; HTTP 415." },
  'SSBT-010': { scope: 'fault', httpStatus: 500, summary: 'The query breaks the contract: a required element is missing, an element is unknown or repeated, or a value has the wrong type or form. The message names the element.' },
  'SSBT-011': { scope: 'fault', httpStatus: 500, summary: 'personidentitet is not 12 digits.' },
  'SSBT-012': { scope: 'fault', httpStatus: 500, summary: 'personidentitet holds no real birth date (samordningsnummer: day + 60).' },
  'SSBT-013': { scope: 'fault', httpStatus: 500, summary: 'personidentitet has a wrong check digit (Luhn over the last ten digits).' },
  'SSBT-014': { scope: 'fault', httpStatus: 500, summary: 'An organisationsnummer (ingivare or personuppgiftsbiträde) does not match the pattern of 12 digits with the fifth 2-9.' },
  'SSBT-015': { scope: 'fault', httpStatus: 500, summary: 'An organisationsnummer has a wrong check digit (Luhn over the last ten digits).' },
  'SSBT-016': { scope: 'fault', httpStatus: 500, summary: 'A tidsperiod (general or a source\'s own) is not a real date range: fromDatum is after tomDatum, or a date does not exist.' },
  'SSBT-017': { scope: 'fault', httpStatus: 500, summary: 'No source has inkludera="true": there is nothing to ask.' },
  'SSBT-018': { scope: 'fault', httpStatus: 500, summary: 'FK has inkludera="true" but no fraga (aktorsid and lefiJsonFraga are needed to ask LEFI).' },
  'SSBT-019': { scope: 'fault', httpStatus: 500, summary: 'FK fraga/lefiJsonFraga is not base64 of a JSON object.' },
  'SSBT-020': { scope: 'fault', httpStatus: 500, summary: 'The ingivare is not a municipality connected to the service: unknown, connection pending, or agreement terminated.' },
  'SSBT-021': { scope: 'fault', httpStatus: 500, summary: 'The handlaggare is not a caseworker of the municipality.' },
  'SSBT-022': { scope: 'fault', httpStatus: 500, summary: "The caseworker's authority has been withdrawn (revoked: left the municipality, or misuse)." },
  'SSBT-023': { scope: 'fault', httpStatus: 500, summary: 'The caseworker has not confirmed reading the instructions for the service.' },
  'SSBT-024': { scope: 'fault', httpStatus: 500, summary: "The arendeidentitet is not an ongoing case of economic assistance in the municipality's register (strict mode), or the case concerns another person." },
  'SSBT-025': { scope: 'fault', httpStatus: 500, summary: 'The syfte is not the purpose the service is for (a case of economic assistance).' },
  'SSBT-026': { scope: 'fault', httpStatus: 500, summary: 'The lagtext is not the legal basis of economic assistance (4 kap. 1 § socialtjänstlagen).' },
  'SSBT-027': { scope: 'fault', httpStatus: 500, summary: "Under mutual TLS: the ingivare's organisationsnummer is not the one in the client certificate (subject serialNumber)." },
  'SSBT-030': { scope: 'fault', httpStatus: 503, summary: 'The service is unavailable; HTTP 503 with Retry-After says when to try again.' },
  'SSBT-031': { scope: 'fault', httpStatus: 503, summary: 'The service is in planned maintenance; HTTP 503 with Retry-After until the window ends (see driftinformation).' },
  'SSBT-033': { scope: 'fault', httpStatus: 500, summary: 'The scenario named in the X-Ssbtek-Scenario header is not loaded in the simulator.' },
  'SSBT-099': { scope: 'fault', httpStatus: 500, summary: 'Internal error in the simulator (a bug): the request could not be answered.' },
  'SSBT-101': { scope: 'source-ssbt', httpStatus: 200, summary: 'The source did not answer within its timeout.' },
  'SSBT-102': { scope: 'source-ssbt', httpStatus: 200, summary: 'The source could not be reached (connection refused, reset or closed before an answer).' },
  'SSBT-103': { scope: 'source-ssbt', httpStatus: 200, summary: 'FK fraga/version names a LEFI version the service does not call (only v9).' },
  'BT-201': { scope: 'source-bt', httpStatus: 200, summary: 'The source answered, but with a payload that is not a well-formed document of its own schema.' },
  'BT-202': { scope: 'source-bt', httpStatus: 200, summary: 'The source answered with an HTTP error that carried no felkod of its own.' },
} as const satisfies Record<string, FelkodDefinition>;

export type Felkod = keyof typeof FELKODER;
