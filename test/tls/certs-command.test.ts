import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_PASSPHRASE, runCertsCommand, type CertsCommandOptions } from '../../simulator/cli/certs-command.ts';

const DEFAULT_YAML = resolve(import.meta.dirname, '../../scenarios/default.yaml');
const tmp = mkdtempSync(join(tmpdir(), 'ssbtek-certs-cmd-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(change: Partial<CertsCommandOptions>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const options: CertsCommandOptions = { scenarioFile: DEFAULT_YAML, outDir: join(tmp, 'certs'), hosts: [], passphrase: DEFAULT_PASSPHRASE, days: 825, force: false, now: new Date(), ...change };
  const code = await runCertsCommand(options, (s) => void (out += s), (s) => void (err += s));
  return { code, out, err };
}

describe('ssbtek-sim certs (runCertsCommand)', () => {
  it('writes a PKI for the municipalities of scenarios/default.yaml and prints the files, the passphrase, how to start and a curl example', async () => {
    const dir = join(tmp, 'certs');
    const res = await run({});
    expect(res.err).toBe('');
    expect(res.code).toBe(0);
    expect(DEFAULT_PASSPHRASE).toBe('ssbtek-sim');
    for (const f of ['ca.crt.pem', 'ca.key.pem', 'server.crt.pem', 'server.key.pem', 'server.p12', 'truststore.p12', 'README.txt']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
      expect(res.out).toContain(join(dir, f));
    }
    for (const orgnr of ['162120000142', '162120000019']) {
      for (const ext of ['crt.pem', 'key.pem', 'p12']) expect(existsSync(join(dir, 'clients', `${orgnr}.${ext}`))).toBe(true);
      expect(new X509Certificate(readFileSync(join(dir, 'clients', `${orgnr}.crt.pem`))).subject).toContain(`serialNumber=${orgnr}`);
    }
    expect(new X509Certificate(readFileSync(join(dir, 'server.crt.pem'))).subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(res.out).toContain('Passphrase of the .p12 files: ssbtek-sim');
    expect(res.out).toContain(`ssbtek-sim start --mtls --certs-dir ${dir}`);
    expect(res.out).toContain(`curl --cacert ${dir}/ca.crt.pem --cert ${dir}/clients/162120000142.crt.pem --key ${dir}/clients/162120000142.key.pem`);
    expect(res.out).toMatch(/never for production/i);
  });

  it('refuses, with exit code 2 and a hint at --force, to replace an existing CA; replaces it with force', async () => {
    const dir = join(tmp, 'certs');
    const before = readFileSync(join(dir, 'ca.crt.pem'), 'utf8');
    const refused = await run({});
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(join(dir, 'ca.key.pem'));
    expect(refused.err).toContain('--force');
    expect(readFileSync(join(dir, 'ca.crt.pem'), 'utf8')).toBe(before);
    const forced = await run({ force: true, hosts: ['sim.example.test', '10.1.2.3'], passphrase: 'annat-losen', days: 7 });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'ca.crt.pem'), 'utf8')).not.toBe(before);
    const server = new X509Certificate(readFileSync(join(dir, 'server.crt.pem')));
    expect(server.subjectAltName).toBe('DNS:sim.example.test, IP Address:10.1.2.3');
    expect(forced.out).toContain('Passphrase of the .p12 files: annat-losen');
    expect(forced.out).toContain("'https://sim.example.test:8080/ssbtek/v10?wsdl'");
  });

  it('exit code 2 with the problems for an invalid scenario, and for one without municipalities', async () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'schemaVersion: 1\nname: bad\n');
    const invalid = await run({ scenarioFile: bad, outDir: join(tmp, 'never') });
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/^Invalid scenario \(\d+ problems?\):\n/);
    expect(invalid.err).toContain(bad);
    const none = join(tmp, 'none.yaml');
    const doc = parse(readFileSync(DEFAULT_YAML, 'utf8')) as Record<string, unknown>;
    writeFileSync(none, stringify({ ...doc, municipalities: [] }));
    const empty = await run({ scenarioFile: none, outDir: join(tmp, 'never') });
    expect(empty.code).toBe(2);
    expect(empty.err).toContain('lists no municipalities');
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });

  it('exit code 2 naming the problem for an unusable option', async () => {
    const res = await run({ hosts: ['not a host'], outDir: join(tmp, 'never') });
    expect(res.code).toBe(2);
    expect(res.err).toContain('host "not a host" is neither an IP address nor a DNS name');
  });
});
