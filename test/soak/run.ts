/**
 * `npm run soak`: minutes of mixed load with faults against the simulator in split mode (seven
 * base-service processes and the composite, as `npm run dev:split` runs them), on localhost.
 *
 * While load runs (SOAP and JSON queries about the default personas with varying sources, pings, and
 * invalid queries that must be refused with their felkod), it injects faults: a live fault through
 * the admin API, SIGKILL of the FK base service and its restart on the same port, a live switch of
 * the composite to a degraded scenario and back, and SIGSTOP/SIGCONT of the SO base service. It
 * counts what came back, samples the composite's RSS, stops every process with SIGTERM, prints a
 * Markdown summary and writes the JSON result. See docs/soak.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Pool } from 'undici';
import type { SourceCode } from '../../simulator/domain/sources.ts';
import { memoryResult, recovery, type FaultWindows } from './analysis.ts';
import { classify } from './classify.ts';
import {
  freePort,
  killAll,
  rssBytes,
  startProcess,
  startCluster,
  terminate,
  type Cluster,
} from './cluster.ts';
import { connectHeapProbe, type HeapProbe } from './heap.ts';
import { parseOptions, UsageError, USAGE, type SoakOptions } from './options.ts';
import {
  markdown,
  type Check,
  type EventRecord,
  type HeapSample,
  type MemorySample,
  type ProcessExit,
  type SoakResult,
} from './report.ts';
import {
  degradedScenarioYaml,
  INJECTED_FAULT,
  LIVE_FAULT,
  soakScenarioYaml,
  SOURCE_TIMEOUT_MS,
} from './scenario.ts';
import { countRecords, latency, timeline, type RequestRecord } from './stats.ts';
import { createTraffic } from './traffic.ts';

/** The source whose process is killed and restarted. */
const KILLED: SourceCode = 'FK';
/** The source whose process is stopped (SIGSTOP) for a while: it accepts connections but does not answer. */
const STOPPED: SourceCode = 'SO';
/** The source that gets a live fault through the admin API. */
const LIVE: SourceCode = 'SKV';
/** How long the client waits for an answer before it counts the request unanswered. */
const CLIENT_TIMEOUT_MS = 30_000;
const SAMPLE_EVERY_MS = 2000;

const log = (line: string): void => void process.stderr.write(`[soak] ${line}\n`);

function clamp(x: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, x));
}

function errorName(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur !== null && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return e instanceof Error ? e.name : String(e);
}

