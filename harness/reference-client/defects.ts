/**
 * Deliberately broken variants of the reference client, for testing the harness itself: each is a
 * one-line deviation in the client, marked `DEFECT(<name>)` where it is. The adapter takes the
 * variant from the environment variable REFERENCE_CLIENT_DEFECT; never set it in production.
 *
 *   ignore-protected  never shows a protected identity
 *   errors-as-nodata  reads a source's error as "no data"
 *   retry-forever     retries a 503 without limit (until its own deadline)
 *   shared-account    sends a shared account as handlaggare
 */
export const DEFECTS = ['ignore-protected', 'errors-as-nodata', 'retry-forever', 'shared-account'] as const;
export type Defect = (typeof DEFECTS)[number];

/** The defect a setting asks for (REFERENCE_CLIENT_DEFECT), or undefined for the correct client. */
export function readDefect(value: string | undefined): Defect | undefined {
  if (value === undefined || value === '') return undefined;
  if ((DEFECTS as readonly string[]).includes(value)) return value as Defect;
  throw new Error(`REFERENCE_CLIENT_DEFECT=${value} is not one of ${DEFECTS.join(', ')}`);
}
