import { contracts } from '../../simulator/contracts/registry.ts';
import { SOURCE_CODES, type SourceCode } from '../../simulator/domain/sources.ts';
import type { Case } from '../core/types.ts';

export const CLIENT_CASE_SCHEMA = 'harness/client-case.schema.json';

/** The expectations a client case can name (contracts/harness/client-case.schema.json). */
export const EXPECTATION_NAMES = [
  'queriesValid',
  'caseworkerNamed',
  'caseIdentity',
  'purposeAndLaw',
  'conclusionsMatch',
  'protectedNoticed',
  'errorsNotNoData',
  'partialKept',
  'givesUpInTime',
  'boundedRetries',
  'honoursRetryAfter',
  'retriesWhenUnavailable',
  'historyComplete',
] as const;
export type ExpectationName = (typeof EXPECTATION_NAMES)[number];

/** One named expectation with its arguments (all optional numbers). */
export interface ExpectationUse {
  name: ExpectationName;
  params: Readonly<Record<string, number>>;
}

/** The mode fields of a client case, with defaults filled in. */
export interface ClientCaseBody {
  person: string;
  scenario: string;
  sources: SourceCode[];
  timeoutMs: number;
  arendeidentitet?: string;
  wantValues: string[];
  expect: ExpectationUse[];
}

/** The client's deadline when a case gives none. */
export const DEFAULT_CASE_TIMEOUT_MS = 10_000;

/** Thrown when a case's body breaks the client case schema (the loader normally catches this first). */
export class CaseBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseBodyError';
  }
}

function toUse(item: unknown): ExpectationUse {
  if (typeof item === 'string') return { name: item as ExpectationName, params: {} };
  const [name, params] = Object.entries(item as Record<string, Record<string, number>>)[0] ?? [];
  return { name: name as ExpectationName, params: params ?? {} };
}

/** Checks a client case's body against the schema and fills in the defaults. */
export function readCaseBody(c: Pick<Case, 'id' | 'body'>): ClientCaseBody {
  const problems = contracts().check(CLIENT_CASE_SCHEMA, c.body);
  if (problems.length > 0) {
    throw new CaseBodyError(
      `case ${c.id} breaks contracts/${CLIENT_CASE_SCHEMA}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    );
  }
  const b = c.body as {
    person: string;
    scenario: string;
    sources?: SourceCode[];
    timeoutMs?: number;
    arendeidentitet?: string;
    wantValues?: string[];
    expect: unknown[];
  };
  const asked = new Set(b.sources ?? SOURCE_CODES);
  const body: ClientCaseBody = {
    person: b.person,
    scenario: b.scenario,
    // Always in contract order, whatever order the case lists them in.
    sources: SOURCE_CODES.filter((code) => asked.has(code)),
    timeoutMs: b.timeoutMs ?? DEFAULT_CASE_TIMEOUT_MS,
    wantValues: b.wantValues ?? [],
    expect: b.expect.map(toUse),
  };
  if (b.arendeidentitet !== undefined) body.arendeidentitet = b.arendeidentitet;
  return body;
}
