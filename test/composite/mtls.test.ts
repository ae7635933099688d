import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetUnreachable } from '../../harness/core/types.ts';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';
import { startSimulator } from '../../simulator/server.ts';
import { generateTestPki, writeTestPki } from '../../simulator/tls/certs.ts';
import { makeQuery, soapQuery } from '../support/queries.ts';
import { xsdAvailable, xsdProblems } from '../support/xsd.ts';
import { notPassing, runProvider } from '../harness/provider/support/run-suite.ts';
import { spawnSimulator } from '../support/spawn-cli.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const scenario = loadScenarioFile(resolve(ROOT, 'scenarios/default.yaml'));
const EXEMPEL = '162120000142';
const PROV = '162120000019';
const PERSON = '198803159824';

const dir = mkdtempSync(join(tmpdir(), 'ssbtek-mtls-'));
const certs = join(dir, 'certs');
const foreign = join(dir, 'foreign');
const file = (d: string, name: string): string => join(d, name);
const clientFiles = (d: string, orgnr: string) => ({ cert: file(d, `clients/${orgnr}.crt.pem`), key: file(d, `clients/${orgnr}.key.pem`) });

function agent(client?: { cert: string; key: string }, ca = file(certs, 'ca.crt.pem')): Agent {
  return new Agent({
    connect: {
      ca: readFileSync(ca),
      ...(client === undefined ? {} : { cert: readFileSync(client.cert), key: readFileSync(client.key) }),
    },
  });
}

async function postSoap(url: string, dispatcher: Agent, orgnr: string): Promise<{ status: number; text: string }> {
  const query = makeQuery(PERSON, { generellaFrageparametrar: { ...makeQuery(PERSON).generellaFrageparametrar, ingivare: { organisationsnummer: orgnr, namn: 'Kommun', handlaggare: 'HL0001' } } });
  const res = await fetch(`${url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: soapQuery(query), dispatcher });
  return { status: res.status, text: await res.text() };
}

const municipalities = scenario.municipalities.map((m) => ({ organisationsnummer: m.organisationsnummer, namn: m.namn }));

describe('mutual TLS like production (--mtls)', () => {
  let sim: Awaited<ReturnType<typeof startSimulator>>;
  beforeAll(async () => {
    const now = new Date();
    writeTestPki(certs, generateTestPki({ municipalities, hosts: ['localhost', '127.0.0.1'], passphrase: 'ssbtek-sim', validityDays: 30, now }), { force: false });
    writeTestPki(foreign, generateTestPki({ municipalities, hosts: ['localhost', '127.0.0.1'], passphrase: 'ssbtek-sim', validityDays: 30, now }), { force: false });
    sim = await startSimulator({
      scenario,
      port: 0,
      log: () => undefined,
      tls: { cert: readFileSync(file(certs, 'server.crt.pem')), key: readFileSync(file(certs, 'server.key.pem')), ca: readFileSync(file(certs, 'ca.crt.pem')), requireClientCertificate: true },
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('serves https, and answers a municipality presenting its own certificate', async () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const res = await postSoap(sim.url, agent(clientFiles(certs, EXEMPEL)), EXEMPEL);
    expect(res.status).toBe(200);
    expect(res.text).toContain('hamtaBastjanstInformationResponse');
  });

  it('refuses during the handshake a client without a certificate, and one whose certificate is from another CA', async () => {
    await expect(postSoap(sim.url, agent(), EXEMPEL)).rejects.toThrow();
    await expect(postSoap(sim.url, agent(clientFiles(foreign, EXEMPEL)), EXEMPEL)).rejects.toThrow();
  });

  it('refuses with SSBT-027 a query whose ingivare is another organisation than the certificate, over SOAP and JSON, and records it', async () => {
    const soap = await postSoap(sim.url, agent(clientFiles(certs, EXEMPEL)), PROV);
    expect(soap.status).toBe(500);
    expect(soap.text).toContain('<ssbt:felkod>SSBT-027</ssbt:felkod>');
    expect(soap.text).toContain(`${PROV} is not the organisation the client certificate was issued to (${EXEMPEL})`);
    if (xsdAvailable) expect(xsdProblems(soap.text)).toBe('');
    const json = await fetch(`${sim.url}/api/v1/hamtaBastjanstInformation`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(makeQuery(PERSON, { generellaFrageparametrar: { ...makeQuery(PERSON).generellaFrageparametrar, ingivare: { organisationsnummer: EXEMPEL, namn: 'E', handlaggare: 'HL0001' } } })),
      dispatcher: agent(clientFiles(certs, PROV)),
    });
    // The JSON API answers a refused query with 400 problem+json, as it does every access refusal.
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ felkod: 'SSBT-027' });
    const refused = sim.deps.history?.query({}).filter((e) => e.felkod === 'SSBT-027') ?? [];
    expect(refused.length).toBe(2);
  });

  it('Provkommunen with its own certificate is answered', async () => {
    const res = await postSoap(sim.url, agent(clientFiles(certs, PROV)), PROV);
    expect(res.status).toBe(200);
  });

  it('the harness with --ca/--cert/--key passes the whole provider suite against it, and without a certificate cannot reach it', async () => {
    const tls = { ca: file(certs, 'ca.crt.pem'), ...clientFiles(certs, EXEMPEL) };
    const run = await runProvider({ target: `${sim.url}/ssbtek/v10`, control: sim.url, tls });
    expect(notPassing(run)).toEqual([]);
    expect(run.results.length).toBeGreaterThan(40);
    await expect(runProvider({ target: `${sim.url}/ssbtek/v10`, control: sim.url, tls: { ca: tls.ca } })).rejects.toBeInstanceOf(TargetUnreachable);
  }, 60_000);
});

describe('the command line: start --mtls', () => {
  it('makes the test certificates when --certs-dir has none, serves https and requires a client certificate', async () => {
    const own = join(dir, 'cli-certs');
    const sim = await spawnSimulator(['start', '--port', '0', '--quiet', '--no-watch', '--mtls', '--certs-dir', own]);
    try {
      expect(sim.soapUrl).toMatch(/^https:/);
      expect(sim.output()).toContain('Mutual TLS');
      const base = sim.soapUrl.replace(/\/ssbtek\/v10$/, '');
      expect((await postSoap(base, agent(clientFiles(own, EXEMPEL), file(own, 'ca.crt.pem')), EXEMPEL)).status).toBe(200);
      await expect(postSoap(base, agent(undefined, file(own, 'ca.crt.pem')), EXEMPEL)).rejects.toThrow();
    } finally {
      sim.child.kill('SIGTERM');
      await sim.exited;
    }
  }, 30_000);
});
