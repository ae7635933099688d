import type { Agent } from 'undici';
import {
  TargetUnreachable,
  type Case,
  type CaseExecutor,
  type CaseOutcome,
  type Exchange,
  type Failure,
} from '../core/types.ts';
import { readAnswer } from './answer/read-answer.ts';
import { buildRequest, CaseDefinitionError, type BuiltRequest } from './build-request.ts';
import { expectEntry, readCaseBody, type ProviderCaseBody } from './case-body.ts';
import { EXPECTATIONS } from './expectations/index.ts';
import type { ExpectationContext } from './expectations/types.ts';
import { harnessScenarios, type HarnessScenario } from './harness-scenarios.ts';
import { createAgent, send, type HttpCall } from './http.ts';
import { resolveNeeds } from './needs.ts';
import type { ProviderOptions } from '../core/options.ts';
import { createXsdChecker, type XsdChecker } from './xsd-check.ts';

/** Test seams: where the harness scenarios are read from, and the XSD checker. */
export interface ProviderExecutorDeps {
  scenarios?: HarnessScenario[];
  xsd?: XsdChecker;
}

const outcome = (verdict: CaseOutcome['verdict'], extra: Partial<CaseOutcome> = {}): CaseOutcome => ({
  verdict,
  failures: [],
  exchanges: [],
  ...extra,
});

function controlUrl(control: string, path: string): string {
  return `${control.replace(/\/+$/, '')}${path}`;
}

/**
 * Provider mode: judges any SSBTEK v10 provider at `options.target`. Each case's request is built
 * from the mapping (or written raw), sent over a keep-alive connection pool (TLS and mutual TLS from
 * `options.tls`), its answer read into canonical JSON (payloads decoded) and judged by the case's
 * named expectations. With `options.control` (the simulator's base URL) `prepare` loads the harness's
 * own scenarios and state-dependent cases run under them; without it such cases are skipped unless
 * the mapping names a person already in that state.
 */
