import { parseArgs } from 'node:util';

/** What `npm run soak -- ...` was asked to do. */
export interface SoakOptions {
  /** How long load is driven, in ms (after the processes are up). */
  durationMs: number;
  /** Concurrent client connections, each sending one request after the other. */
  connections: number;
  /** Where the JSON result is written. */
  out: string;
  /** Seeds the request mix (which persona, which sources, which invalid query). */
  seed: number;
  /** Unexpected answers (a felkod nobody injected, an unreadable answer) fail the run too. */
  strict: boolean;
  /** Read the composite's heap through its inspector (started with --inspect on 127.0.0.1). */
  heap: boolean;
}

export const USAGE = `npm run soak -- [--duration 180s] [--connections 20] [--out artifacts/soak/result.json] [--seed 1] [--strict] [--no-heap]

  --duration D      how long to drive load: 90s, 3m, 1m30s or plain seconds (default 180s)
  --connections N   concurrent client connections (default 20)
  --out FILE        the JSON result (default artifacts/soak/result.json)
  --seed N          seeds the request mix (default 1)
  --strict          unexpected answers (wrong felkod, unreadable, a felkod nobody injected) fail the run too
  --no-heap         do not start the composite with --inspect (its heap is then not read, only its RSS)

Exit code 0 when every request was answered, the composite's memory stayed flat and every process
exited 0 on SIGTERM; 1 otherwise; 2 for a usage error. See docs/soak.md.`;

export class UsageError extends Error {}

/** "180s", "3m", "1m30s", "2h" or a plain number of seconds, in ms. */
export function parseDuration(text: string): number {
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  const m = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(t);
  if (m === null || t === '')
    throw new UsageError(`--duration: cannot read "${text}" (e.g. 180s, 3m, 1m30s)`);
  const [, h = '0', min = '0', s = '0', ms = '0'] = m;
  return ((Number(h) * 60 + Number(min)) * 60 + Number(s)) * 1000 + Number(ms);
}

export function parseOptions(argv: string[]): SoakOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        duration: { type: 'string', default: '180s' },
        connections: { type: 'string', default: '20' },
        out: { type: 'string', default: 'artifacts/soak/result.json' },
        seed: { type: 'string', default: '1' },
        strict: { type: 'boolean', default: false },
        'no-heap': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help === true) throw new UsageError('');
  const durationMs = parseDuration(values.duration);
  if (durationMs < 5000) throw new UsageError('--duration must be at least 5s');
  const connections = Number(values.connections);
  if (!Number.isInteger(connections) || connections < 1 || connections > 1000)
    throw new UsageError(`--connections must be a whole number 1-1000, got "${values.connections}"`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be a whole number, got "${values.seed}"`);
  return { durationMs, connections, out: values.out, seed, strict: values.strict, heap: !values['no-heap'] };
}
