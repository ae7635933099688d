import { contracts } from '../../../simulator/contracts/registry.ts';
import { SOURCE_CODES } from '../../../simulator/domain/sources.ts';
import { describeAnswer } from './answer-of.ts';
import { defineExpectation, type ExpectationContext } from './types.ts';

const MAX = 12;

function schemaProblems(schema: string, value: unknown, skip: (path: string) => boolean): string[] {
  return contracts()
    .check(schema, value)
    .filter((p) => !skip(p.path))
    .map((p) => `${p.path === '/' ? 'the answer' : p.path.slice(1)} ${p.message}`);
}

function problemsOf(ctx: ExpectationContext): string[] {
  const p = ctx.parsed;
  const out: string[] = [];
  const type = ctx.response.headers['content-type'] ?? '';
  if (p.soapVersion === '1.1' && !/^text\/xml\b/i.test(type))
    out.push(`Content-Type is "${type}", SOAP 1.1 answers are text/xml`);
  if (p.soapVersion === '1.2') out.push('the answer is a SOAP 1.2 envelope; the contract binds SOAP 1.1');
  out.push(...p.problems);
  const expected = ctx.operation === 'hamtaBastjanstInformation' ? 'answer' : 'ping';
  if (p.kind === 'other') return out;
  if (p.kind === 'fault') {
    if (p.fault?.detail !== undefined)
      out.push(
        ...schemaProblems('composite/fault.schema.json', p.fault.detail, () => false).map(
          (m) => `Fault detail: ${m}`,
        ),
      );
    return out;
  }
  if (p.kind !== expected) {
    out.push(`expected the answer of ${ctx.operation}, got ${describeAnswer(ctx)}`);
    return out;
  }
  if (p.kind === 'ping') {
    out.push(...schemaProblems('composite/ping-answer.schema.json', p.canonical ?? {}, () => false));
    return out;
  }
  for (const code of SOURCE_CODES) {
    const problem = p.decodeProblems[code];
    if (problem !== undefined) out.push(`${code} data cannot be decoded: ${problem}`);
  }
  const undecoded = SOURCE_CODES.filter(
    (c) => p.decodeProblems[c] !== undefined || p.results[c] === 'neither',
  ).map((c) => `/svarsdata/${c}`);
  out.push(
    ...schemaProblems('composite/answer.schema.json', p.canonical ?? {}, (path) =>
      undecoded.some((u) => path === u || path.startsWith(`${u}/`)),
    ),
  );
  return out;
}

/**
 * `contract`: the answer has the shape of the project's contracts: a SOAP 1.1 envelope (text/xml)
 * whose Body holds the operation's answer (or a Fault with its detail), and in canonical JSON it is
 * valid by contracts/composite/answer.schema.json (ping-answer, fault) with each source's data,
 * decoded (CSN and FK base64, SKV's embedded document), valid by that source's own schema.
 */
export const contract = defineExpectation<boolean | undefined>({
  name: 'contract',
  label: () => "valid by the project's contracts, each source's data by its own schema",
  check: (_a, ctx) => {
    const problems = problemsOf(ctx);
    return {
      failures:
        problems.length > MAX
          ? [...problems.slice(0, MAX), `... and ${problems.length - MAX} more`]
          : problems,
    };
  },
});
