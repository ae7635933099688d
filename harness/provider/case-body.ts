import { contracts } from '../../simulator/contracts/registry.ts';
import type { SourceCode } from '../../simulator/domain/sources.ts';
import type { Operation } from '../../simulator/composite/soap-request.ts';

/** The schema of a provider case's own fields. */
export const PROVIDER_CASE_SCHEMA = 'harness/provider-case.schema.json';

/** A state the provider must be in (see contracts/harness/provider-case.schema.json#/$defs/Needs). */
export interface StateNeed {
  name: string;
  scenario: string;
  person?: string;
}

export interface Needs {
  person?: string;
  control?: boolean;
  state?: StateNeed;
}

export interface SoapTweaks {
  version?: '1.1' | '1.2';
  operationName?: string;
  namespace?: string;
  soapAction?: string;
  contentType?: string;
}

export interface RequestSpec {
  operation?: Operation;
  inkludera?: SourceCode[];
  query?: Record<string, unknown>;
  raw?: string;
  soap?: SoapTweaks;
  headers?: Record<string, string>;
}

/** One item of `expect`: a name alone, or a one-key map of name to arguments. */
export type ExpectItem = string | Record<string, unknown>;

/** The fields of a provider case (Case.body), checked by contracts/harness/provider-case.schema.json. */
export interface ProviderCaseBody {
  needs?: Needs;
  /** Default: hamtaBastjanstInformation with the base query. */
  request?: RequestSpec;
  deadlineMs?: number;
  expect: ExpectItem[];
}

/** One error reported by the harness against a source (`error` and `ping.errors` arguments). */
export interface SourceErrorArg {
  source: SourceCode;
  kalla?: 'SSBT' | 'BT';
  felkod?: string;
}

/** The body checked against the provider case schema: the body, or every problem as `path: message`. */
export function readCaseBody(
  body: unknown,
): { ok: true; body: ProviderCaseBody } | { ok: false; problems: string[] } {
  const problems = contracts().check(PROVIDER_CASE_SCHEMA, body);
  if (problems.length > 0) return { ok: false, problems: problems.map((p) => `${p.path}: ${p.message}`) };
  return { ok: true, body: body as ProviderCaseBody };
}

/** The name and arguments of an `expect` item (arguments undefined for a bare name). */
export function expectEntry(item: ExpectItem): { name: string; args: unknown } {
  if (typeof item === 'string') return { name: item, args: undefined };
  const [name, args] = Object.entries(item)[0] ?? ['', undefined];
  return { name, args };
}
