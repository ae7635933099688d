import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetUnreachable, type Case } from '../../../harness/core/types.ts';
import { createProviderExecutor } from '../../../harness/provider/executor.ts';
import { harnessScenarios } from '../../../harness/provider/harness-scenarios.ts';
import { simulatorMapping, startDefaultSimulator } from './support/run-suite.ts';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function providerCase(body: Record<string, unknown>, id = 'P-TEST-001'): Case {
  return {
    id,
    title: 'When tested, then it works',
    requirement: 'test',
    level: 'MUST',
    mode: 'provider',
    suite: 'provider',
    file: 'test',
    line: 1,
    body,
  };
}

describe('createProviderExecutor', () => {
  let sim: Awaited<ReturnType<typeof startDefaultSimulator>>;
  beforeAll(async () => {
    sim = await startDefaultSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('throws TargetUnreachable from prepare when nothing listens at the target', async () => {
    const executor = createProviderExecutor({
      target: `http://127.0.0.1:${await closedPort()}/ssbtek/v10`,
      mapping: simulatorMapping(),
      timeoutMs: 2000,
    });
    await expect(executor.prepare?.()).rejects.toThrow(TargetUnreachable);
    await executor.close?.();
  });

  it('throws TargetUnreachable from prepare when the host name does not resolve', async () => {
    const executor = createProviderExecutor({
      target: 'http://ssbtek-provider.invalid/ssbtek/v10',
      mapping: simulatorMapping(),
      timeoutMs: 3000,
    });
    await expect(executor.prepare?.()).rejects.toThrow(TargetUnreachable);
    await executor.close?.();
  });

  it('throws TargetUnreachable from run when the target goes away during the run', async () => {
    const executor = createProviderExecutor({
      target: `http://127.0.0.1:${await closedPort()}/ssbtek/v10`,
      mapping: simulatorMapping(),
      timeoutMs: 2000,
    });
    await expect(executor.run(providerCase({ expect: [{ status: 200 }] }))).rejects.toThrow(
      /cannot be reached: .*ECONNREFUSED/,
    );
    await executor.close?.();
  });

  it('loads the harness scenarios into the simulator through its admin API', async () => {
    const executor = createProviderExecutor({
      target: `${sim.url}/ssbtek/v10`,
      control: sim.url,
      mapping: simulatorMapping(),
      timeoutMs: 5000,
    });
    await executor.prepare?.();
    await executor.close?.();
    const loaded = (await (await fetch(`${sim.url}/admin/scenarios`)).json()) as {
      scenarios: { name: string }[];
    };
    for (const s of harnessScenarios()) expect(loaded.scenarios.map((x) => x.name)).toContain(s.name);
  });

  it('fails prepare, naming the scenario, when the simulator refuses a harness scenario', async () => {
    const broken = {
      name: 'conformance-broken',
      file: 'broken.yaml',
      yaml: 'schemaVersion: 1\nname: conformance-broken\nseed: x\nsources: { CSN: { failure: { mode: sleepy } } }\n',
      timeoutMs: 10000,
    };
    const executor = createProviderExecutor(
      { target: `${sim.url}/ssbtek/v10`, control: sim.url, mapping: simulatorMapping(), timeoutMs: 5000 },
      { scenarios: [broken] },
    );
    await expect(executor.prepare?.()).rejects.toThrow(
      /refused harness scenario conformance-broken \(broken\.yaml\): HTTP 422/,
    );
    await executor.close?.();
  });

  it('sends the harness scenario as x-ssbtek-scenario for a case that needs a state', async () => {
    const executor = createProviderExecutor({
      target: `${sim.url}/ssbtek/v10`,
      control: sim.url,
      mapping: simulatorMapping(),
      timeoutMs: 5000,
    });
    await executor.prepare?.();
    const outcome = await executor.run(
      providerCase({
        needs: {
          state: { name: 'Skatteverket reports a technical error', scenario: 'conformance-skv-error' },
        },
        request: { inkludera: ['SKV', 'TNS'] },
        expect: [{ error: { source: 'SKV', kalla: 'BT' } }, { data: 'TNS' }],
      }),
    );
    await executor.close?.();
    expect(outcome.verdict).toBe('pass');
    expect(outcome.exchanges[0]?.request.headers['x-ssbtek-scenario']).toBe('conformance-skv-error');
  });

  it('gives verdict error, not fail, for a case the harness cannot run', async () => {
    const executor = createProviderExecutor({
      target: `${sim.url}/ssbtek/v10`,
      control: sim.url,
      mapping: simulatorMapping(),
      timeoutMs: 5000,
    });
    const invalid = await executor.run(providerCase({ expect: [{ sources: ['XX'] }] }));
    const unknownScenario = await executor.run(
      providerCase({ needs: { state: { name: 'x', scenario: 'no-such-scenario' } }, expect: ['contract'] }),
    );
    const badPlaceholder = await executor.run(
      providerCase({
        request: { query: { generellaFrageparametrar: { syfte: '{{nothing}}' } } },
        expect: ['contract'],
      }),
    );
    await executor.close?.();
    expect(invalid.verdict).toBe('error');
    expect(invalid.reason).toMatch(/^the case's provider fields are invalid: \/expect\/0/);
    expect(unknownScenario).toMatchObject({
      verdict: 'error',
      reason: 'needs.state.scenario no-such-scenario is not a harness scenario (harness/scenarios/*.yaml)',
    });
    expect(badPlaceholder.verdict).toBe('error');
    expect(badPlaceholder.reason).toMatch(/^request\.query: \{\{nothing\}\} is not one of/);
  });

  it('records the exchange and says which expectation failed and why', async () => {
    const executor = createProviderExecutor({
      target: `${sim.url}/ssbtek/v10`,
      mapping: simulatorMapping(),
      timeoutMs: 5000,
    });
    const outcome = await executor.run(
      providerCase({
        request: { inkludera: ['TNS'] },
        expect: [{ status: 200 }, { sources: ['AF', 'TNS'] }, { within: 1 }],
      }),
    );
    await executor.close?.();
    expect(outcome.verdict).toBe('fail');
    expect(outcome.failures[0]).toEqual({
      expectation: 'svarsdata holds exactly AF, TNS in contract order',
      message: 'svarsdata holds TNS: missing: AF',
    });
    expect(outcome.failures[1]?.expectation).toBe('answers within 1 ms');
    expect(outcome.exchanges).toHaveLength(1);
    expect(outcome.exchanges[0]?.request).toMatchObject({
      method: 'POST',
      url: `${sim.url}/ssbtek/v10`,
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
    });
    expect(outcome.exchanges[0]?.response?.status).toBe(200);
    expect(outcome.exchanges[0]?.response?.body).toContain('<ssbt:TNS>');
  });
});
