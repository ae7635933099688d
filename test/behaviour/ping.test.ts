import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makeScenario } from '../support/factories.ts';
import { soapPing } from '../support/queries.ts';
import { xsdAvailable, xsdProblems } from '../support/xsd.ts';

// The scenario clock reads 11:00 in Stockholm.
const scenario = makeScenario({
  clock: { mode: 'fixed', at: '2026-11-27T10:00:00Z' },
  sources: {
    AF: { timeoutMs: 300, failure: { mode: 'timeout' } },
    CSN: { failure: { mode: 'http-error', status: 502, when: { window: { from: '10:00', to: '12:00' } } } },
    FK: { failure: { mode: 'reset' } },
    SKV: { failure: { mode: 'technical-error', felkod: 'SKV-NERE', felmeddelande: 'Skatteverket har driftstörning.' } },
    SO: { failure: { mode: 'technical-error', when: { probability: 0.5 } } },
    TNS: { failure: { mode: 'empty' } },
    MIV: { failure: { mode: 'technical-error', when: { window: { from: '13:00', to: '14:00' } } } },
  },
});

let sim: Awaited<ReturnType<typeof startSimulator>>;

beforeAll(async () => {
  sim = await startSimulator({ scenario, port: 0, clock: fixedClock('2026-11-27T10:00:00Z') });
});
afterAll(async () => {
  await sim.close();
});

type Ping = Record<string, { anropad: boolean; error?: { kalla: string; felkod: string; felmeddelande: string[] } }>;

async function ping(): Promise<Ping> {
  const res = await fetch(`${sim.url}/api/v1/testaBastjanstInformation`, { method: 'POST' });
  return (await res.json()) as Ping;
}

describe('the ping reflects each source\'s state now', () => {
  it('Given failures in force for every call now, Then the ping reports them; flaky, out-of-window and document-level failures report healthy', async () => {
    const p = await ping();
    expect(p.AF).toMatchObject({ anropad: true, error: { kalla: 'SSBT', felkod: 'SSBT-101' } });
    expect(p.CSN).toMatchObject({ anropad: true, error: { kalla: 'BT', felkod: 'BT-202', felmeddelande: [expect.stringContaining('502')] } });
    expect(p.FK).toMatchObject({ anropad: true, error: { kalla: 'SSBT', felkod: 'SSBT-102' } });
    expect(p.SKV).toEqual({ anropad: true, error: { kalla: 'BT', felkod: 'SKV-NERE', felmeddelande: ['Skatteverket har driftstörning.'] } });
    expect(p.SO).toEqual({ anropad: true });
    expect(p.TNS).toEqual({ anropad: true });
    expect(p.MIV).toEqual({ anropad: true });
    const soap = await fetch(`${sim.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: soapPing() });
    const text = await soap.text();
    expect(text).toMatch(/<ssbt:SKV>\s*<ssbt:anropad>true<\/ssbt:anropad>\s*<ssbt:error>\s*<ssbt:kalla>BT<\/ssbt:kalla>\s*<ssbt:felkod>SKV-NERE<\/ssbt:felkod>/);
    if (xsdAvailable) expect(xsdProblems(text)).toBe('');
  });

  it('Given a live fault, Then the ping reflects it until it is cleared; pinging counts no calls', async () => {
    sim.ctx.runtime.setLiveFault('SO', { mode: 'technical-error', felkod: 'SO-LIVE', when: {} });
    try {
      expect((await ping()).SO).toMatchObject({ error: { kalla: 'BT', felkod: 'SO-LIVE' } });
    } finally {
      sim.ctx.runtime.setLiveFault('SO', undefined);
    }
    expect((await ping()).SO).toEqual({ anropad: true });
    expect(sim.ctx.runtime.nextCall(scenario.name, 'SO')).toBe(1);
  });
});
