import type { Mapping } from '../core/types.ts';
import type { Needs } from './case-body.ts';

/** The header that makes ssbtek-sim answer one request under a loaded scenario. */
export const SCENARIO_HEADER = 'x-ssbtek-scenario';

/** How a case runs on this target, or why it cannot. */
export type NeedsResolution =
  | {
      run: true;
      /** The person kind asked about and their personidentitet. */
      personKind: string;
      personidentitet: string;
      headers: Record<string, string>;
      /** The harness scenario the request is answered under (with control). */
      scenario?: string;
    }
  | { run: false; reason: string };

export interface NeedsContext {
  mapping: Mapping;
  control?: string;
}

/**
 * Decides how a case's needs are met: the person from the mapping, a state through the simulator's
 * control (the harness scenario sent as x-ssbtek-scenario) or else through a mapping person already
 * in that state; a case whose needs cannot be met is skipped with the reason.
 */
export function resolveNeeds(needs: Needs | undefined, ctx: NeedsContext): NeedsResolution {
  const hasControl = ctx.control !== undefined;
  if (needs?.control === true && !hasControl) {
    return {
      run: false,
      reason:
        "needs --control: the case checks ssbtek-sim's own behaviour (e.g. its felkod table, docs/felkoder.md), which other providers need not share",
    };
  }
  let kind = needs?.person ?? 'ordinary';
  const headers: Record<string, string> = {};
  let scenario: string | undefined;
  const state = needs?.state;
  if (state !== undefined) {
    if (hasControl) {
      scenario = state.scenario;
      headers[SCENARIO_HEADER] = state.scenario;
    } else if (state.person !== undefined && ctx.mapping.persons[state.person] !== undefined) {
      kind = state.person;
    } else {
      const alternative = state.person === undefined ? '' : `, or a mapping person of kind ${state.person}`;
      return {
        run: false,
        reason: `needs a provider in state "${state.name}": give --control for the simulator${alternative}`,
      };
    }
  }
  const personidentitet = ctx.mapping.persons[kind];
  if (personidentitet === undefined)
    return { run: false, reason: `the mapping names no person of kind ${kind}` };
  return scenario === undefined
    ? { run: true, personKind: kind, personidentitet, headers }
    : { run: true, personKind: kind, personidentitet, headers, scenario };
}
