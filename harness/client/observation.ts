import type { AdapterInput, AdapterOutput } from './protocol.ts';
import type { AnsweredSources } from './read-answer.ts';

/** One request as the simulator's journal recorded it (what SSBTEK received). */
export interface ReceivedRequest {
  /** The journal's id. */
  id: number;
  method: string;
  path: string;
  body: string;
  /** The body was longer than the journal keeps. */
  truncated: boolean;
  status?: number;
  /** hamtaBastjanstInformation or testaBastjanstInformation, when the simulator got that far. */
  operation?: string;
  felkod?: string;
}

/** One request as the case's proxy saw it, with times in ms from the adapter's start. */
export interface TimedExchange {
  seq: number;
  path: string;
  /** The operation element's name, when the body is a SOAP request. */
  operation?: string;
  receivedMs: number;
  /** When the answer was handed to the client; absent when it never got one. */
  answeredMs?: number;
  status?: number;
  /** The Retry-After header of the answer. */
  retryAfter?: string;
  /** The answer's Date header (for a Retry-After given as an HTTP date). */
  date?: string;
  error?: string;
}

/**
 * Everything the expectations judge, as plain data: what the harness asked the adapter, what the
 * simulator received, when, what it answered, and what the adapter concluded.
 */
export interface ClientObservation {
  input: AdapterInput;
  /** The SOAP endpoint's path on the simulator (/ssbtek/v10). */
  soapPath: string;
  /** Every request the simulator received for this case (its journal), oldest answer first. */
  received: ReceivedRequest[];
  /** Every request the client sent (through the case's proxy), in order of arrival. */
  exchanges: TimedExchange[];
  /** The last answer to a query that reached the client, read per source; undefined when none did. */
  answer?: AnsweredSources;
  /** What the adapter printed, when it printed a valid document. */
  output?: AdapterOutput;
  /** Why there is no output (nothing printed, not JSON, breaks the schema, killed). */
  outputProblem?: string;
  run: {
    /** When the adapter ended, in ms from its start. */
    exitMs: number;
    /** When its output was complete (the last stdout chunk), in ms from its start; absent when it printed nothing. */
    outputMs?: number;
    killed: boolean;
    exitCode: number | null;
  };
}

/** The queries (hamtaBastjanstInformation) among the exchanges. */
export function sentQueries(obs: ClientObservation): TimedExchange[] {
  return obs.exchanges.filter((e) => e.operation === 'hamtaBastjanstInformation');
}

/** The queries among the requests the simulator received. */
export function receivedQueries(obs: ClientObservation): ReceivedRequest[] {
  return obs.received.filter((r) => r.operation === 'hamtaBastjanstInformation');
}
