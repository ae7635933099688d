import type { SourceModule } from '../base-services/types.ts';
import type { SourceCode } from '../domain/sources.ts';
import type { Problem } from '../http/problem.ts';
import type { Failure } from '../scenarios/types.ts';
import { corruptPayload } from './corrupt.ts';
import { technicalErrorOf } from './technical-error.ts';

/** What the HTTP layer does: hold the request until the client gives up, reset the connection, or answer. */
export type Outcome =
  | { kind: 'hold' }
  | { kind: 'reset' }
  | { kind: 'problem'; problem: Problem }
  | { kind: 'send'; status: number; contentType: string; body: string };

/** The status of an http-error failure (default 503). */
export function httpErrorStatus(failure: Pick<Failure, 'status'>): number {
  return failure.status ?? 503;
}

function technicalProblem(code: SourceCode, failure: Failure, status: number, title: string): Outcome {
  const { felkod, felmeddelande } = technicalErrorOf(code, failure);
  return { kind: 'problem', problem: { title, status, felkod, felmeddelande: [felmeddelande] } };
}

function plainError(failure: Failure): Outcome {
  const status = httpErrorStatus(failure);
  return { kind: 'send', status, contentType: 'text/plain; charset=utf-8', body: `HTTP ${status}: the base service failed.` };
}

/**
 * How a base service answers a query call that fails, as the real chain would see it: technical-error
 * is HTTP 500 problem+json with felkod (the composite passes it on, kalla=BT); http-error the status
 * with a plain body (BT-202); timeout holds the request (SSBT-101); reset drops the connection
 * (SSBT-102); empty, truncated (the first half of the real document) and invalid-payload (a
 * well-formed document that breaks the schema) are HTTP 200 (BT-201). `payload` is the canonical
 * payload the source would have answered.
 */
export function failureOutcome(source: SourceModule, failure: Failure, payload: () => unknown): Outcome {
  const document = (p: unknown): Outcome => ({ kind: 'send', status: 200, contentType: source.mediaType, body: source.toDocument(p) });
  switch (failure.mode) {
    case 'technical-error':
      return technicalProblem(source.code, failure, 500, 'Technical error in the base service');
    case 'http-error':
      return plainError(failure);
    case 'timeout':
      return { kind: 'hold' };
    case 'reset':
      return { kind: 'reset' };
    case 'empty':
      return { kind: 'send', status: 200, contentType: source.mediaType, body: '' };
    case 'truncated': {
      const full = source.toDocument(payload());
      return { kind: 'send', status: 200, contentType: source.mediaType, body: full.slice(0, Math.floor(full.length / 2)) };
    }
    case 'invalid-payload':
      return document(corruptPayload(source.schemaPath, payload(), source.mediaType));
  }
}

/**
 * How the source's test service (GET /health) answers while a failure is in force: technical-error
 * 503 problem+json with felkod, http-error its status, timeout holds, reset drops the connection;
 * empty, truncated and invalid-payload concern the answer document, so the test service is ok (undefined).
 */
export function healthOutcome(code: SourceCode, failure: Failure): Outcome | undefined {
  switch (failure.mode) {
    case 'technical-error':
      return technicalProblem(code, failure, 503, 'Base service failing');
    case 'http-error':
      return plainError(failure);
    case 'timeout':
      return { kind: 'hold' };
    case 'reset':
      return { kind: 'reset' };
    case 'empty':
    case 'truncated':
    case 'invalid-payload':
      return undefined;
  }
}
