import type { BaseServiceRequest, FkQueryPart } from './types.ts';

/** A base service's reading of an incoming HTTP request: the query, or the HTTP answer refusing it. */
export type IncomingQuery =
  | { ok: true; request: BaseServiceRequest; fk?: FkQueryPart }
  | { ok: false; status: number; contentType: string; body: string };

/** The parts of an HTTP request a base service reads. */
export interface IncomingHttp {
  params: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}
