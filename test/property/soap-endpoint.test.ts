import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSoapRequest } from '../../simulator/composite/soap-request.ts';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { RequestFault } from '../../simulator/faults/soap-fault.ts';
import { startSimulator } from '../../simulator/server.ts';
import { makePersona, makeScenario } from '../support/factories.ts';
import { makeQuery, soapPing, soapQuery } from '../support/queries.ts';
import { xsdAvailable, xsdProblems } from '../support/xsd.ts';

const PERSON = '198803159824';
let sim: Awaited<ReturnType<typeof startSimulator>>;
beforeAll(async () => {
  const scenario = makeScenario({ composite: { timeoutMs: 3000 }, personas: [makePersona({ id: 'p', personidentitet: PERSON, situation: { knownToSources: true, unemployed: true } })] });
  sim = await startSimulator({ scenario, port: 0, clock: fixedClock('2026-11-27T10:00:00Z') });
  await post(soapQuery(makeQuery(PERSON)));
});
afterAll(async () => {
  await sim.close();
});

async function post(body: string | Uint8Array, type = 'text/xml; charset=utf-8'): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(`${sim.url}/ssbtek/v10`, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** One answer of each kind (status, felkod, faultcode), for one run of the official schema check at the end. */
const answers = new Map<string, string>();
let answered = 0;

/** The documented shape: a hamta or ping answer (200), or a SOAP Fault with a felkod and a message, never an internal error. */
function expectDocumentedShape(res: { status: number; type: string; text: string }): void {
  expect(res.type).toMatch(/^text\/xml/);
  expect(res.text).not.toMatch(/node_modules|at \w+ \(|<html/i);
  answered++;
  const kind = `${res.status} ${/<ssbt:felkod>([^<]*)</.exec(res.text)?.[1] ?? ''} ${/<faultcode>([^<]*)</.exec(res.text)?.[1] ?? ''}`;
  if (!answers.has(kind)) answers.set(kind, res.text);
  if (res.status === 200) {
    expect(res.text).toMatch(/<ssbt:(hamta|testa)BastjanstInformationResponse[ >/]/);
    return;
  }
  expect([413, 415, 500]).toContain(res.status);
  const felkod = /<ssbt:felkod>([^<]*)</.exec(res.text)?.[1];
  expect(felkod).toMatch(/^SSBT-\d{3}$/);
  expect(felkod).not.toBe('SSBT-099');
  expect(res.text).toMatch(/<faultcode>soap:(Client|VersionMismatch)<\/faultcode>/);
  expect(/<ssbt:felmeddelande>([^<]+)</.exec(res.text)?.[1]?.trim()).toBeTruthy();
}

/** Pieces of XML and SOAP, so that random text often gets far into the reader. */
const FRAGMENTS = [
  '<', '>', '/>', '</', '=', '"', "'", '&', '&amp;', '&#x41;', '&#0;', ';', ' ', '\n', '\u0000', '\uFFFE', '\uD800', 'é', '<![CDATA[', ']]>', '<!--', '-->', '<?xml version="1.0"?>', '<!DOCTYPE x>', '<!ENTITY',
  'soap:Envelope', 'soap:Body', 'soap:Header', 'xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"', 'xmlns:e="http://www.w3.org/2003/05/soap-envelope"', 'xmlns:ssbt="http://schema.forsakringskassan.se/integration/ssbt/10"',
  'ssbt:hamtaBastjanstInformation', 'ssbt:testaBastjanstInformation', 'ssbt:personidentitet', 'inkludera="true"', PERSON,
];
const xmlish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));

/** A leaf element of the valid query (name and text), as it is written in the envelope. */
const VALID = soapQuery(makeQuery(PERSON, { generellaFrageparametrar: { fraganSkallInkluderasISvaret: true, korrelationsid: 'k-1' } }));
const LEAVES = [...VALID.matchAll(/<ssbt:(\w+)>([^<]*)<\/ssbt:\1>/g)].map((m) => m[0]);
const ELEMENTS = [...new Set([...VALID.matchAll(/<ssbt:(\w+)[ >]/g)].map((m) => m[1] ?? ''))];

