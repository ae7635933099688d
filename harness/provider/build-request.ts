import type { Query } from '../../simulator/composite/query-types.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { writeXmlContent } from '../../simulator/xml/schema-codec.ts';
import type { Mapping } from '../core/types.ts';
import { baseQuery, harnessArendeidentitet } from './base-query.ts';
import type { RequestSpec } from './case-body.ts';
import { operationElement, soapEnvelope } from './envelope.ts';
import { mergeOverrides } from './merge.ts';
import type { Operation } from '../../simulator/composite/soap-request.ts';
import { SOURCE_CODES, type SourceCode } from '../../simulator/domain/sources.ts';
import { fillPlaceholders, fillPlaceholdersDeep, UnknownPlaceholder } from './placeholders.ts';

/** The HTTP request a case sends, and the canonical query it carries (when built from one). */
export interface BuiltRequest {
  operation: Operation;
  /** The query sent, FK's lefiJsonFraga as the base64 text sent; absent for the ping and raw bodies. */
  query?: Query;
  headers: Record<string, string>;
  body: string;
}

export interface BuildInput {
  spec: RequestSpec;
  mapping: Mapping;
  caseId: string;
  personidentitet: string;
  /** Headers the case's needs add (the scenario header). */
  headers?: Record<string, string>;
}

/** Thrown for a case that cannot be turned into a request (a suite error, not the provider's). */
export class CaseDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CaseDefinitionError';
  }
}

function encodeLefi(query: Record<string, unknown>): Record<string, unknown> {
  const specifika = query.specifikaFrageparametrar as Record<string, unknown> | undefined;
  const fk = specifika?.FK as Record<string, unknown> | undefined;
  const fraga = fk?.fraga as Record<string, unknown> | undefined;
  const lefi = fraga?.lefiJsonFraga;
  if (fraga === undefined || lefi === undefined || typeof lefi === 'string') return query;
  fraga.lefiJsonFraga = Buffer.from(JSON.stringify(lefi), 'utf8').toString('base64');
  return query;
}

/** The values a raw body may name as {{name}}. */
function placeholders(input: BuildInput): Record<string, string> {
  const { mapping } = input;
  return {
    personidentitet: input.personidentitet,
    organisationsnummer: mapping.ingivare.organisationsnummer,
    namn: mapping.ingivare.namn,
    handlaggare: mapping.ingivare.handlaggare,
    arendeidentitet: harnessArendeidentitet(input.caseId),
    fromDatum: mapping.tidsperiod.fromDatum,
    tomDatum: mapping.tidsperiod.tomDatum,
    syfte: mapping.syfte,
    lagtext: mapping.lagtext,
    aktorsid: mapping.aktorsid,
  };
}

function filled<T>(fill: () => T, where: string): T {
  try {
    return fill();
  } catch (e) {
    if (e instanceof UnknownPlaceholder) throw new CaseDefinitionError(`${where}: ${e.message}`);
    throw e;
  }
}

/** Sets inkludera for every source: true for the listed ones; FK not included goes without fraga. */
function includeOnly(query: Record<string, unknown>, codes: readonly SourceCode[]): Record<string, unknown> {
  const specifika = { ...(query.specifikaFrageparametrar as Record<string, Record<string, unknown>>) };
  for (const code of SOURCE_CODES) {
    const included = codes.includes(code);
    const spec: Record<string, unknown> = { ...specifika[code], inkludera: included };
    if (code === 'FK' && !included) delete spec.fraga;
    specifika[code] = spec;
  }
  return { ...query, specifikaFrageparametrar: specifika };
}

/**
 * Builds the request of a provider case: the base query from the mapping with the case's overrides
 * merged over it, written as SOAP by the project's codec (or the raw body as written), with the
 * SOAP version, operation element and headers the case asks for.
 */
export function buildRequest(input: BuildInput): BuiltRequest {
  const { spec } = input;
  const operation = spec.operation ?? 'hamtaBastjanstInformation';
  const version = spec.soap?.version ?? '1.1';
  const headers: Record<string, string> = {
    'content-type':
      spec.soap?.contentType ??
      (version === '1.2' ? 'application/soap+xml; charset=utf-8' : 'text/xml; charset=utf-8'),
  };
  if (version === '1.1' || spec.soap?.soapAction !== undefined)
    headers.soapaction = spec.soap?.soapAction ?? '""';
  Object.assign(headers, input.headers ?? {}, spec.headers ?? {});
  const values = placeholders(input);
  if (spec.raw !== undefined)
    return {
      operation,
      headers,
      body: filled(() => fillPlaceholders(spec.raw ?? '', values), 'request.raw'),
    };

  const name = spec.soap?.operationName ?? operation;
  const namespace = spec.soap?.namespace;
  if (operation === 'testaBastjanstInformation') {
    return { operation, headers, body: soapEnvelope(operationElement(name, '', namespace), version) };
  }
  let base = baseQuery(input.mapping, input.personidentitet, harnessArendeidentitet(input.caseId));
  if (spec.inkludera !== undefined) base = includeOnly(base, spec.inkludera);
  const overrides = filled(() => fillPlaceholdersDeep(spec.query ?? {}, values), 'request.query');
  const query = encodeLefi(mergeOverrides(base, overrides) as Record<string, unknown>);
  const registry = contracts();
  const content = writeXmlContent(
    registry.schema('composite/query.schema.json'),
    query,
    registry.resolve,
    '      ',
  );
  return {
    operation,
    query: query as unknown as Query,
    headers,
    body: soapEnvelope(operationElement(name, content, namespace), version),
  };
}
