import { describe, expect, it } from 'vitest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import { readSourceDocument } from '../../simulator/composite/fan-out.ts';
import { answerEnvelope } from '../../simulator/composite/soap-answer.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';

// The composite remembers what it read from an answer document, per source and exact text: the same
// bytes again give the same (frozen) result without parsing and validating again; other bytes are read.

const scenario = makeScenario({ personas: [makePersona({ personidentitet: '198803159824' })] });
const now = new Date('2026-07-01T10:00:00Z');

function documentOf(code: 'TNS' | 'CSN', personidentitet: string): string {
  const source = SOURCES[code];
  return source.toDocument(sourcePayload(source, scenario, makeBaseRequest({ personidentitet }), now));
}

describe("the composite's reading of answer documents", () => {
  it('gives the same frozen result for the same text, and reads a different text afresh', () => {
    const text = documentOf('TNS', '198803159824');
    const first = readSourceDocument(SOURCES.TNS, text);
    expect('data' in first).toBe(true);
    expect(Object.isFrozen(first)).toBe(true);
    // A copy of the text (another string with the same characters) is the same document.
    const again = readSourceDocument(SOURCES.TNS, `${text} `.slice(0, -1));
    expect(again).toBe(first);
    const other = readSourceDocument(SOURCES.TNS, documentOf('TNS', '194107086995'));
    expect(other).not.toBe(first);
    expect(other).not.toEqual(first);
    // The same text read as another source's answer is that source's business: read again (and refused here).
    const asCsn = readSourceDocument(SOURCES.CSN, text);
    expect('error' in asCsn && asCsn.error.felkod).toBe('BT-201');
  });

  it('remembers a refused document too, and the answer written from a remembered read is the same', () => {
    const broken = '<HamtaUppgifterResponse><resultat>KANSKE</resultat>';
    const refused = readSourceDocument(SOURCES.TNS, broken);
    expect('error' in refused && refused.error.felkod).toBe('BT-201');
    expect(readSourceDocument(SOURCES.TNS, broken)).toBe(refused);

    const text = documentOf('TNS', '198803159824');
    const read = readSourceDocument(SOURCES.TNS, text);
    const once = answerEnvelope({ svarsdata: { TNS: read } }, SOURCES);
    const twice = answerEnvelope({ svarsdata: { TNS: readSourceDocument(SOURCES.TNS, text) } }, SOURCES);
    expect(twice).toBe(once);
    // Written from a fresh (unfrozen) copy of the payload: the same XML.
    const fresh = 'data' in read ? { data: structuredClone(read.data) } : read;
    expect(answerEnvelope({ svarsdata: { TNS: fresh } }, SOURCES)).toBe(once);
  });
});
