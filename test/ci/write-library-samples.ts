/**
 * Writes the SOAP answers the simulator gives with each scenario of the library (scenarios/*.yaml but
 * default.yaml, which write-samples.ts covers), for CI's official-XSD check. Per scenario: one full
 * query (all seven sources, FK with a LEFI query) per persona, at most four, then the extra queries a
 * scenario is about (csn-contract-error: a 33-character arendeidentitet), then the ping; each into
 * OUTDIR/<scenario>-<persona>.xml (…-ping.xml, …-<extra>.xml). The simulator runs with a 300 ms
 * timeout towards the sources and a fixed base clock, so the run is fast and does not depend on the
 * day. An answer may be HTTP 200, or a SOAP Fault with 500 or 503 (unavailable, maintenance, a
 * scenario's whole-request fault); anything else stops the script.
 * Usage: tsx test/ci/write-library-samples.ts OUTDIR
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';
import type { Scenario } from '../../simulator/scenarios/types.ts';
import { startSimulator } from '../../simulator/server.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapPing, soapQuery } from '../support/queries.ts';

/** Where the scenario library lives. */
export const SCENARIO_DIR = resolve(import.meta.dirname, '../../scenarios');
/** The base clock the simulator runs on (a scenario's own clock is derived from it). */
export const BASE_CLOCK = '2026-07-01T10:00:00Z';
/** The composite's timeout towards each source (a source's own timeoutMs in a scenario still wins). */
export const SAMPLE_TIMEOUT_MS = 300;
/** At most this many personas are asked about per scenario. */
export const MAX_PERSONAS = 4;
/** The HTTP statuses a SOAP answer may have: an answer, or a Fault (500; 503 with Retry-After). */
export const ANSWER_STATUSES = [200, 500, 503];

/** The scenario files of the library, sorted; default.yaml only when asked for. */
export function libraryFiles(options: { includeDefault?: boolean } = {}): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.yaml') && (options.includeDefault === true || f !== 'default.yaml'))
    .sort()
    .map((f) => join(SCENARIO_DIR, f));
}

/** One request of a scenario's sample run: a label (unique in the scenario) and the SOAP envelope. */
export interface SampleRequest {
  label: string;
  body: string;
}

/** The queries a scenario is sampled with, in the order they are sent (calls are counted, so order matters). */
export function sampleRequests(scenario: Scenario): SampleRequest[] {
  const general = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    generellaFrageparametrar: {
      korrelationsid: `library-${scenario.name}-${id}`,
      frageTidpunkt: '2026-07-01T12:00:00+02:00',
      ...extra,
    },
  });
  const personas = scenario.personas.slice(0, MAX_PERSONAS);
  const requests: SampleRequest[] = personas.map((p) => ({
    label: p.id,
    body: soapQuery(fullQuery(p.personidentitet, general(p.id))),
  }));
  const first = personas[0];
  if (scenario.name === 'csn-contract-error' && first !== undefined) {
    const arendeidentitet = 'ARENDE-2026-0001-AAAAAAAAAAAAAAAA'; // 33 characters: CSN answers -1005
    requests.push({
      label: 'long-arendeidentitet',
      body: soapQuery(fullQuery(first.personidentitet, general('long-arendeidentitet', { arendeidentitet }))),
    });
  }
  requests.push({ label: 'ping', body: soapPing() });
  return requests;
}

/** What the simulator answered to one sample request. */
export interface SampleAnswer {
  label: string;
  status: number;
  contentType: string;
  retryAfter: string | null;
  text: string;
}

/** Starts the simulator with a scenario file, sends its sample requests one after another, and stops it. */
export async function sampleAnswers(file: string): Promise<{ scenario: Scenario; answers: SampleAnswer[] }> {
  const scenario = loadScenarioFile(file);
  const sim = await startSimulator({
    scenario,
    port: 0,
    timeoutMs: SAMPLE_TIMEOUT_MS,
    clock: fixedClock(BASE_CLOCK),
  });
  const answers: SampleAnswer[] = [];
  try {
    for (const request of sampleRequests(scenario)) {
      const res = await fetch(`${sim.url}/ssbtek/v10`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
        body: request.body,
      });
      answers.push({
        label: request.label,
        status: res.status,
        contentType: res.headers.get('content-type') ?? '',
        retryAfter: res.headers.get('retry-after'),
        text: await res.text(),
      });
    }
  } finally {
    await sim.close();
  }
  return { scenario, answers };
}

/** Why an answer breaks the transport contract (status, content type, Retry-After), or undefined. */
export function transportProblem(a: SampleAnswer): string | undefined {
  if (!ANSWER_STATUSES.includes(a.status)) return `HTTP ${a.status} (expected ${ANSWER_STATUSES.join(', ')})`;
  if (!a.contentType.startsWith('text/xml')) return `content-type "${a.contentType}" (expected text/xml)`;
  if (a.status === 503 && !/^\d+$/.test(a.retryAfter ?? ''))
    return `HTTP 503 without a Retry-After of seconds (got ${String(a.retryAfter)})`;
  return undefined;
}

async function main(out: string): Promise<void> {
  mkdirSync(out, { recursive: true });
  let written = 0;
  const problems: string[] = [];
  for (const file of libraryFiles()) {
    const name = basename(file, '.yaml');
    const { answers } = await sampleAnswers(file);
    for (const a of answers) {
      const problem = transportProblem(a);
      if (problem !== undefined) problems.push(`${name}-${a.label}: ${problem}\n${a.text.slice(0, 500)}`);
      writeFileSync(join(out, `${name}-${a.label}.xml`), a.text);
      written++;
    }
  }
  if (problems.length > 0)
    throw new Error(`library answers that break the transport contract:\n${problems.join('\n')}`);
  console.log(`wrote ${written} SOAP answers of ${libraryFiles().length} library scenarios to ${out}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main(process.argv[2] ?? 'artifacts/xsd-library-samples');
}
