import { contractProblem } from '../read-query.ts';
import type { Expectation } from './expectation.ts';

/**
 * Every request the client sent is valid by the v10 contract, checked exactly as the simulator
 * checks it (SOAP 1.1 envelope, the query schema, personidentitet, organisationsnummer, periods, FK's
 * fraga); and it sent at least one query.
 */
export const queriesValid: Expectation = {
  name: 'queriesValid',
  title: 'every query it sent is valid by the v10 contract',
  check(obs) {
    const out: string[] = [];
    if (!obs.received.some((r) => r.operation === 'hamtaBastjanstInformation')) {
      out.push('SSBTEK received no hamtaBastjanstInformation query from it');
    }
    obs.received.forEach((r, i) => {
      const which = `request ${i + 1}`;
      if (r.path.split('?')[0] !== obs.soapPath) {
        out.push(`${which} went to ${r.method} ${r.path}, not to the SOAP endpoint ${obs.soapPath}`);
        return;
      }
      if (r.truncated) {
        out.push(`${which} is larger than the journal keeps, so it cannot be checked`);
        return;
      }
      const problem = contractProblem(r.body);
      if (problem !== undefined) out.push(`${which} breaks the contract: ${problem}`);
    });
    return out;
  },
};