async function admin(
  cluster: Cluster,
  method: string,
  path: string,
  body?: { type: string; text: string },
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${cluster.composite.url}/admin${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': body.type }, body: body.text }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, text: await res.text() };
}

function expectStatus(r: { status: number; text: string }, ok: number[], what: string): string {
  if (!ok.includes(r.status)) throw new Error(`${what}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
  return `HTTP ${r.status}`;
}

interface PlannedEvent {
  at: number;
  what: string;
  run: () => Promise<string | undefined>;
}

async function soak(
  options: SoakOptions,
  cluster: Cluster,
  scenarioFile: string,
  inspectPort: number | undefined,
): Promise<
  Omit<SoakResult, 'exits' | 'checks' | 'passed' | 'startedAt' | 'machine' | 'processes'> & {
    windows: FaultWindows;
  }
> {
  const D = options.durationMs;
  const traffic = createTraffic(options.seed);
  const records: RequestRecord[] = [];
  const events: EventRecord[] = [];
  const windows: FaultWindows = {};
  const samples: MemorySample[] = [];
  const pool = new Pool(cluster.composite.url, { connections: options.connections, pipelining: 1 });
  const t0 = performance.now();
  const now = (): number => performance.now() - t0;
  let stoppedPid: number | undefined;
  let restarting: Promise<void> = Promise.resolve();

  const sample = (): void => {
    const bases: Record<string, number | undefined> = {};
    for (const [code, p] of Object.entries(cluster.bases)) bases[code] = rssBytes(p.pid);
    const s: MemorySample = { t: Math.round(now()), bases };
    const composite = rssBytes(cluster.composite.pid);
    if (composite !== undefined) s.composite = composite;
    samples.push(s);
  };
  sample();
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);

  // The heap after a full collection, through the composite's inspector: after warm-up, midway, at the end.
  const warmupMs = Math.min(10_000, D / 3);
  const heapSamples: HeapSample[] = [];
  let probe: HeapProbe | undefined;
  if (inspectPort !== undefined) {
    try {
      probe = await connectHeapProbe(inspectPort);
    } catch (e) {
      log(`the composite's heap cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const readHeap = async (label: string): Promise<void> => {
    if (probe === undefined) return;
    try {
      const t = now();
      const used = await probe.usedAfterGc();
      const h: HeapSample = { t: Math.round(t), label, used };
      const rss = rssBytes(cluster.composite.pid);
      if (rss !== undefined) h.rss = rss;
      heapSamples.push(h);
    } catch (e) {
      log(`heap not read (${label}): ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const heapReads: Promise<void>[] = [];
  const heapTimers = [
    setTimeout(() => heapReads.push(readHeap('after warm-up')), warmupMs),
    setTimeout(() => heapReads.push(readHeap('midway')), D / 2),
    setTimeout(() => heapReads.push(readHeap('at the end')), Math.max(warmupMs + 1000, D - 1500)),
  ];

  // The faults, at fractions of the run (with bounds, so short runs still see each one).
  const downMs = clamp(D * 0.05, 2000, 8000);
  const pauseMs = clamp(D * 0.03, 2000, 5000);
  const plan: PlannedEvent[] = [
    {
      at: D * 0.15,
      what: `live fault on ${LIVE} through PUT /admin/sources/${LIVE}/fault: refused with 409 (served by another process)`,
      run: async () => {
        const r = await admin(cluster, 'PUT', `/sources/${LIVE}/fault`, {
          type: 'application/json',
          text: JSON.stringify({
            mode: 'technical-error',
            felkod: LIVE_FAULT,
            felmeddelande: 'Live-fel satt av soak.',
          }),
        });
        // In split mode the base service is another process: the composite refuses the live fault (409) rather than
        // accepting one that would do nothing. The soak checks that refusal; the faults it injects are the scenario's.
        return expectStatus(r, [409], 'PUT fault on a remote source');
      },
    },
    {
      at: D * 0.27,
      what: `DELETE /admin/sources/${LIVE}/fault: refused with 409 too`,
      run: async () => {
        const r = await admin(cluster, 'DELETE', `/sources/${LIVE}/fault`);
        return expectStatus(r, [409], 'DELETE fault on a remote source');
      },
    },
    {
      at: D * 0.33,
      what: `${KILLED} base service killed (SIGKILL)`,
      run: async () => {
        const p = cluster.bases[KILLED];
        p.child.kill('SIGKILL');
        windows.killed = { source: KILLED, killAt: now() };
        const e = await p.exited;
        return `pid ${p.pid} ended with ${e.signal ?? e.code ?? '?'}`;
      },
    },
    {
      at: D * 0.33 + downMs,
      what: `${KILLED} base service started again on the same port`,
      run: () => {
        // Started in the background: on a busy machine a process takes seconds to come up, and the
        // other faults keep their schedule meanwhile.
        const old = cluster.bases[KILLED];
        const started = now();
        restarting = startProcess(KILLED, old.port, cluster.baseArgs[KILLED], '/health').then(
          (p) => {
            cluster.bases[KILLED] = p;
            if (windows.killed !== undefined) windows.killed.readyAt = now();
            events.push({
              t: now(),
              what: `${KILLED} base service ready again`,
              ok: true,
              detail: `pid ${p.pid} on port ${p.port}, ${Math.round(now() - started)} ms after it was started`,
            });
          },
          (e: unknown) => {
            events.push({
              t: now(),
              what: `${KILLED} base service ready again`,
              ok: false,
              detail: e instanceof Error ? e.message.slice(0, 300) : String(e),
            });
          },
        );
        return Promise.resolve(`on port ${old.port}`);
      },
    },
    {
      at: D * 0.5,
      what: 'composite switched live to scenario soak-degraded (POST /admin/scenarios?activate=true)',
      run: async () => {
        const r = await admin(cluster, 'POST', '/scenarios?activate=true', {
          type: 'application/yaml',
          text: degradedScenarioYaml(),
        });
        windows.degraded = { onAt: now(), injected: INJECTED_FAULT };
        return expectStatus(r, [200, 201], 'POST scenario');
      },
    },
    {
      at: D * 0.65,
      what: 'composite switched back to scenario soak (PUT /admin/scenarios/active)',
      run: async () => {
        const r = await admin(cluster, 'PUT', '/scenarios/active', {
          type: 'application/json',
          text: JSON.stringify({ name: 'soak' }),
        });
        if (windows.degraded !== undefined) windows.degraded.offAt = now();
        return expectStatus(r, [200], 'PUT active');
      },
    },
    {
      at: D * 0.75,
      what: `${STOPPED} base service stopped (SIGSTOP): accepts connections, answers nothing`,
      run: () => {
        stoppedPid = cluster.bases[STOPPED].pid;
        process.kill(stoppedPid, 'SIGSTOP');
        windows.stopped = { source: STOPPED, stopAt: now() };
        return Promise.resolve(`pid ${stoppedPid}`);
      },
    },
    {
      at: D * 0.75 + pauseMs,
      what: `${STOPPED} base service continued (SIGCONT)`,
      run: () => {
        if (stoppedPid !== undefined) process.kill(stoppedPid, 'SIGCONT');
        stoppedPid = undefined;
        if (windows.stopped !== undefined) windows.stopped.contAt = now();
        return Promise.resolve(undefined);
      },
    },
  ];

  const injector = (async () => {
    for (const ev of plan) {
      const wait = ev.at - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      try {
        const detail = await ev.run();
        events.push({ t: now(), what: ev.what, ok: true, ...(detail === undefined ? {} : { detail }) });
      } catch (e) {
        events.push({
          t: now(),
          what: ev.what,
          ok: false,
          detail: e instanceof Error ? e.message : String(e),
        });
      }
      log(`${(now() / 1000).toFixed(1)} s: ${ev.what}`);
    }
  })();

  const progress = setInterval(() => {
    const done = records.length;
    const unanswered = records.filter((r) => r.answer === 'unanswered').length;
    log(
      `${(now() / 1000).toFixed(0)} s: ${done} answered or failed, ${unanswered} unanswered, composite RSS ${((rssBytes(cluster.composite.pid) ?? 0) / 1024 / 1024).toFixed(0)} MB`,
    );
  }, 15_000);

  const worker = async (): Promise<void> => {
    while (now() < D) {
      const req = traffic.next();
      const t = now();
      try {
        const res = await pool.request({
          path: req.path,
          method: 'POST',
          headers: { 'content-type': req.contentType, soapaction: '""' },
          body: req.body,
          headersTimeout: CLIENT_TIMEOUT_MS,
          bodyTimeout: CLIENT_TIMEOUT_MS,
        });
        const text = await res.body.text();
        const ms = now() - t;
        const contentType = res.headers['content-type'];
        const c = classify(
          req,
          {
            status: res.statusCode,
            contentType: Array.isArray(contentType) ? (contentType[0] ?? '') : (contentType ?? ''),
            text,
          },
          INJECTED_FAULT,
        );
        const record: RequestRecord = { t, ms, kind: req.kind, answer: c.kind, status: res.statusCode };
        if (c.felkod !== undefined) record.felkod = c.felkod;
        if (c.sources !== undefined) record.sources = c.sources;
        if (c.why !== undefined) record.why = c.why;
        records.push(record);
      } catch (e) {
        records.push({ t, ms: now() - t, kind: req.kind, answer: 'unanswered', why: errorName(e) });
      }
    }
  };

  log(
    `load: ${options.connections} connections for ${(D / 1000).toFixed(0)} s against ${cluster.composite.url} (scenario ${scenarioFile})`,
  );
  await Promise.all(Array.from({ length: options.connections }, () => worker()));
  const loadEnded = now();
  sample();
  clearInterval(progress);
  await injector;
  await restarting;
  events.sort((a, b) => a.t - b.t);
  if (stoppedPid !== undefined) process.kill(stoppedPid, 'SIGCONT');
  clearInterval(sampler);
  const afterDrain = rssBytes(cluster.composite.pid);
  for (const timer of heapTimers) clearTimeout(timer);
  await Promise.all(heapReads);
  probe?.close();
  await pool.close();

  const byRequest: Record<string, ReturnType<typeof latency>> = {};
  for (const kind of [...new Set(records.map((r) => r.kind))].sort()) {
    byRequest[kind] = latency(
      records.filter((r) => r.kind === kind && r.answer !== 'unanswered').map((r) => r.ms),
    );
  }
  return {
    options: {
      durationMs: D,
      connections: options.connections,
      seed: options.seed,
      strict: options.strict,
      heap: options.heap,
    },
    counts: countRecords(records),
    latency: { all: latency(records.filter((r) => r.answer !== 'unanswered').map((r) => r.ms)), byRequest },
    throughput: records.length / (loadEnded / 1000),
    events,
    recovery: recovery(records, windows, loadEnded, SOURCE_TIMEOUT_MS),
    memory: memoryResult(samples, warmupMs, loadEnded, afterDrain, heapSamples),
    timeline: timeline(records, Math.ceil(loadEnded), D >= 60_000 ? 10_000 : 2000, [KILLED, STOPPED]),
    windows,
  };
}

function checksOf(r: Omit<SoakResult, 'checks' | 'passed'>, strict: boolean): Check[] {
  const rec = r.recovery as {
    killed?: { firstDataMsAfterBack: number | null; connectionErrorsAfterBack: number };
    stopped?: { timeoutsOrConnectionErrorsAfterSettling: number; firstDataMsAfterContinue: number | null };
    liveFault?: { tookEffect: boolean; withTheLiveFelkod: number; resultsWhileOn: number };
  };
  const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(1)} MB`;
  const unexpected = Object.values(r.counts.unexpected).reduce((a, b) => a + b, 0);
  const checks: Check[] = [
    {
      name: 'every request answered',
      ok: r.counts.unanswered === 0 && r.counts.sent > 0,
      fails: true,
      detail: `${r.counts.answered} of ${r.counts.sent} answered, ${r.counts.unanswered} unanswered`,
    },
    {
      name: 'composite memory flat (RSS)',
      ok: r.memory.flat,
      fails: true,
      detail: `${r.memory.compared.startLabel}: ${mb(r.memory.compared.start)}; ${r.memory.compared.endLabel}: ${mb(r.memory.compared.end)} (limit ${mb(r.memory.threshold)}). Samples: ${mb(r.memory.start)} after warm-up, ${mb(r.memory.end)} at the end, max ${mb(r.memory.max)}`,
    },
    ...(r.memory.heap === undefined
      ? []
      : [
          {
            name: 'composite heap flat (after full GC)',
            ok: r.memory.heap.flat,
            fails: true,
            detail: `${r.memory.heap.samples.map((h) => `${h.label} ${mb(h.used)}`).join(', ')} (limit ${mb(r.memory.heap.threshold)})`,
          },
        ]),
    {
      name: 'every process exits 0 on SIGTERM',
      ok: r.exits.every((e) => e.code === 0 && !e.forced),
      fails: true,
      detail:
        r.exits
          .filter((e) => e.code !== 0 || e.forced)
          .map(
            (e) => `${e.name}: ${e.forced ? 'SIGKILLed after grace' : `exit ${e.code ?? e.signal ?? '?'}`}`,
          )
          .join(', ') || `all ${r.exits.length} exited 0`,
    },
    {
      name: 'every answer as expected',
      ok: unexpected === 0,
      fails: strict,
      detail:
        unexpected === 0
          ? 'valid queries answered or refused only by injected faults; invalid ones refused with their felkod'
          : `${unexpected} unexpected answers (see below)`,
    },
    {
      name: 'every fault was injected',
      ok: r.events.every((e) => e.ok),
      fails: false,
      detail:
        r.events
          .filter((e) => !e.ok)
          .map((e) => `${e.what}: ${e.detail ?? ''}`)
          .join('; ') || `${r.events.length} events`,
    },
  ];
  if (rec.killed !== undefined) {
    checks.push({
      name: `${KILLED} recovered after its restart`,
      ok: rec.killed.firstDataMsAfterBack !== null && rec.killed.connectionErrorsAfterBack === 0,
      fails: strict,
      detail: `${rec.killed.firstDataMsAfterBack === null ? `no ${KILLED} data after it was back (or it was not back before load ended)` : `first ${KILLED} data ${rec.killed.firstDataMsAfterBack} ms after it was back`}; ${rec.killed.connectionErrorsAfterBack} SSBT-102 from 1 s after`,
    });
  }
  if (rec.stopped !== undefined) {
    checks.push({
      name: `${STOPPED} recovered after SIGCONT`,
      ok:
        rec.stopped.firstDataMsAfterContinue !== null &&
        rec.stopped.timeoutsOrConnectionErrorsAfterSettling === 0,
      fails: strict,
      detail: `${rec.stopped.firstDataMsAfterContinue === null ? `no ${STOPPED} data after SIGCONT` : `first ${STOPPED} data ${rec.stopped.firstDataMsAfterContinue} ms after SIGCONT`}; ${rec.stopped.timeoutsOrConnectionErrorsAfterSettling} SSBT-101/102 after it settled`,
    });
  }
  if (rec.liveFault !== undefined) {
    checks.push({
      name: `live fault on ${LIVE} reached the answers`,
      ok: rec.liveFault.tookEffect,
      fails: false,
      detail: `${rec.liveFault.withTheLiveFelkod} of ${rec.liveFault.resultsWhileOn} ${LIVE} results while it was set carried ${LIVE_FAULT}`,
    });
  }
  return checks;
}

async function main(argv: string[]): Promise<number> {
  let options: SoakOptions;
  try {
    options = parseOptions(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message !== '') process.stderr.write(`soak: ${e.message}\n\n`);
    process.stderr.write(`${USAGE}\n`);
    return e.message === '' ? 0 : 2;
  }
  const outFile = resolve(options.out);
  const dir = dirname(outFile);
  mkdirSync(dir, { recursive: true });
  const scenarioFile = join(dir, 'soak-scenario.yaml');
  writeFileSync(scenarioFile, soakScenarioYaml());

  let cluster: Cluster | undefined;
  const interrupted = (): void => {
    log('interrupted: killing the simulator processes');
    killAll(cluster);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const startedAt = new Date().toISOString();
  try {
    log('starting seven base services and the composite (split mode)...');
    const t = performance.now();
    const inspectPort = options.heap ? await freePort() : undefined;
    cluster = await startCluster(scenarioFile, inspectPort);
    log(
      `up in ${Math.round(performance.now() - t)} ms: composite ${cluster.composite.url} (pid ${cluster.composite.pid}); ${Object.entries(
        cluster.bases,
      )
        .map(([c, p]) => `${c} :${p.port}`)
        .join(', ')}`,
    );
    const processes = [cluster.composite, ...Object.values(cluster.bases)].map((p) => ({
      name: p.name,
      port: p.port,
      pid: p.pid,
    }));
    const { windows: _windows, ...measured } = await soak(options, cluster, scenarioFile, inspectPort);
    log('load done; SIGTERM to every process');
    const all = [cluster.composite, ...Object.values(cluster.bases)];
    const exits: ProcessExit[] = (
      await Promise.all(all.map(async (p) => ({ p, e: await terminate(p) })))
    ).map(({ p, e }) => ({
      name: p.name,
      code: e.code,
      signal: e.signal,
      ms: Math.round(e.ms),
      forced: e.forced,
    }));
    for (const { name, code } of exits) {
      const p = all.find((x) => x.name === name);
      if (code !== 0 && p !== undefined) log(`${name} exited ${code}; its last lines:\n${p.tail.join('\n')}`);
    }
    const partial = {
      ...measured,
      startedAt,
      machine: {
        node: process.version,
        platform: process.platform,
        cpus: cpus().length,
        loadAverage: loadavg(),
      },
      processes,
      exits,
    };
    const checks = checksOf(partial, options.strict);
    const result: SoakResult = { ...partial, checks, passed: checks.every((c) => c.ok || !c.fails) };
    writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${markdown(result)}\nJSON: ${outFile}\n`);
    return result.passed ? 0 : 1;
  } catch (e) {
    log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 1;
  } finally {
    killAll(cluster);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
