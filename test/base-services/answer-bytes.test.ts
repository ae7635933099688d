/**
 * What the lean path reuses per call (issue 7): the answer's bytes and headers per cached payload,
 * the payload key of a frozen request (its JSON text remembered), and the contract check of a frozen
 * body. Each must give what computing afresh gives.
 */
import { describe, expect, it } from 'vitest';
import { clearAnswerCaches, sourceAnswer, sourceDocument, sourcePayload } from '../../simulator/base-services/answer.ts';
import { checkContract } from '../../simulator/base-services/checks.ts';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { deepFreeze } from '../../simulator/domain/lru.ts';
import { SOURCE_CODES } from '../../simulator/domain/sources.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';
import { lefiJson } from '../support/lefi.ts';

const PNR = '197911029911';
const scenario = makeScenario({
  seed: 'bytes-seed',
  personas: [makePersona({ id: 'u', personidentitet: PNR, fornamn: 'Åsa', efternamn: 'Öberg', situation: { knownToSources: true, unemployed: true, akassa: 'IF Metalls a-kassa', children: 1, vehicles: 1, yearlyIncome: 98_000 } })],
});
const DAY = new Date('2026-11-27T10:00:00Z');
const request = makeBaseRequest({ personidentitet: PNR });
const fkPart = (): { version: string; aktorsid: string; lefiJsonFraga: unknown } => ({ version: 'v9', aktorsid: '1000001', lefiJsonFraga: lefiJson(PNR) });

describe('the answer bytes and headers of a payload', () => {
  it('Given a cached (frozen) payload, Then its UTF-8 document bytes and headers are made once and equal a fresh encoding', () => {
    clearAnswerCaches();
    for (const code of SOURCE_CODES) {
      const source = SOURCES[code];
      const payload = sourcePayload(source, scenario, request, DAY, code === 'FK' ? fkPart() : undefined);
      const answer = sourceAnswer(source, payload);
      const document = source.toDocument(payload);
      expect(answer.body.equals(Buffer.from(document, 'utf8'))).toBe(true);
      expect(answer.headers).toEqual(['Content-Type', `${source.mediaType}; charset=utf-8`, 'Content-Length', String(Buffer.byteLength(document))]);
      expect(sourceAnswer(source, payload)).toBe(answer);
      expect(sourceDocument(source, payload)).toBe(document);
    }
  });

  it('Given a payload that is not frozen, Then it is written afresh every time (nothing remembered for it)', () => {
    const payload = structuredClone(sourcePayload(SOURCES.SKV, scenario, request, DAY));
    const first = sourceAnswer(SOURCES.SKV, payload);
    const again = sourceAnswer(SOURCES.SKV, payload);
    expect(again).not.toBe(first);
    expect(again.body.equals(first.body)).toBe(true);
    // Non-ASCII names: the byte length differs from the text's length.
    expect(Number(first.headers[3])).toBe(first.body.length);
    expect(first.body.length).toBeGreaterThan(sourceDocument(SOURCES.SKV, payload).length);
  });
});

describe('the payload key of a frozen request', () => {
  it('Given the same request frozen (as the lean path reads it) or not, Then the same cached payload, for every source', () => {
    clearAnswerCaches();
    for (const code of SOURCE_CODES) {
      const fk = code === 'FK' ? fkPart() : undefined;
      const plain = sourcePayload(SOURCES[code], scenario, request, DAY, fk);
      const frozenFk = fk === undefined ? undefined : { ...fk, lefiJsonFraga: deepFreeze(structuredClone(fk.lefiJsonFraga)) };
      expect(sourcePayload(SOURCES[code], scenario, deepFreeze(structuredClone(request)), DAY, frozenFk)).toBe(plain);
    }
  });

  it('Given FK query parts that differ only where JSON does not show it (an undefined version), Then the same payload; a different query another', () => {
    clearAnswerCaches();
    const base = sourcePayload(SOURCES.FK, scenario, request, DAY, { aktorsid: '1000001', lefiJsonFraga: lefiJson(PNR) });
    expect(sourcePayload(SOURCES.FK, scenario, request, DAY, { version: undefined, aktorsid: '1000001', lefiJsonFraga: deepFreeze(lefiJson(PNR)) })).toBe(base);
    const narrow = deepFreeze({ ...lefiJson(PNR), formansinformation: ['FK:ABB'] });
    expect(sourcePayload(SOURCES.FK, scenario, request, DAY, { aktorsid: '1000001', lefiJsonFraga: narrow })).not.toEqual(base);
  });
});

describe('the contract check of a frozen body', () => {
  it('gives what contracts().check gives, frozen or not, valid or not; remembered for a frozen body', () => {
    const schema = 'base-services/request.schema.json';
    const values: unknown[] = [request, { personidentitet: '1' }, [], {}, { ...request, extra: true }];
    for (const value of values) {
      const expected = contracts().check(schema, value);
      expect(checkContract(schema, value)).toEqual(expected);
      const frozen = deepFreeze(structuredClone(value));
      const first = checkContract(schema, frozen);
      expect(first).toEqual(expected);
      expect(checkContract(schema, frozen)).toBe(first);
      expect(checkContract('base-services/fk-request.schema.json', frozen)).toEqual(contracts().check('base-services/fk-request.schema.json', value));
    }
    expect(checkContract(schema, 'text')).toEqual(contracts().check(schema, 'text'));
  });
});
