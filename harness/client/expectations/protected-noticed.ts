import { SOURCE_CODES } from '../../../simulator/domain/sources.ts';
import type { Expectation } from './expectation.ts';
import { noOutput } from './helpers.ts';

/**
 * The client shows a protected identity exactly when SSBTEK's answer marks one (AF
 * Sekretessmarkering, CSN sekretess, LEFI skyddad, Skatteverket status 200): the terms of use require
 * that the caseworker learns of it.
 */
export const protectedNoticed: Expectation = {
  name: 'protectedNoticed',
  title: 'it shows a protected identity exactly when the answer marks one',
  notApplicable: (obs) =>
    obs.answer === undefined
      ? 'SSBTEK gave no answer, so there was no protected identity to notice'
      : undefined,
  check(obs) {
    if (obs.output === undefined) return [noOutput(obs)];
    const markers = SOURCE_CODES.filter((code) => obs.answer?.[code]?.protected === true);
    const shown = obs.output.protectedIdentityShown;
    if (markers.length > 0 && !shown)
      return [
        `does not show the protected identity that ${markers.join(', ')} mark${markers.length === 1 ? 's' : ''}`,
      ];
    if (markers.length === 0 && shown)
      return ['shows a protected identity, but no source in the answer marks one'];
    return [];
  },
};
