/**
 * The composite's own calls to its in-process base services carry the moment the composite began the
 * call (its monotonic clock, which the base services share in one process), so that a base service
 * answers `latency` after the composite asked, not `latency` after the request made its way through the
 * shared event loop to the handler: the delay the composite sees is then the configured one (issue 7).
 * Base services elsewhere never get the header (their clock is not ours) and count from arrival.
 */
export const CALL_STARTED_HEADER = 'x-ssbtek-call-started';

/** The header's value for a call begun at `ms` on the shared monotonic clock. */
export function callStartedValue(ms: number): string {
  return ms.toFixed(3);
}

/** The longest a request is believed to have been on its way; an older (or future) stamp is ignored. */
const MAX_IN_FLIGHT_MS = 10_000;

/**
 * When the wait for a call's latency starts: the composite's stamp when the request carries a plausible
 * one (not in the future, not older than MAX_IN_FLIGHT_MS), else `arrived`.
 */
export function waitStartOf(value: string | string[] | undefined, arrived: number): number {
  if (typeof value !== 'string' || value === '') return arrived;
  const stamp = Number(value);
  return Number.isFinite(stamp) && stamp <= arrived && stamp >= arrived - MAX_IN_FLIGHT_MS ? stamp : arrived;
}
