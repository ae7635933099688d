/**
 * Writes every answer the simulator gives to a fixed set of requests, one file each, so that an
 * optimisation can be checked to leave the output byte-identical: run it before and after, then
 * `diff -r BEFORE AFTER`. Per scenario of the library (default.yaml included): for every persona
 * and two people who are no persona, the full query over SOAP (all seven sources, FK with a LEFI
 * query), the same query over the JSON API, and two `inkludera` subsets over SOAP; then the ping.
 * The simulator runs on a fixed base clock with a short source timeout, so the output does not
 * depend on the day or the machine; the status and content type are written with each body.
 *
 * Usage: npx tsx test/bench/golden.ts OUTDIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';
import { startSimulator } from '../../simulator/server.ts';
import { BASE_CLOCK, libraryFiles, SAMPLE_TIMEOUT_MS } from '../ci/write-library-samples.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapPing, soapQuery } from '../support/queries.ts';

/** People who are no persona in any library scenario (synthetic, valid check digits). */
const STRANGERS = ['194107086995', '200001012380'];

const ALL = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'];

const SUBSETS: Record<string, string[]> = {
  'af-so': ['AF', 'SO'],
  'skv-tns-miv': ['SKV', 'TNS', 'MIV'],
};

async function post(url: string, type: string, body: string): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': type, soapaction: '""' }, body });
  return `${res.status} ${res.headers.get('content-type') ?? ''} retry-after=${res.headers.get('retry-after') ?? ''}\n${await res.text()}`;
}

async function main(out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  // Warm up first (the validators compile and the code is optimised on the first queries, which can take
  // longer than the short source timeout): a few queries under the default scenario, where every source
  // answers with data, to a throw-away simulator, so no scenario's first query is answered cold.
  const warm = await startSimulator({ scenario: loadScenarioFile(resolve(import.meta.dirname, '../../scenarios/default.yaml')), port: 0, clock: fixedClock(BASE_CLOCK) });
  for (const pnr of [...STRANGERS, '198803159824', '195206089954'])
    for (let i = 0; i < 3; i++) await post(`${warm.url}/ssbtek/v10`, 'text/xml; charset=utf-8', soapQuery(fullQuery(pnr)));
  await warm.close();
  let written = 0;
  for (const file of libraryFiles({ includeDefault: true })) {
    const name = basename(file, '.yaml');
    const scenario = loadScenarioFile(file);
    const sim = await startSimulator({ scenario, port: 0, timeoutMs: SAMPLE_TIMEOUT_MS, clock: fixedClock(BASE_CLOCK) });
    try {
      const people = [...scenario.personas.map((p) => ({ id: p.id, pnr: p.personidentitet })), ...STRANGERS.map((pnr) => ({ id: `stranger-${pnr}`, pnr }))];
      for (const person of people) {
        const general = { generellaFrageparametrar: { korrelationsid: `golden-${name}-${person.id}`, frageTidpunkt: '2026-07-01T12:00:00+02:00' } };
        const query = fullQuery(person.pnr, general);
        const write = (label: string, text: string): void => {
          writeFileSync(join(out, `${name}--${person.id}--${label}.txt`), text);
          written++;
        };
        write('soap', await post(`${sim.url}/ssbtek/v10`, 'text/xml; charset=utf-8', soapQuery(query)));
        write('json', await post(`${sim.url}/api/v1/hamtaBastjanstInformation`, 'application/json', JSON.stringify(query)));
        for (const [label, codes] of Object.entries(SUBSETS)) {
          const specific = Object.fromEntries(ALL.filter((c) => !codes.includes(c)).map((c) => [c, { inkludera: false }]));
          const subset = fullQuery(person.pnr, { ...general, specifikaFrageparametrar: specific });
          write(label, await post(`${sim.url}/ssbtek/v10`, 'text/xml; charset=utf-8', soapQuery(subset)));
        }
      }
      writeFileSync(join(out, `${name}--ping.txt`), await post(`${sim.url}/ssbtek/v10`, 'text/xml; charset=utf-8', soapPing()));
      written++;
    } finally {
      await sim.close();
    }
  }
  console.log(`wrote ${written} answers to ${out}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv[2] ?? 'artifacts/golden');
}
