/**
 * Profiles the simulator with `node --cpu-prof` and summarises the profile (test/bench/cpuprofile-top.ts).
 *
 * Under load (default): starts it, drives the all-seven-sources workload with autocannon (a warm-up,
 * then the measured part), stops it with SIGINT so the profile is written; the tables cover the
 * measured part only.
 *
 *   npx tsx test/bench/profile.ts [--duration 15] [--warmup 5] [--connections 50] [--root DIR] [--out artifacts/prof] [--top 15]
 *
 * Start-up (--startup): starts it as users do (node simulator/cli/bin.js start), sends one query as
 * soon as it listens, and stops it after the first answer; the tables cover spawn to first answer.
 *
 *   npx tsx test/bench/profile.ts --startup [--root DIR] [--out artifacts/prof] [--top 15]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { summariseProfile, summaryMarkdown, type CpuProfile } from './cpuprofile-top.ts';
import { runLoad } from './load.ts';
import { spawnNode, startSimulator, waitForOutput } from './procs.ts';
import { allSevenWorkload, healthyPersonas, isRealAnswer } from './workload.ts';

const REPO = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    duration: { type: 'string' },
    connections: { type: 'string' },
    root: { type: 'string' },
    out: { type: 'string' },
    top: { type: 'string' },
    warmup: { type: 'string' },
    startup: { type: 'boolean' },
  },
});
const root = resolve(values.root ?? REPO);
const top = Number(values.top ?? 15);
const dir = resolve(
  values.out ?? join(REPO, 'artifacts/prof'),
  `${values.startup === true ? 'startup-' : ''}${new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`,
);
mkdirSync(dir, { recursive: true });
const bodies = allSevenWorkload(healthyPersonas(root)).map((r) => r.xml);

function readProfile(): { file: string; profile: CpuProfile } {
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (tsx's loader hooks run in another).
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const file = files.find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)) ?? files[0];
  if (file === undefined) throw new Error(`no .cpuprofile in ${dir}`);
  return { file: join(dir, file), profile: JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile };
}

let md: string;
if (values.startup === true) {
  const t0 = performance.now();
  const sim = spawnNode(
    [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      'simulator/cli/bin.js',
      'start',
      '--port',
      '0',
      '--quiet',
      '--no-watch',
    ],
    root,
  );
  const soapUrl = (await waitForOutput(sim, /SOAP endpoint\s+(http:\/\/\S+)/, 120_000))[1] ?? '';
  const listening = performance.now() - t0;
  const res = await request(soapUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
    body: bodies[0] ?? '',
  });
  const ok = res.statusCode === 200 && isRealAnswer(await res.body.text());
  const answered = performance.now() - t0;
  const exit = await sim.stop('SIGINT', 30_000);
  const { file, profile } = readProfile();
  const summary = summariseProfile(profile, { top, root });
  writeFileSync(
    join(dir, 'summary.json'),
    `${JSON.stringify({ listeningMs: listening, firstAnswerMs: answered, ok, summary }, null, 2)}\n`,
  );
  md = `# CPU profile of the simulator's start-up\n\nTree ${root}: node simulator/cli/bin.js start; listening after ${Math.round(listening)} ms, first answer (${ok ? 'ok' : 'NOT ok'}) after ${Math.round(answered)} ms; exited ${exit}.\nProfile file: ${file} (from process start to exit).\n\n${summaryMarkdown(summary)}`;
} else {
  // From source, so the profile names the simulator's modules (the start-up bundle is one file).
  const sim = await startSimulator({ root, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`], env: { ...process.env, SSBTEK_SIM_FROM_SOURCE: '1' } });
  process.stderr.write(`profile: simulator ${sim.baseUrl} (pid ${sim.pid}), profile to ${dir}\n`);
  // The warm-up's samples (and start-up's) are left out of the summary: only the measured part counts.
  let fromUs: number | undefined;
  const result = await runLoad({
    url: sim.soapUrl,
    bodies,
    connections: Number(values.connections ?? 50),
    durationS: Number(values.duration ?? 15),
    warmupS: Number(values.warmup ?? 5),
    verifyBody: isRealAnswer,
    onMeasureStart: () => {
      fromUs = Number(process.hrtime.bigint() / 1000n);
    },
  });
  const exit = await sim.stop('SIGINT', 30_000);
  process.stderr.write(
    `profile: ${result.answers} answers (${result.throughput}/s), simulator exited ${exit}\n`,
  );
  const { file, profile } = readProfile();
  const summary = summariseProfile(profile, { top, root, ...(fromUs === undefined ? {} : { fromUs }) });
  const whole = summariseProfile(profile, { top, root });
  writeFileSync(
    join(dir, 'summary.json'),
    `${JSON.stringify({ load: result, fromUs, summary, wholeProcess: whole }, null, 2)}\n`,
  );
  const faults = result.non2xx + result.errors + result.mismatches + result.warmup.faults;
  md = `# CPU profile of the simulator under load\n\nTree ${root}; ${result.connections} connections, after a ${values.warmup ?? 5} s warm-up: ${result.durationS} s, ${result.answers} answers (${result.throughput}/s), p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms; faults ${faults}.\nProfile file: ${file} (the whole process: ${whole.totalMs} ms sampled; the tables below cover the measured part only: --from-us ${fromUs ?? 0}).\n\n${summaryMarkdown(summary)}`;
}
writeFileSync(join(dir, 'summary.md'), md);
process.stdout.write(md);
