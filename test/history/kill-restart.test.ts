import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeQuery, soapQuery } from '../support/queries.ts';
import { spawnSimulator, type SpawnedSimulator } from '../support/spawn-cli.ts';


/** A started simulator and its base URL (http://127.0.0.1:PORT). */
type Running = SpawnedSimulator & { base: string };

const children: Running[] = [];
const folders: string[] = [];
afterEach(async () => {
  const left = children.splice(0);
  for (const r of left) r.child.kill('SIGKILL');
  await Promise.all(left.map((r) => r.exited));
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** `ssbtek-sim start` on the history file, as a child process, once it says it runs. */
async function start(file: string): Promise<Running> {
  const sim = await spawnSimulator(['start', '--port', '0', '--quiet', '--no-watch', '--history-file', file], 30_000);
  const running: Running = { ...sim, base: new URL(sim.soapUrl).origin };
  children.push(running);
  return running;
}

async function ask(sim: Running, personidentitet: string, arendeidentitet: string): Promise<number> {
  const body = soapQuery(makeQuery(personidentitet, { generellaFrageparametrar: { arendeidentitet } }));
  const res = await fetch(sim.soapUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' }, body });
  await res.text();
  return res.status;
}

interface Listed {
  id: string;
  personidentitet: string;
  arendeidentitet: string;
  result: string;
}

async function history(sim: Running): Promise<Listed[]> {
  const res = await fetch(`${sim.base}/admin/history?limit=100`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: Listed[] }).entries;
}

const brief = (entries: Listed[]) => entries.map((e) => [e.id, e.personidentitet, e.arendeidentitet, e.result]);

describe('the processing history file across kill -9', () => {
  it('keeps every entry answered before SIGKILL, with the same ids, and the next query gets the next id', { timeout: 90_000 }, async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ssbtek-kill-'));
    folders.push(folder);
    const file = join(folder, 'history', 'behandlingshistorik.jsonl');
    const first = await start(file);
    expect(await ask(first, '198803159824', 'K-1')).toBe(200);
    expect(await ask(first, '197911029911', 'K-2')).toBe(200);
    // A wrong check digit: refused (a SOAP Fault), recorded all the same.
    expect(await ask(first, '198803159825', 'K-3')).toBe(500);
    expect(await ask(first, '200109239848', 'K-4')).toBe(200);
    const before = await history(first);
    expect(brief(before)).toEqual([
      ['h-000004', '200109239848', 'K-4', 'answered'],
      ['h-000003', '198803159825', 'K-3', 'refused'],
      ['h-000002', '197911029911', 'K-2', 'answered'],
      ['h-000001', '198803159824', 'K-1', 'answered'],
    ]);

    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(4);

    const second = await start(file);
    expect(await history(second)).toEqual(before);
    expect(await ask(second, '197205309938', 'K-5')).toBe(200);
    const after = await history(second);
    expect(after[0]?.id).toBe('h-000005');
    expect(after.slice(1)).toEqual(before);

    // A graceful stop leaves the file whole too.
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    const third = await start(file);
    expect(brief(await history(third)).map((e) => e[0])).toEqual(['h-000005', 'h-000004', 'h-000003', 'h-000002', 'h-000001']);
  });
});
