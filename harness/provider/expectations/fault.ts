import { SSBT_NS } from '../../../simulator/composite/namespaces.ts';
import { contracts } from '../../../simulator/contracts/registry.ts';
import { describeAnswer } from './answer-of.ts';
import { defineExpectation, fail, ok } from './types.ts';

interface FaultArgs {
  felkod?: string;
  detail?: boolean;
}

/**
 * `fault` / `fault: { felkod: SSBT-013 }`: the whole request was refused with a SOAP Fault (faultcode
 * and faultstring) whose detail is the operation's fault element with a felkod (any, unless named)
 * and at least one felmeddelande. `detail: false` accepts a Fault without the contract's detail.
 */
export const fault = defineExpectation<FaultArgs | undefined>({
  name: 'fault',
  label: (a) =>
    `SOAP Fault${a?.detail === false ? '' : ` with felkod ${a?.felkod ?? 'any'} and felmeddelande`}`,
  check: (a, ctx) => {
    const f = ctx.parsed.fault;
    if (ctx.parsed.kind !== 'fault' || f === undefined)
      return fail(`expected a SOAP Fault, got ${describeAnswer(ctx)}`);
    const failures: string[] = [];
    if (f.faultcode === undefined || f.faultcode === '') failures.push('the Fault has no faultcode');
    if (f.faultstring === undefined) failures.push('the Fault has no faultstring');
    if (a?.detail === false) return { failures };
    const element = `${ctx.operation}Fault`;
    if (f.detailElement === undefined)
      return fail(...failures, `the Fault has no detail with ${element}{felkod, felmeddelande}`);
    if (f.detailElement.local !== element || f.detailElement.namespace !== SSBT_NS) {
      failures.push(
        `the Fault's detail holds {${f.detailElement.namespace}}${f.detailElement.local}, expected ssbt:${element}`,
      );
    }
    if (f.detailProblem !== undefined)
      return fail(...failures, `the Fault's detail cannot be read: ${f.detailProblem}`);
    const problems = contracts().check('composite/fault.schema.json', f.detail);
    failures.push(
      ...problems.map((p) => `detail ${p.path === '/' ? '' : `${p.path.slice(1)} `}${p.message}`),
    );
    const felkod = (f.detail as { felkod?: unknown } | undefined)?.felkod;
    if (a?.felkod !== undefined && a.felkod !== 'any' && felkod !== a.felkod)
      failures.push(`felkod is ${JSON.stringify(felkod)}, expected ${a.felkod}`);
    return failures.length === 0 ? ok : { failures };
  },
});
