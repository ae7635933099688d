import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { DEFAULT_SCENARIO } from '../../simulator/cli/main.ts';
import { makeQuery, soapQuery } from '../support/queries.ts';
import { spawnSimulator } from '../support/spawn-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ssbtek-shutdown-'));
// The default scenario, with the composite taking 1.5 s per query: the query is still in flight when SIGTERM comes.
const slow = join(dir, 'slow.yaml');
const doc = parseDocument(readFileSync(DEFAULT_SCENARIO, 'utf8'));
doc.setIn(['name'], 'slow-composite');
doc.setIn(['composite', 'latency'], 1500);
writeFileSync(slow, doc.toString());

describe('graceful shutdown (SIGTERM)', () => {
  it('stops accepting, finishes the query in flight, records it in the history file, and exits 0', async () => {
    const history = join(dir, 'history.jsonl');
    const sim = await spawnSimulator(['start', '--port', '0', '--quiet', '--no-watch', '--scenario', slow, '--history-file', history]);
    try {
      const inFlight = fetch(sim.soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: soapQuery(makeQuery('198803159824')) });
      await new Promise((r) => setTimeout(r, 400));
      sim.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200));
      // Not accepting any more: a new connection is refused while the old query is still being answered.
      await expect(fetch(sim.soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml', connection: 'close' }, body: soapQuery(makeQuery('198803159824')) })).rejects.toThrow();
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('hamtaBastjanstInformationResponse');
      expect(await sim.exited).toBe(0);
      expect(sim.output()).toContain('Stopping: finishing the requests in flight');
      const lines = readFileSync(history, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('"result":"answered"');
    } finally {
      sim.child.kill('SIGKILL');
    }
  });
});
