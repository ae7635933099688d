import type { Faker } from '@faker-js/faker';
import type { PersonProfile } from '../domain/person.ts';
import type { Random } from '../domain/random.ts';
import type { SourceCode } from '../domain/sources.ts';
import type { IncomingHttp, IncomingQuery } from './types-incoming.ts';
import type { Scenario } from '../scenarios/types.ts';

/**
 * What every base service receives from the composite: what the real chain passes on from the
 * composite query (contracts/base-services/request.schema.json). The period is the source's own
 * when the query set one.
 */
export interface BaseServiceRequest {
  personidentitet: string;
  tidsperiod: { fromDatum: string; tomDatum: string };
  ingivare: { organisationsnummer: string; namn: string; handlaggare: string };
  arendeidentitet: string;
  syfte: string;
  lagtext: string;
  korrelationsid?: string;
  personuppgiftsbitrade?: { ordningsnummer?: number; organisationsnummer: string; namn: string }[];
}

/** FK's own query part: LEFI version, the municipality's aktorsid and the decoded LEFI JSON query. */
export interface FkQueryPart {
  version?: string;
  aktorsid: string;
  lefiJsonFraga: unknown;
}

/** Everything a generator needs; all randomness comes from `random` and `faker` (seeded). */
export interface GenerateInput {
  person: PersonProfile;
  request: BaseServiceRequest;
  /** Seeded from scenario seed + personidentitet + source code. */
  random: Random;
  /** Swedish faker seeded from `random`; use synchronously. */
  faker: Faker;
  /** Today's date (YYYY-MM-DD) by the injected clock. */
  today: string;
  /** FK only: the LEFI query as the composite received it. */
  fk?: FkQueryPart;
}

/** An HTTP call the composite makes to a base service. */
export interface BaseServiceCall {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** A base service's technical error, as the composite passes it on in error{kalla=BT}. */
export interface SourceError {
  felkod: string;
  felmeddelande: string[];
}

/**
 * One source: how its data is generated, how its documents are written and read, how it is called.
 * `P` is the canonical JSON form of its payload, described by the schema at `schemaPath`.
 */
export interface SourceModule<P = unknown> {
  code: SourceCode;
  /** The payload's JSON Schema, path under contracts/. */
  schemaPath: string;
  /** The media type of the base service's answer document. */
  mediaType: 'application/xml' | 'application/json';
  /** The path the base service answers on (a pattern with :params for express; FK has LEFI's). */
  routePath: string;
  /** The payload for a person this source knows. */
  generate(input: GenerateInput): P;
  /** This source's own "no data" answer for a person it does not know. */
  noData(input: GenerateInput): P;
  /** True when the payload marks a protected identity the way this source does. */
  marksProtected(payload: P): boolean;
  /** The base service's answer document (XML text, or JSON text for FK). */
  toDocument(payload: P): string;
  /** Reads an answer document into the canonical form (not yet validated). Throws on malformed text. */
  fromDocument(text: string): unknown;
  /** The content of `<ssbt:data>` in the composite answer for this payload. */
  soapData(payload: P, indent: string): string;
  /**
   * Sources whose `<ssbt:data>` carries the base service's answer document itself (FK's JSON, CSN's
   * and SKV's XML): that content from the document text, without writing the document again.
   * `soapDataOfDocument(toDocument(p), indent) === soapData(p, indent)` for every payload, so for a
   * document the simulator's own base service wrote (toDocument(fromDocument(text)) === text) it is
   * the same as `soapData(fromDocument(text), indent)`. Undefined for sources whose data is the
   * payload's elements (AF, SO, TNS, MIV).
   */
  soapDataOfDocument?(document: string, indent: string): string;
  /** How the composite calls this base service for a query. */
  buildCall(request: BaseServiceRequest, fk?: FkQueryPart): BaseServiceCall;
  /**
   * Reads an incoming HTTP request into the query (default: the JSON body checked against
   * contracts/base-services/request.schema.json). FK reads LEFI's path and JSON query instead and
   * answers LEFI's 400/403 itself.
   */
  parseIncoming?(http: IncomingHttp, scenario: Scenario): IncomingQuery;
  /** Reads a non-2xx answer of this base service into the error the composite reports (kalla=BT). */
  readError?(status: number, body: string): SourceError | undefined;
}