/** A mutation of the valid envelope: an element removed or doubled, a value or attribute replaced, text cut or inserted. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('remove-leaf' as const), leaf: fc.constantFrom(...LEAVES) }),
  fc.record({ kind: fc.constant('double-leaf' as const), leaf: fc.constantFrom(...LEAVES) }),
  fc.record({ kind: fc.constant('replace-value' as const), leaf: fc.constantFrom(...LEAVES), escaped: fc.boolean(), value: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), xmlish, fc.constantFrom('', ' ', '0', '-1', 'true', '2026-02-30', '9'.repeat(40))) }),
  fc.record({ kind: fc.constant('remove-element' as const), element: fc.constantFrom(...ELEMENTS) }),
  fc.record({ kind: fc.constant('double-element' as const), element: fc.constantFrom(...ELEMENTS) }),
  fc.record({ kind: fc.constant('attribute' as const), value: fc.oneof(fc.constantFrom('true', 'false', '1', '0', '', 'TRUE', ' true'), fc.string({ maxLength: 10 })) }),
  fc.record({ kind: fc.constant('unknown-element' as const), at: fc.constantFrom(...ELEMENTS), name: fc.stringMatching(/^[a-zA-Z_][\w.-]{0,10}$/) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat({ max: VALID.length }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat({ max: VALID.length }), text: fc.oneof(xmlish, fc.string({ maxLength: 5 })) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function apply(xml: string, m: Mutation): string {
  switch (m.kind) {
    case 'remove-leaf':
      return xml.replace(m.leaf, '');
    case 'double-leaf':
      return xml.replace(m.leaf, `${m.leaf}${m.leaf}`);
    case 'replace-value':
      return xml.replace(m.leaf, m.leaf.replace(/>[^<]*</, `>${m.escaped ? escape(m.value) : m.value}<`));
    case 'remove-element':
      return xml.replace(new RegExp(`<ssbt:${m.element}[ >/][\\s\\S]*?</ssbt:${m.element}>|<ssbt:${m.element}[^>]*/>`), '');
    case 'double-element': {
      const found = new RegExp(`<ssbt:${m.element}[ >/][\\s\\S]*?</ssbt:${m.element}>|<ssbt:${m.element}[^>]*/>`).exec(xml)?.[0];
      return found === undefined ? xml : xml.replace(found, `${found}${found}`);
    }
    case 'attribute':
      return xml.replace(/inkludera="[^"]*"/, `inkludera="${escape(m.value).replace(/"/g, '&quot;')}"`);
    case 'unknown-element':
      return xml.replace(new RegExp(`(<ssbt:${m.at}(?: [^>]*)?>)`), `$1<ssbt:${m.name}>x</ssbt:${m.name}>`);
    case 'cut':
      return xml.slice(0, m.at);
    case 'insert':
      return `${xml.slice(0, m.at)}${m.text}${xml.slice(m.at)}`;
  }
}

describe('the SOAP endpoint answers every input in the documented shape (property)', () => {
  it('the valid envelope is answered (the mutations start from a good query)', async () => {
    const res = await post(VALID);
    expect(res.status).toBe(200);
    expectDocumentedShape(res);
  });

  it('arbitrary text, XML-like text and arbitrary bytes: an answer or a fault with felkod, never SSBT-099', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), xmlish, fc.uint8Array({ maxLength: 200 })), async (body) => {
        expectDocumentedShape(await post(body));
      }),
      { numRuns: 60 },
    );
  });

  it('one to three mutations of a valid query: an answer or a fault with felkod, never SSBT-099', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        expectDocumentedShape(await post(mutations.reduce(apply, VALID)));
      }),
      { numRuns: 80 },
    );
  });

  it('the reader alone, on arbitrary text: a RequestFault with a SSBT code or a request, nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), xmlish, fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => ms.reduce(apply, VALID))), (text) => {
        try {
          expect(['hamtaBastjanstInformation', 'testaBastjanstInformation']).toContain(readSoapRequest(text).operation);
        } catch (e) {
          expect(e).toBeInstanceOf(RequestFault);
          expect((e as RequestFault).felkod).toMatch(/^SSBT-00\d$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('and the service still answers the ping', async () => {
    expect((await post(soapPing())).status).toBe(200);
  });

  it('one answer of each kind above is valid by the official schema', () => {
    expect(answered).toBeGreaterThan(100);
    expect(answers.size).toBeGreaterThanOrEqual(3);
    if (xsdAvailable) expect(xsdProblems(...answers.values())).toBe('');
  });
});
