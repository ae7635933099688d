/**
 * npm run bench: the simulator against a bare node:http baseline, in one run (issue 7).
 *
 *   npm run bench [-- --duration 10] [--warmup 3] [--connections 1,10,50] [--workloads all7,mix,unique] [--quick]
 *                 [--root DIR] [--label TEXT] [--cold-runs 5] [--fidelity-queries 5000]
 *                 [--skip load,fidelity,cold,harness] [--out bench/results] [--node-args "--max-semi-space-size=4"]
 *
 * Writes bench/results/<timestamp>.json|.md and latest.json|.md, prints the Markdown table, and exits
 * 1 when a target fails or any error occurred (0 otherwise). See docs/performance.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { checkHistory, resetRecords } from './admin.ts';
import { measureColdStarts } from './cold-start.ts';
import { runFidelity } from './fidelity.ts';
import { timeProviderSuite } from './harness-time.ts';
import { runLoad } from './load.ts';
import {
  benchFile,
  calibrate,
  cpuMs,
  hwmMb,
  sampleRss,
  spawnNode,
  startSimulator,
  waitForOutput,
  type Child,
} from './procs.ts';
import { evaluateTargets, markdown, type BenchResult, type LoadPair, type MeasuredLoad } from './report.ts';
import { round } from './stats.ts';
import {
  allSevenWorkload,
  healthyPersonas,
  isRealAnswer,
  mixedWorkload,
  uniqueWorkload,
  type BenchRequest,
} from './workload.ts';

const REPO = resolve(import.meta.dirname, '../..');
const log = (s: string): void => void process.stderr.write(`bench: ${s}\n`);

const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    workloads: { type: 'string' },
    quick: { type: 'boolean' },
    root: { type: 'string' },
    label: { type: 'string' },
    'cold-runs': { type: 'string' },
    'fidelity-queries': { type: 'string' },
    skip: { type: 'string' },
    out: { type: 'string' },
    'node-args': { type: 'string' },
  },
});
const quick = values.quick === true;
const num = (text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`not a number: ${text}`);
  return n;
};
const options = {
  durationS: num(values.duration, quick ? 3 : 10),
  warmupS: num(values.warmup, quick ? 1 : 3),
  connections: (values.connections ?? '1,10,50').split(',').map((c) => num(c, 1)),
  workloads: (values.workloads ?? 'all7,mix,unique').split(',').filter((w) => w !== ''),
  uniquePersons: 2000,
  coldRuns: num(values['cold-runs'], quick ? 2 : 5),
  fidelityQueries: num(values['fidelity-queries'], quick ? 200 : 5000),
  fidelityConnections: 10,
  tolerance: 0.05,
  quick,
  skip: (values.skip ?? '').split(',').filter((s) => s !== ''),
  /** Node options for the simulator's processes under load and in the fidelity run (e.g. GC flags to compare). */
  nodeArgs: (values['node-args'] ?? '').split(/\s+/).filter((s) => s !== ''),
};
const root = resolve(values.root ?? REPO);
const outDir = resolve(values.out ?? join(REPO, 'bench/results'));

