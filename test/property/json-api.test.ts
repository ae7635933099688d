import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makePersona, makeScenario } from '../support/factories.ts';
import { makeQuery } from '../support/queries.ts';

const PERSON = '198803159824';
let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  const scenario = makeScenario({ composite: { timeoutMs: 3000 }, personas: [makePersona({ id: 'p', personidentitet: PERSON, situation: { knownToSources: true, unemployed: true } })] });
  sim = await startSimulator({ scenario, port: 0, clock: fixedClock('2026-11-27T10:00:00Z') });
  await post('hamtaBastjanstInformation', JSON.stringify(makeQuery(PERSON)));
});
afterAll(async () => {
  await sim.close();
});

async function post(operation: string, body: string | Uint8Array, type = 'application/json'): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(`${sim.url}/api/v1/${operation}`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** The documented shape: the answer (200, application/json) or problem+json with status, felkod and felmeddelande, never SSBT-099. */
function expectDocumentedShape(res: { status: number; type: string; text: string }, operation: string): void {
  const body = JSON.parse(res.text) as Record<string, unknown>;
  if (res.status === 200) {
    expect(res.type).toMatch(/^application\/json/);
    if (operation === 'hamtaBastjanstInformation') expect(body).toHaveProperty('svarsdata');
    else expect(Object.keys(body).length).toBeGreaterThan(0);
    return;
  }
  expect(res.type).toMatch(/^application\/problem\+json/);
  expect([400, 413, 415]).toContain(res.status);
  expect(body).toMatchObject({ type: expect.any(String) as string, title: expect.any(String) as string, status: res.status, felkod: expect.stringMatching(/^SSBT-\d{3}$/) as string });
  expect(body.felkod).not.toBe('SSBT-099');
  const felmeddelande = body.felmeddelande as unknown[];
  expect(Array.isArray(felmeddelande) && felmeddelande.length > 0 && felmeddelande.every((m) => typeof m === 'string' && m.trim() !== '')).toBe(true);
}

/** Sets `value` at a path of keys into a copy of `target`, creating objects on the way (or deletes it when value is undefined). */
function setAt(target: unknown, path: string[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const obj: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  if (rest.length === 0 && value === undefined) delete obj[head];
  else obj[head] = setAt(obj[head], rest, value);
  return obj;
}

/** The paths of the valid query's values, so mutations hit real fields as well as new ones. */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
const VALID = makeQuery(PERSON) as unknown as Record<string, unknown>;
const PATHS = paths(VALID).filter((p) => p.length > 0);

const mutation = fc.record({
  path: fc.oneof(fc.constantFrom(...PATHS), fc.tuple(fc.constantFrom(...PATHS), fc.string({ maxLength: 8 })).map(([p, k]) => [...p, k])),
  value: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('', '1', 'true', PERSON, '2026-02-30', null, 0, -1, 1e308, [], {})),
});

describe('the JSON API answers every JSON document in the documented shape (property)', () => {
  it('arbitrary JSON to both operations: an answer or problem+json with felkod, never SSBT-099', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.constantFrom('hamtaBastjanstInformation', 'testaBastjanstInformation'), async (value, operation) => {
        expectDocumentedShape(await post(operation, JSON.stringify(value)), operation);
      }),
      { numRuns: 60 },
    );
  });

  it('arbitrary text and bytes sent as JSON: problem+json SSBT-001 or an answer, never SSBT-099', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 100 }), fc.uint8Array({ maxLength: 100 })), async (body) => {
        expectDocumentedShape(await post('hamtaBastjanstInformation', body), 'hamtaBastjanstInformation');
      }),
      { numRuns: 40 },
    );
  });

  it('one to three mutations of a valid query: an answer or problem+json with felkod, never SSBT-099', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const query = mutations.reduce<unknown>((q, m) => setAt(q, m.path, m.value), VALID);
        expectDocumentedShape(await post('hamtaBastjanstInformation', JSON.stringify(query)), 'hamtaBastjanstInformation');
      }),
      { numRuns: 80 },
    );
  });
});
