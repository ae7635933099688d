import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reporterFromSpec } from '../../../harness/reporters/from-spec.ts';
import { runJson } from '../../../harness/reporters/json.ts';
import { mixedRun } from './support.ts';

describe('the JSON reporter', () => {
  it('round-trips the RunResult', () => {
    const run = mixedRun();
    expect(JSON.parse(runJson(run))).toEqual(run);
  });
});

describe('--reporter specs and report files', () => {
  const io = { write: () => undefined, color: false };

  it('refuses unknown reporters and files missing', () => {
    expect(() => reporterFromSpec('tap', io)).toThrow('unknown reporter "tap"');
    expect(() => reporterFromSpec('junit', io)).toThrow('--reporter junit needs a file: junit:FILE');
    expect(() => reporterFromSpec('console:x', io)).toThrow('takes no file');
  });

  it('writes file reports at the end, creating the directory; - writes to standard output', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'reports-')), 'deep', 'run.json');
    const r = reporterFromSpec(`json:${file}`, io);
    const run = mixedRun();
    await r.onStart?.({ mode: 'provider', target: run.target, startedAt: run.startedAt, cases: [] });
    await r.onEnd?.(run);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(run);
    let out = '';
    await reporterFromSpec('junit:-', { write: (s) => void (out += s), color: false }).onEnd?.(run);
    expect(out).toMatch(/^<\?xml/);
  });
});
