/**
 * Latency-injection fidelity: the simulator runs test/bench/latency-fidelity.yaml (lognormal latency
 * on every source), one copy per connection, so call N of every source is that connection's query N
 * and each injected delay can be recomputed from the seed with the simulator's own decide(). The
 * observed per-source delay is the processing history's endedMs - startedMs (the composite's view;
 * the request journal has no per-source timings); the overhead of a query is its answer time minus
 * the slowest source's injected delay.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { parse, stringify } from 'yaml';
import { readHistory, readJournal, resetRecords, type HistoryEntry } from './admin.ts';
import { startSimulator } from './procs.ts';
import { quantile, relative, round, summarize } from './stats.ts';
import { isRealAnswer, queryXml, type Persona } from './workload.ts';

const CODES = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'] as const;
type Code = (typeof CODES)[number];

export interface FidelityOptions {
  /** The simulator tree measured. */
  root: string;
  /** The scenario template (test/bench/latency-fidelity.yaml). */
  template: string;
  connections: number;
  /** Measured queries in all (split evenly over the connections). */
  queries: number;
  /** Warm-up queries per connection (before the counters are reset). */
  warmupPerConnection: number;
  personas: readonly Persona[];
  /** Allowed relative deviation (0.05). */
  tolerance: number;
  /** Node options for the simulator's process (bench --node-args). */
  nodeArgs?: string[];
}

export interface SourceFidelity {
  code: string;
  calls: number;
  configured: { median: number; p99: number };
  /** Quantiles of the delays the simulator drew for exactly these calls (sampling error vs configured). */
  drawn: { median: number; p99: number };
  /** Quantiles of the composite's observed per-source times (history endedMs - startedMs). */
  observed: { median: number; p99: number };
  /** observed / configured - 1 */
  vsConfigured: { median: number; p99: number };
  /** observed / drawn - 1 */
  vsDrawn: { median: number; p99: number };
  /** drawn / configured - 1: the sampling error of this many draws alone. */
  drawnVsConfigured: { median: number; p99: number };
  /** observed - injected per call (ms): what the HTTP hop, the base service's work and reading the payload add. */
  perCallExtraMs: { p50: number; p99: number; max: number };
  passConfigured: boolean;
  passDrawn: boolean;
}

export interface FidelityResult {
  connections: number;
  queries: number;
  failedQueries: number;
  durationS: number;
  sources: SourceFidelity[];
  /** Answer time (client) minus the slowest source's injected delay, ms. */
  overheadMs: { p50: number; p90: number; p99: number; max: number };
  /** The history's durationMs (the composite's own view, without reading the SOAP request and writing the answer) minus the same. */
  compositeOverheadMs: { p50: number; p90: number; p99: number; max: number };
  /** Answer time, ms. */
  answerMs: { p50: number; p90: number; p99: number };
  /** Whether the request journal carries per-source timings (fields of its entries). */
  journal: { perSourceTimings: boolean; fields: string[] };
  /** Queries matched to their history entry. */
  matched: number;
}

interface Decide {
  decide: (
    scenario: unknown,
    code: string,
    personidentitet: string,
    callNumber: number,
    now: Date,
  ) => { latencyMs: number };
}
interface Load {
  loadScenarioFile: (file: string) => unknown;
}

function configuredOf(template: unknown): Record<Code, { median: number; p99: number }> {
  const sources = (
    template as { sources: Record<string, { latency: { model: string; median: number; p99: number } }> }
  ).sources;
  const out = {} as Record<Code, { median: number; p99: number }>;
  for (const code of CODES) {
    const l = sources[code]?.latency;
    if (l === undefined || l.model !== 'lognormal' || typeof l.p99 !== 'number')
      throw new Error(`${code}: the fidelity scenario needs a lognormal latency with median and p99`);
    out[code] = { median: l.median, p99: l.p99 };
  }
  return out;
}

