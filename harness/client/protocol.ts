/**
 * The adapter protocol of client mode (docs/harness-client.md): what the harness gives the adapter
 * (environment variables and the same as JSON on stdin) and what the adapter prints on stdout.
 */
import { contracts } from '../../simulator/contracts/registry.ts';
import type { SourceCode } from '../../simulator/domain/sources.ts';

/** The JSON document on the adapter's stdin (the SSBTEK_* variables hold the same). */
export interface AdapterInput {
  /** The SOAP endpoint the client must call for this case (SSBTEK_ENDPOINT). */
  endpoint: string;
  /** The personidentitet asked about (SSBTEK_PERSON). */
  person: string;
  /** The arendeidentitet of the caseworker's case (SSBTEK_CASE). */
  case: string;
  /** The caseworker who asks (SSBTEK_CASEWORKER). */
  caseworker: string;
  /** The municipality's organisationsnummer (SSBTEK_ORGNR). */
  organisationsnummer: string;
  /** The municipality's name (SSBTEK_ORGNAMN). */
  organisationsnamn: string;
  /** The municipality's LEFI aktorsid, for FK (SSBTEK_AKTORSID). */
  aktorsid: string;
  /** The period asked about (SSBTEK_FROM, SSBTEK_TOM). */
  period: { from: string; tom: string };
  /** The sources the caseworker asks for, in contract order (SSBTEK_SOURCES, comma-separated). */
  sources: SourceCode[];
  /** The harness case id, for the adapter's logs (SSBTEK_CASE_ID). */
  caseId: string;
  /** The client's own deadline for the whole question, retries included (SSBTEK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Values the adapter must report from the answer (SSBTEK_WANT_VALUES, comma-separated); see the case schema. */
  wantValues?: string[];
}

export type SourceStatus = 'data' | 'nodata' | 'error';

/** What the client concluded about one source. */
export interface SourceConclusion {
  status: SourceStatus;
  felkod?: string;
  kalla?: 'SSBT' | 'BT';
  values?: Record<string, string | number | boolean>;
}

/** One entry of the client's own processing history. */
export interface HistoryRecord {
  caseworker: string;
  personidentitet: string;
  arendeidentitet: string;
  time?: string;
}

/** The JSON document the adapter prints (contracts/harness/client-output.schema.json). */
export interface AdapterOutput {
  sources: Partial<Record<SourceCode, SourceConclusion>>;
  protectedIdentityShown: boolean;
  gaveUp?: boolean;
  attempts?: number;
  history?: HistoryRecord[];
}

export const OUTPUT_SCHEMA = 'harness/client-output.schema.json';

export type OutputReading = { ok: true; output: AdapterOutput } | { ok: false; problem: string };

/**
 * Reads the adapter's stdout: exactly one JSON document (surrounding white space allowed), valid by
 * contracts/harness/client-output.schema.json. Says what is wrong otherwise.
 */
export function readAdapterOutput(stdout: string): OutputReading {
  const text = stdout.trim();
  if (text === '')
    return { ok: false, problem: 'the adapter printed nothing on stdout (expected one JSON document)' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, problem: `the adapter's stdout is not one JSON document: ${(e as Error).message}` };
  }
  const problems = contracts().check(OUTPUT_SCHEMA, value);
  if (problems.length > 0) {
    return {
      ok: false,
      problem: `the adapter's output breaks contracts/${OUTPUT_SCHEMA}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    };
  }
  return { ok: true, output: value as AdapterOutput };
}

/** The environment variables of the protocol, for an input. */
export function adapterEnvironment(input: AdapterInput): Record<string, string> {
  return {
    SSBTEK_ENDPOINT: input.endpoint,
    SSBTEK_PERSON: input.person,
    SSBTEK_CASE: input.case,
    SSBTEK_CASEWORKER: input.caseworker,
    SSBTEK_ORGNR: input.organisationsnummer,
    SSBTEK_ORGNAMN: input.organisationsnamn,
    SSBTEK_AKTORSID: input.aktorsid,
    SSBTEK_FROM: input.period.from,
    SSBTEK_TOM: input.period.tom,
    SSBTEK_SOURCES: input.sources.join(','),
    SSBTEK_CASE_ID: input.caseId,
    SSBTEK_TIMEOUT_MS: String(input.timeoutMs),
    SSBTEK_WANT_VALUES: (input.wantValues ?? []).join(','),
  };
}
