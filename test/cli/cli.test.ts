import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO, main } from '../../simulator/cli/main.ts';
import { soapPing } from '../support/queries.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'ssbtek-cli-'));
const bad = join(dir, 'bad.yaml');
writeFileSync(bad, 'schemaVersion: 1\nname: bad\nseed: 1\npersonas:\n  - { id: x, personidentitet: "123", description: kort }\n');

describe('the ssbtek-sim command', () => {
  it('--help prints usage and exits 0; no command prints usage and exits 2', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/ssbtek-sim start \[options\]/);
    expect((await run([])).code).toBe(2);
  });

  it('validate: 0 for the default scenario, 2 with file:line:column for a bad one', async () => {
    expect(await run(['validate', DEFAULT_SCENARIO])).toMatchObject({ code: 0, out: expect.stringContaining('valid (15 personas)') as string });
    const res = await run(['validate', bad]);
    expect(res.code).toBe(2);
    expect(res.err).toContain(`${bad}:5:31: personas[0].personidentitet: must match pattern`);
  });

  it('start refuses an invalid scenario with exit code 2 and the report, and never listens', async () => {
    const res = await run(['start', '--scenario', bad, '--port', '0']);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/^Invalid scenario \(1 problem\):/);
    expect(res.out).toBe('');
  });

  it.each([
    [['start', '--port', 'abc'], '--port must be a number'],
    [['start', '--timeout', 'soon'], '--timeout must be a positive number'],
    [['start', '--base-urls', 'xx=http://a'], 'unknown source "xx"'],
    [['start', '--composite-only'], '--composite-only needs --base-urls'],
    [['base-service', 'abc'], 'base-service needs a source'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['start', '--no-such-flag'], "Unknown option '--no-such-flag'"],
  ])('refuses %j with exit code 2 saying %s', async (args, message) => {
    const res = await run(args);
    expect(res.code).toBe(2);
    expect(res.err).toContain(message);
  });

  it('the installed bin starts the simulator, prints the URLs it serves, and answers the ping', async () => {
    const bin = fileURLToPath(new URL('../../simulator/cli/bin.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const soapUrl = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stdout.on('data', (d: Buffer) => {
          seen += d.toString();
          const m = /SOAP endpoint\s+(\S+)/.exec(seen);
          if (m?.[1] !== undefined && seen.includes('Press Ctrl+C')) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${String(code)}: ${seen}`)));
      });
      expect(soapUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ssbtek\/v10$/);
      const res = await fetch(soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: soapPing() });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<ssbt:anropad>true</ssbt:anropad>');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('a base service runs alone', async () => {
    const bin = fileURLToPath(new URL('../../simulator/cli/bin.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'base-service', 'tns', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const health = await new Promise<string>((resolve, reject) => {
        let seen = '';
        child.stdout.on('data', (d: Buffer) => {
          seen += d.toString();
          const m = /test service (\S+)/.exec(seen);
          if (m?.[1] !== undefined) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${String(code)}: ${seen}`)));
      });
      const res = await fetch(health);
      expect(await res.json()).toEqual({ status: 'ok', source: 'TNS', scenario: 'default' });
    } finally {
      child.kill('SIGTERM');
    }
  });
});