export function createProviderExecutor(
  options: ProviderOptions,
  deps: ProviderExecutorDeps = {},
): CaseExecutor {
  let agent: Agent | undefined;
  let xsd: XsdChecker | undefined = deps.xsd;
  let scenarios: Map<string, HarnessScenario> | undefined;
  const ownXsd = deps.xsd === undefined;

  const pool = (): Agent => (agent ??= createAgent(options.tls));
  const scenarioList = (): Map<string, HarnessScenario> =>
    (scenarios ??= new Map((deps.scenarios ?? harnessScenarios()).map((s) => [s.name, s])));

  async function sendOrThrow(
    call: HttpCall,
    timeoutMs: number,
    what: string,
  ): Promise<Exchange & { response: NonNullable<Exchange['response']> }> {
    const sent = await send(pool(), call, timeoutMs);
    if (sent.noAnswer?.kind === 'unreachable')
      throw new TargetUnreachable(`${what} ${call.url} cannot be reached: ${sent.noAnswer.message}`);
    if (sent.answer === undefined)
      throw new TargetUnreachable(
        `${what} ${call.url} gave no answer: ${sent.noAnswer?.message ?? 'unknown'}`,
      );
    return { ...sent.exchange, response: sent.answer };
  }

  async function loadScenarios(control: string): Promise<void> {
    for (const s of scenarioList().values()) {
      const url = controlUrl(control, '/admin/scenarios');
      const ex = await sendOrThrow(
        {
          method: 'POST',
          url,
          headers: {
            'content-type': 'application/yaml',
            ...(options.controlToken === undefined ? {} : { authorization: `Bearer ${options.controlToken}` }),
          },
          body: s.yaml,
        },
        options.timeoutMs,
        'the simulator control',
      );
      if (ex.response.status < 200 || ex.response.status > 299) {
        throw new Error(
          `the simulator at ${control} refused harness scenario ${s.name} (${s.file}): HTTP ${ex.response.status} ${ex.response.body.slice(0, 500)}`,
        );
      }
    }
  }

  function timeoutFor(body: ProviderCaseBody, stateTimeoutMs: number | undefined): number {
    const deadline = options.deadlineMs ?? body.deadlineMs;
    return Math.max(
      options.timeoutMs,
      deadline === undefined ? 0 : deadline + 1000,
      stateTimeoutMs === undefined ? 0 : stateTimeoutMs + 5000,
    );
  }

  async function judge(
    body: ProviderCaseBody,
    built: BuiltRequest,
    exchange: Exchange,
    stateTimeoutMs: number | undefined,
  ): Promise<CaseOutcome> {
    const response = exchange.response;
    if (response === undefined)
      return outcome('fail', {
        failures: [{ expectation: 'an answer', message: exchange.error ?? 'no answer' }],
        exchanges: [exchange],
      });
    const parsed = readAnswer(response.body);
    const entries = body.expect.map(expectEntry);
    const needsXsd = entries.some((e) => EXPECTATIONS[e.name]?.needsXsd === true);
    const ctx: ExpectationContext = {
      operation: built.operation,
      response,
      parsed,
      durationMs: exchange.durationMs,
    };
    if (built.query !== undefined) ctx.query = built.query;
    const deadline = options.deadlineMs ?? body.deadlineMs;
    if (deadline !== undefined) ctx.deadlineMs = deadline;
    if (stateTimeoutMs !== undefined) ctx.stateTimeoutMs = stateTimeoutMs;
    if (needsXsd) {
      xsd ??= createXsdChecker();
      const problems = await xsd.check(response.body, built.operation);
      if (problems !== undefined) ctx.xsdProblems = problems;
    }
    const failures: Failure[] = [];
    const notes: string[] = [];
    for (const { name, args } of entries) {
      const e = EXPECTATIONS[name];
      if (e === undefined)
        return outcome('error', { reason: `unknown expectation ${name}`, exchanges: [exchange] });
      const result = e.check(args, ctx);
      failures.push(...result.failures.map((message) => ({ expectation: e.label(args), message })));
      notes.push(...(result.notes ?? []));
    }
    const verdict = failures.length === 0 ? 'pass' : 'fail';
    return outcome(verdict, {
      failures,
      exchanges: [exchange],
      ...(notes.length === 0 ? {} : { reason: notes.join('; ') }),
    });
  }

  return {
    async prepare() {
      await sendOrThrow(
        { label: 'reachability', method: 'GET', url: options.target, headers: {}, body: '' },
        options.timeoutMs,
        'the target',
      );
      if (options.control !== undefined) await loadScenarios(options.control);
    },

    async run(c: Case): Promise<CaseOutcome> {
      const read = readCaseBody(c.body);
      if (!read.ok)
        return outcome('error', {
          reason: `the case's provider fields are invalid: ${read.problems.join('; ')}`,
        });
      const body = read.body;
      const needs = resolveNeeds(
        body.needs,
        options.control === undefined
          ? { mapping: options.mapping }
          : { mapping: options.mapping, control: options.control },
      );
      if (!needs.run) return outcome('skip', { reason: needs.reason });
      let stateTimeoutMs: number | undefined;
      if (needs.scenario !== undefined) {
        const scenario = scenarioList().get(needs.scenario);
        if (scenario === undefined)
          return outcome('error', {
            reason: `needs.state.scenario ${needs.scenario} is not a harness scenario (harness/scenarios/*.yaml)`,
          });
        stateTimeoutMs = scenario.timeoutMs;
      } else if (body.needs?.state !== undefined) {
        stateTimeoutMs = options.deadlineMs ?? body.deadlineMs;
      }
      let built: BuiltRequest;
      try {
        built = buildRequest({
          spec: body.request ?? {},
          mapping: options.mapping,
          caseId: c.id,
          personidentitet: needs.personidentitet,
          headers: needs.headers,
        });
      } catch (e) {
        if (e instanceof CaseDefinitionError) return outcome('error', { reason: e.message });
        throw e;
      }
      const sent = await send(
        pool(),
        {
          label: built.operation,
          method: 'POST',
          url: options.target,
          headers: built.headers,
          body: built.body,
        },
        timeoutFor(body, stateTimeoutMs),
      );
      if (sent.noAnswer?.kind === 'unreachable')
        throw new TargetUnreachable(
          `the target ${options.target} cannot be reached: ${sent.noAnswer.message}`,
        );
      return judge(body, built, sent.exchange, stateTimeoutMs);
    },

    async close() {
      if (ownXsd) xsd?.close();
      await agent?.close();
      agent = undefined;
    },
  };
}