export async function runFidelity(o: FidelityOptions): Promise<FidelityResult> {
  const templateText = readFileSync(o.template, 'utf8');
  const template = parse(templateText) as Record<string, unknown>;
  const configured = configuredOf(template);
  const dir = mkdtempSync(join(tmpdir(), 'ssbtek-bench-fidelity-'));
  const names: string[] = [];
  for (let k = 0; k < o.connections; k++) {
    const name = `${String(template.name)}-${k}`;
    names.push(name);
    writeFileSync(
      join(dir, `${name}.yaml`),
      stringify({ ...template, name, seed: `${String(template.seed)}-${k}` }),
    );
  }
  // The measured tree's own decide() and loader, so the recomputed delays are exactly the injected ones.
  const { decide } = (await import(
    pathToFileURL(join(o.root, 'simulator/behaviour/decide.ts')).href
  )) as Decide;
  const { loadScenarioFile } = (await import(
    pathToFileURL(join(o.root, 'simulator/scenarios/load.ts')).href
  )) as Load;
  const scenarios = names.map((n) => loadScenarioFile(join(dir, `${n}.yaml`)));

  const sim = await startSimulator({
    root: o.root,
    args: ['--scenario', join(dir, `${names[0] ?? ''}.yaml`), '--scenarios-dir', dir],
    nodeArgs: o.nodeArgs ?? [],
  });
  const agent = new Agent({ connections: o.connections, keepAliveTimeout: 30_000 });
  try {
    const perConnection = Math.max(1, Math.round(o.queries / o.connections));
    const ask = async (
      k: number,
      i: number,
      warm: boolean,
    ): Promise<{ ms: number; ok: boolean; pid: string }> => {
      const persona = o.personas[(k * 7 + i) % o.personas.length];
      const pid = persona?.personidentitet ?? '198803159824';
      const xml = queryXml(pid, CODES, `${warm ? 'warm' : 'fid'}-${k}-${i}`);
      const t0 = performance.now();
      const res = await request(sim.soapUrl, {
        method: 'POST',
        dispatcher: agent,
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: '""',
          'x-ssbtek-scenario': names[k] ?? '',
        },
        body: xml,
      });
      const text = await res.body.text();
      return { ms: performance.now() - t0, ok: res.statusCode === 200 && isRealAnswer(text), pid };
    };
    await Promise.all(
      names.map(async (_n, k) => {
        for (let i = 1; i <= o.warmupPerConnection; i++) await ask(k, i, true);
      }),
    );
    await resetRecords(sim.baseUrl);
    const answers = new Map<string, { ms: number; ok: boolean; pid: string; k: number; i: number }>();
    const t0 = performance.now();
    await Promise.all(
      names.map(async (_n, k) => {
        for (let i = 1; i <= perConnection; i++)
          answers.set(`fid-${k}-${i}`, { ...(await ask(k, i, false)), k, i });
      }),
    );
    const durationS = (performance.now() - t0) / 1000;
    const history = new Map<string, HistoryEntry>();
    for (const e of await readHistory(sim.baseUrl))
      if (e.korrelationsid !== undefined) history.set(e.korrelationsid, e);
    const journalEntry = (await readJournal(sim.baseUrl, 1))[0] ?? {};
    const journalFields = Object.keys(journalEntry);

    const observed = new Map<Code, number[]>(CODES.map((c) => [c, []]));
    const injected = new Map<Code, number[]>(CODES.map((c) => [c, []]));
    const extra = new Map<Code, number[]>(CODES.map((c) => [c, []]));
    const overhead: number[] = [];
    const compositeOverhead: number[] = [];
    const answerMs: number[] = [];
    let failed = 0;
    let matched = 0;
    const now = new Date();
    for (const [id, a] of answers) {
      answerMs.push(a.ms);
      if (!a.ok) failed += 1;
      const entry = history.get(id);
      const scenario = scenarios[a.k];
      if (entry === undefined || scenario === undefined) continue;
      matched += 1;
      let slowest = 0;
      for (const code of CODES) {
        const inj = decide(scenario, code, a.pid, a.i, now).latencyMs;
        slowest = Math.max(slowest, inj);
        const s = entry.sources.find((x) => x.code === code);
        if (s === undefined) continue;
        const obs = s.endedMs - s.startedMs;
        observed.get(code)?.push(obs);
        injected.get(code)?.push(inj);
        extra.get(code)?.push(obs - inj);
      }
      overhead.push(a.ms - slowest);
      compositeOverhead.push(entry.durationMs - slowest);
    }
    const sources = CODES.map((code): SourceFidelity => {
      const obs = observed.get(code) ?? [];
      const inj = injected.get(code) ?? [];
      const ex = summarize(extra.get(code) ?? []);
      const cfg = configured[code];
      const ob = { median: quantile(obs, 0.5), p99: quantile(obs, 0.99) };
      const dr = { median: quantile(inj, 0.5), p99: quantile(inj, 0.99) };
      const vsConfigured = { median: relative(ob.median, cfg.median), p99: relative(ob.p99, cfg.p99) };
      const vsDrawn = { median: relative(ob.median, dr.median), p99: relative(ob.p99, dr.p99) };
      const within = (d: { median: number; p99: number }): boolean =>
        Math.abs(d.median) <= o.tolerance && Math.abs(d.p99) <= o.tolerance;
      return {
        code,
        calls: obs.length,
        configured: cfg,
        drawn: dr,
        observed: ob,
        vsConfigured: { median: round(vsConfigured.median, 4), p99: round(vsConfigured.p99, 4) },
        vsDrawn: { median: round(vsDrawn.median, 4), p99: round(vsDrawn.p99, 4) },
        drawnVsConfigured: {
          median: round(relative(dr.median, cfg.median), 4),
          p99: round(relative(dr.p99, cfg.p99), 4),
        },
        perCallExtraMs: { p50: ex.p50, p99: ex.p99, max: ex.max },
        passConfigured: within(vsConfigured),
        passDrawn: within(vsDrawn),
      };
    });
    const ov = summarize(overhead);
    const cov = summarize(compositeOverhead);
    const an = summarize(answerMs);
    return {
      connections: o.connections,
      queries: answers.size,
      failedQueries: failed,
      durationS: round(durationS, 1),
      sources,
      overheadMs: {
        p50: round(ov.p50, 2),
        p90: round(ov.p90, 2),
        p99: round(ov.p99, 2),
        max: round(ov.max, 2),
      },
      compositeOverheadMs: {
        p50: round(cov.p50, 2),
        p90: round(cov.p90, 2),
        p99: round(cov.p99, 2),
        max: round(cov.max, 2),
      },
      answerMs: { p50: round(an.p50, 1), p90: round(an.p90, 1), p99: round(an.p99, 1) },
      journal: {
        perSourceTimings: journalFields.some((f) => /source|timing|startedMs|endedMs/i.test(f)),
        fields: journalFields,
      },
      matched,
    };
  } finally {
    await agent.close();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
