import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../simulator/cli/main.ts';
import { loadScenarioFile } from '../simulator/scenarios/load.ts';
import { startSimulator } from '../simulator/server.ts';
import { xsdAvailable, xsdProblems } from './support/xsd.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const scenario = loadScenarioFile(DEFAULT_SCENARIO);

/** Each `curl ... --data-binary @- <<'TAG' ... TAG` example in the README: its URL and body. */
const curls = [...readme.matchAll(/curl -s (\S+) (.*?)--data-binary @- <<'(\w+)'\n([\s\S]*?)\n\3\n/g)].map((m) => ({ url: m[1] ?? '', headers: m[2] ?? '', body: m[4] ?? '' }));

let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  sim = await startSimulator({ scenario, port: 0, timeoutMs: 2000 });
});
afterAll(async () => {
  await sim.close();
});

describe('the README', () => {
  it('opens with the two commands', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
  });

  it('has a curl for each operation, over SOAP and JSON, and each works against the default scenario', async () => {
    expect(curls.length).toBeGreaterThanOrEqual(3);
    for (const c of curls) {
      const url = c.url.replace('http://127.0.0.1:8080', sim.url);
      const type = /application\/json/.test(c.headers) ? 'application/json' : 'text/xml; charset=utf-8';
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': type, soapaction: '""' }, body: c.body });
      const text = await res.text();
      expect({ url: c.url, status: res.status }).toEqual({ url: c.url, status: 200 });
      expect(text).not.toContain('error');
      if (type.startsWith('text/xml') && xsdAvailable) expect(xsdProblems(text)).toBe('');
    }
  });

  it('lists exactly the default personas', () => {
    const rows = [...readme.matchAll(/^\| `([a-z0-9-]+)` \| (\d{12}) \| /gm)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(scenario.personas.map((p) => [p.id, p.personidentitet]));
  });
});
