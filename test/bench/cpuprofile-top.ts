/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time by function (name + file:line), by file
 * and by package, and inclusive time for the heaviest functions.
 *
 *   npx tsx test/bench/cpuprofile-top.ts FILE.cpuprofile [--top 15] [--root DIR] [--from-us MICROSECONDS]
 *   npx tsx test/bench/cpuprofile-top.ts FILE.cpuprofile --callers FUNCTION   (its direct callers, by time under each)
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Row {
  key: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time in (idle), (program) and (garbage collector). */
  idleMs: number;
  gcMs: number;
  programMs: number;
  selfByFunction: Row[];
  selfByFile: Row[];
  selfByPackage: Row[];
  inclusiveByFunction: Row[];
}

function shortUrl(url: string, root: string): string {
  if (url === '') return '';
  let path = url;
  try {
    if (url.startsWith('file://')) path = fileURLToPath(url);
  } catch {
    // keep as is
  }
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) return path.slice(nm + 1);
  if (root !== '' && path.startsWith(root)) return path.slice(root.length).replace(/^\//, '');
  return path;
}

/** node_modules/<package>, the simulator's folder (simulator/composite), node's internals, or the pseudo-frames. */
function packageOf(url: string, root: string): string {
  const s = shortUrl(url, root);
  if (s === '') return '(native / V8)';
  const m = s.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m !== null) return `npm:${m[1] ?? ''}`;
  if (s.startsWith('node:')) return s.replace(/^(node:[^/]+(?:\/[^/]+)?).*$/, '$1');
  const parts = s.split('/');
  return parts.length > 2 ? `${parts[0] ?? ''}/${parts[1] ?? ''}` : s;
}

function top(map: Map<string, number>, total: number, n: number): Row[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([key, us]) => ({ key, ms: Math.round(us / 100) / 10, share: total === 0 ? 0 : us / total }));
}

/**
 * Self and inclusive time of a profile. `fromUs`: only samples taken at or after this instant (the
 * profile's clock is CLOCK_MONOTONIC in microseconds, the same as process.hrtime.bigint() / 1000n in
 * any process on the machine), to leave start-up and warm-up out.
 */
export function summariseProfile(
  p: CpuProfile,
  opts: { top?: number; root?: string; fromUs?: number } = {},
): ProfileSummary {
  const n = opts.top ?? 15;
  const root = opts.root ?? '';
  const byId = new Map<number, ProfileNode>(p.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const node of p.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const self = new Map<number, number>();
  let at = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    at += p.timeDeltas[i] ?? 0;
    if (opts.fromUs !== undefined && at < opts.fromUs) continue;
    const id = p.samples[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0));
  }
  const fnKey = (f: CallFrame): string =>
    `${f.functionName === '' ? '(anonymous)' : f.functionName} ${shortUrl(f.url, root)}${f.url === '' ? '' : `:${f.lineNumber + 1}`}`;
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let gc = 0;
  let program = 0;
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (node === undefined) continue;
    total += us;
    const name = node.callFrame.functionName;
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    if (name === '(garbage collector)') gc += us;
    if (name === '(program)') program += us;
    const k = fnKey(node.callFrame);
    byFunction.set(k, (byFunction.get(k) ?? 0) + us);
    const file = shortUrl(node.callFrame.url, root) || node.callFrame.functionName;
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const pkg = packageOf(node.callFrame.url, root);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    // Inclusive: every distinct function on the stack gets the sample's time once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur);
      if (f === undefined || f.callFrame.functionName === '(root)') continue;
      const key = fnKey(f.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const busy = total - idle;
  return {
    totalMs: Math.round(total / 1000),
    idleMs: Math.round(idle / 1000),
    gcMs: Math.round(gc / 1000),
    programMs: Math.round(program / 1000),
    selfByFunction: top(byFunction, busy, n),
    selfByFile: top(byFile, busy, n),
    selfByPackage: top(byPackage, busy, n),
    inclusiveByFunction: top(inclusive, busy, n * 2),
  };
}

/** Who calls functions named `name` (their direct callers), by the time spent in `name` under each caller. */
export function callersOf(
  p: CpuProfile,
  name: string,
  opts: { root?: string; fromUs?: number; top?: number } = {},
): Row[] {
  const root = opts.root ?? '';
  const byId = new Map<number, ProfileNode>(p.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const node of p.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const out = new Map<string, number>();
  let total = 0;
  let at = p.startTime;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = p.timeDeltas[i] ?? 0;
    at += dt;
    if (opts.fromUs !== undefined && at < opts.fromUs) continue;
    const node0 = byId.get(p.samples[i] ?? 0);
    if (node0?.callFrame.functionName !== '(idle)') total += dt;
    // The outermost frame named `name` on this stack, and its caller.
    let hit: number | undefined;
    for (let cur: number | undefined = p.samples[i]; cur !== undefined; cur = parent.get(cur)) {
      if (byId.get(cur)?.callFrame.functionName === name) hit = cur;
    }
    if (hit === undefined) continue;
    const caller = byId.get(parent.get(hit) ?? -1)?.callFrame;
    const key =
      caller === undefined
        ? '(none)'
        : `${caller.functionName || '(anonymous)'} ${shortUrl(caller.url, root)}${caller.url === '' ? '' : `:${caller.lineNumber + 1}:${caller.columnNumber + 1}`}`;
    out.set(key, (out.get(key) ?? 0) + dt);
  }
  return top(out, total, opts.top ?? 15);
}

/** The summary as Markdown tables (shares are of the busy time: all samples but (idle)). */
export function summaryMarkdown(s: ProfileSummary): string {
  const busy = s.totalMs - s.idleMs;
  const table = (title: string, rows: Row[]): string =>
    [
      `### ${title}`,
      '',
      '| # | what | ms | share of busy |',
      '| --- | --- | --- | --- |',
      ...rows.map((r, i) => `| ${i + 1} | \`${r.key}\` | ${r.ms} | ${(r.share * 100).toFixed(1)} % |`),
      '',
    ].join('\n');
  return [
    `Profile: ${s.totalMs} ms sampled, ${s.idleMs} ms idle, ${busy} ms busy (GC ${s.gcMs} ms, ${busy === 0 ? 0 : ((s.gcMs / busy) * 100).toFixed(1)} %; (program) ${s.programMs} ms).`,
    '',
    table('Self time by function', s.selfByFunction),
    table('Self time by file', s.selfByFile),
    table('Self time by package or simulator folder', s.selfByPackage),
    table('Inclusive time by function', s.inclusiveByFunction),
  ].join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      top: { type: 'string' },
      root: { type: 'string' },
      'from-us': { type: 'string' },
      callers: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (file === undefined) {
    process.stderr.write('usage: cpuprofile-top.ts FILE.cpuprofile [--top 15] [--root DIR]\n');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const fromUs = values['from-us'] === undefined ? {} : { fromUs: Number(values['from-us']) };
  const root = values.root ?? process.cwd();
  if (values.callers !== undefined) {
    for (const r of callersOf(profile, values.callers, { root, top: Number(values.top ?? 15), ...fromUs })) {
      process.stdout.write(
        `${(r.share * 100).toFixed(1).padStart(5)} %  ${String(r.ms).padStart(8)} ms  ${r.key}\n`,
      );
    }
    process.exit(0);
  }
  process.stdout.write(
    summaryMarkdown(summariseProfile(profile, { top: Number(values.top ?? 15), root, ...fromUs })),
  );
}
