/**
 * Writes SOAP answers the simulator gives with the default scenario, for CI's official-XSD check:
 * one answer per default persona (all seven sources, FK with a LEFI query), the ping, and one
 * whole-request fault. Usage: tsx test/ci/write-samples.ts OUTDIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCENARIO } from '../../simulator/cli/main.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';
import { startSimulator } from '../../simulator/server.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapPing, soapQuery } from '../support/queries.ts';

const out = process.argv[2] ?? 'artifacts/xsd-samples';
mkdirSync(out, { recursive: true });
const scenario = loadScenarioFile(DEFAULT_SCENARIO);
const sim = await startSimulator({ scenario, port: 0, timeoutMs: 2000 });
const post = async (body: string): Promise<{ status: number; text: string }> => {
  const res = await fetch(`${sim.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' }, body });
  return { status: res.status, text: await res.text() };
};
try {
  await Promise.all(
    scenario.personas.map(async (p) => {
      const res = await post(soapQuery(fullQuery(p.personidentitet, { generellaFrageparametrar: { fraganSkallInkluderasISvaret: true, korrelationsid: `ci-${p.id}`, frageTidpunkt: '2026-11-27T10:00:00+01:00' } })));
      if (res.status !== 200) throw new Error(`${p.id}: HTTP ${res.status}\n${res.text}`);
      writeFileSync(join(out, `persona-${p.id}.xml`), res.text);
    }),
  );
  const ping = await post(soapPing());
  writeFileSync(join(out, 'ping.xml'), ping.text);
  const fault = await post(soapQuery(fullQuery('198803159825')));
  if (fault.status !== 500) throw new Error(`expected a fault for a bad check digit, got HTTP ${fault.status}`);
  writeFileSync(join(out, 'fault-check-digit.xml'), fault.text);
  console.log(`wrote ${scenario.personas.length + 2} SOAP answers to ${out}`);
} finally {
  await sim.close();
}