function treeLabel(): string {
  if (values.label !== undefined) return values.label;
  try {
    const git = (args: string[]): string =>
      execFileSync('git', ['-C', root, ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const commit = git(['rev-parse', '--short', 'HEAD']);
    const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
    return `${commit}${dirty ? ' with uncommitted changes' : ''}`;
  } catch {
    return 'not a git tree';
  }
}

/** Sends each request once (at most `limit`), in order, and returns the answers (every one must be a real 200 answer). */
async function capture(soapUrl: string, reqs: readonly BenchRequest[], limit = Infinity): Promise<string[]> {
  const out: string[] = [];
  for (const r of reqs.slice(0, limit)) {
    const res = await request(soapUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body: r.xml,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200 || !isRealAnswer(text))
      throw new Error(`${r.label}: not a real answer (HTTP ${res.statusCode}): ${text.slice(0, 400)}`);
    out.push(text);
  }
  return out;
}

async function measured(
  pid: number,
  run: (hooks: {
    start: () => void;
    end: () => void;
  }) => Promise<Omit<MeasuredLoad, 'rss' | 'cpuMsPerAnswer'>>,
): Promise<MeasuredLoad> {
  const sampler = sampleRss(pid);
  let cpu0: number | undefined;
  let cpu1: number | undefined;
  const r = await run({ start: () => void (cpu0 = cpuMs(pid)), end: () => void (cpu1 = cpuMs(pid)) });
  const rss = sampler.stop();
  const cpu =
    cpu0 === undefined || cpu1 === undefined || r.answers === 0
      ? undefined
      : round((cpu1 - cpu0) / r.answers, 3);
  return {
    ...r,
    rss: { peakMb: round(rss.peakMb, 1), meanMb: round(rss.meanMb, 1), samples: rss.samples },
    cpuMsPerAnswer: cpu,
  };
}

function faultsOf(what: string, m: MeasuredLoad): string[] {
  const p: string[] = [];
  if (m.non2xx > 0) p.push(`${what}: ${m.non2xx} non-2xx answers`);
  if (m.errors > 0) p.push(`${what}: ${m.errors} connection errors (${m.timeouts} timeouts)`);
  if (m.mismatches > 0) p.push(`${what}: ${m.mismatches} answers that are not a real answer`);
  if (m.warmup.faults > 0) p.push(`${what}: ${m.warmup.faults} faults in the warm-up`);
  if (m.history !== undefined && m.history.refused + m.history.sourceErrors > 0) {
    p.push(
      `${what}: history has ${m.history.refused} refused queries and ${m.history.sourceErrors} source errors (${m.history.felkoder.join(', ')})`,
    );
  }
  return p;
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const loadavgStart = loadavg();
  const calibrationStart = await calibrate();
  const problems: string[] = [];
  const personas = healthyPersonas(root);
  const all: Record<string, () => BenchRequest[]> = {
    all7: () => allSevenWorkload(personas),
    mix: () => mixedWorkload(personas),
    unique: () => uniqueWorkload(options.uniquePersons),
  };
  const workloads: Record<string, BenchRequest[]> = {};
  for (const name of options.workloads) {
    const make = all[name];
    if (make === undefined) throw new Error(`unknown workload ${name} (all7, mix, unique)`);
    workloads[name] = make();
  }
  if (workloads.all7 === undefined) workloads.all7 = allSevenWorkload(personas);
  const workloadInfo: BenchResult['workloads'] = {};
  const load: LoadPair[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'ssbtek-bench-'));
  const answersFile = join(tmp, 'answers.json');
  let simulatorPeakRssLifetimeMb: number | undefined;
  let baselineChild: Child | undefined;
  log(
    `tree ${root} (${treeLabel()}), load average ${loadavgStart.map((x) => x.toFixed(2)).join(' ')}, node -e 0: ${calibrationStart.nodeStartMs} ms wall, ${calibrationStart.nodeStartCpuMs} ms CPU`,
  );

  try {
    // The simulator answers every request once: the baseline's canned answers, of the same sizes.
    const sim = await startSimulator({ root, nodeArgs: options.nodeArgs });
    log(
      `simulator at ${sim.baseUrl} (pid ${sim.pid}, printed its endpoint after ${Math.round(sim.startedMs)} ms)`,
    );
    try {
      const answers: Record<string, string[]> = {};
      for (const [name, reqs] of Object.entries(workloads)) {
        // The unique workload's baseline rotates the answers of its first 50 people (the same sizes, near enough).
        answers[`/${name}`] = await capture(sim.soapUrl, reqs, name === 'unique' ? 50 : Infinity);
        const list = answers[`/${name}`] ?? [];
        workloadInfo[name] = {
          requests: reqs.length,
          answersCaptured: list.length,
          meanAnswerBytes: Math.round(
            list.reduce((s, a) => s + Buffer.byteLength(a), 0) / Math.max(1, list.length),
          ),
        };
      }
      writeFileSync(answersFile, JSON.stringify(answers));
      const baseline = spawnNode(['--import', 'tsx', benchFile('baseline-server.ts'), answersFile], root);
      baselineChild = baseline;
      const baselineUrl = (await waitForOutput(baseline, /BASELINE (http:\/\/\S+)/, 60_000))[1] ?? '';
      log(`baseline at ${baselineUrl} (pid ${baseline.pid})`);

      if (!options.skip.includes('load')) {
        for (const [name, reqs] of Object.entries(workloads)) {
          const bodies = reqs.map((r) => r.xml);
          for (const connections of options.connections) {
            const common = {
              bodies,
              connections,
              durationS: options.durationS,
              warmupS: options.warmupS,
              verifyBody: isRealAnswer,
            };
            await resetRecords(sim.baseUrl);
            log(`${name}, ${connections} connections: simulator...`);
            const s = await measured(sim.pid, async (h) => {
              const r = await runLoad({
                ...common,
                url: sim.soapUrl,
                onMeasureStart: h.start,
                onMeasureEnd: h.end,
              });
              return { ...r, history: await checkHistory(sim.baseUrl) };
            });
            log(`${name}, ${connections} connections: baseline...`);
            const b = await measured(baseline.pid, (h) =>
              runLoad({
                ...common,
                url: `${baselineUrl}/${name}`,
                onMeasureStart: h.start,
                onMeasureEnd: h.end,
              }),
            );
            const pair: LoadPair = {
              workload: name,
              connections,
              simulator: s,
              baseline: b,
              ratio: round(b.throughput === 0 ? 0 : s.throughput / b.throughput, 4),
            };
            load.push(pair);
            problems.push(
              ...faultsOf(`${name}@${connections} simulator`, s),
              ...faultsOf(`${name}@${connections} baseline`, b),
            );
            log(
              `  simulator ${s.throughput}/s p50 ${s.latencyMs.p50} p99 ${s.latencyMs.p99} ms, RSS ${s.rss.peakMb} MB | baseline ${b.throughput}/s | ratio ${pair.ratio}`,
            );
          }
        }
      }
      simulatorPeakRssLifetimeMb = hwmMb(sim.pid);
    } finally {
      await sim.stop();
    }
    await baselineChild?.stop();
    baselineChild = undefined;

    let fidelity: BenchResult['fidelity'];
    if (!options.skip.includes('fidelity')) {
      log(`fidelity: ${options.fidelityQueries} queries at ${options.fidelityConnections} connections...`);
      try {
        fidelity = await runFidelity({
          root,
          template: benchFile('latency-fidelity.yaml'),
          connections: options.fidelityConnections,
          queries: options.fidelityQueries,
          warmupPerConnection: quick ? 5 : 20,
          personas,
          tolerance: options.tolerance,
          nodeArgs: options.nodeArgs,
        });
        if (fidelity.failedQueries > 0)
          problems.push(`fidelity: ${fidelity.failedQueries} queries without a real answer`);
        if (fidelity.matched < fidelity.queries)
          problems.push(
            `fidelity: only ${fidelity.matched} of ${fidelity.queries} queries found in the history`,
          );
        log(`  overhead p50 ${fidelity.overheadMs.p50} ms, p99 ${fidelity.overheadMs.p99} ms`);
      } catch (e) {
        problems.push(`fidelity run failed: ${(e as Error).message.slice(0, 500)}`);
      }
    }

    let coldStart: BenchResult['coldStart'] = [];
    if (!options.skip.includes('cold')) {
      log(`cold start: ${options.coldRuns} runs per variant...`);
      const first = workloads.all7?.[0]?.xml ?? '';
      coldStart = await measureColdStarts({
        root,
        runs: options.coldRuns,
        query: first,
        verify: isRealAnswer,
        baseline: { script: benchFile('baseline-server.ts'), answersFile, path: '/all7' },
        all: !quick,
      });
      for (const c of coldStart)
        log(
          `  ${c.name}: median ${c.medianMs} ms${c.error === undefined ? '' : ` (${c.error.split('\n')[0] ?? ''})`}`,
        );
    }

    let harness: BenchResult['harness'];
    if (!options.skip.includes('harness')) {
      log('harness provider suite...');
      try {
        harness = await timeProviderSuite(root);
        log(`  ${harness.wallS} s, exit ${harness.exitCode}`);
      } catch (e) {
        problems.push(`harness run failed: ${(e as Error).message.slice(0, 500)}`);
      }
    }

    const partial: Omit<BenchResult, 'targets' | 'pass'> = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      node: process.version,
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model ?? 'unknown',
        memoryMb: Math.round(totalmem() / 2 ** 20),
        loadavgStart,
        loadavgEnd: loadavg(),
        calibrationStart,
        calibrationEnd: await calibrate(),
      },
      tree: { root, label: treeLabel(), ...(options.nodeArgs.length > 0 ? { nodeArgs: options.nodeArgs } : {}) },
      options: { ...options },
      workloads: workloadInfo,
      load,
      ...(simulatorPeakRssLifetimeMb === undefined
        ? {}
        : { simulatorPeakRssLifetimeMb: round(simulatorPeakRssLifetimeMb, 1) }),
      coldStart,
      ...(fidelity === undefined ? {} : { fidelity }),
      ...(harness === undefined ? {} : { harness }),
      problems,
    };
    const targets = evaluateTargets(partial, { quick, tolerance: options.tolerance });
    const result: BenchResult = {
      ...partial,
      targets,
      pass: targets.every((t) => t.pass || t.informational === true),
    };
    const md = markdown(result);
    mkdirSync(outDir, { recursive: true });
    const stamp = startedAt
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    for (const name of [stamp, 'latest']) {
      writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
      writeFileSync(join(outDir, `${name}.md`), md);
    }
    process.stdout.write(md);
    log(`written ${join(outDir, `${stamp}.json`)} and .md (and latest.*)`);
    return result.pass ? 0 : 1;
  } finally {
    await baselineChild?.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
