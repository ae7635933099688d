import { describe, expect, it } from 'vitest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import { makePersonidentitet } from '../../simulator/domain/identity.ts';
import { SOURCE_CODES } from '../../simulator/domain/sources.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';
import { lefiJson } from '../support/lefi.ts';

const NOW = new Date('2026-11-27T10:00:00Z');
const people = Array.from({ length: 40 }, (_, i) =>
  makePersonidentitet(`${1945 + i * 2}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`, 200 + i, i % 7 === 0),
);
const scenario = makeScenario({
  seed: 'soap-data-of-document',
  personas: [makePersona({ id: 'hidden', personidentitet: people[3] as string, protected: true })],
});

describe('soapDataOfDocument: the SOAP data of the sources that carry their document, from the document text', () => {
  it('Given FK, CSN and SKV, Then they have it and the others do not', () => {
    expect(SOURCE_CODES.filter((code) => SOURCES[code].soapDataOfDocument !== undefined)).toEqual(['CSN', 'FK', 'SKV']);
  });

  it('Given many people, Then it equals soapData of the payload, and a document the base service wrote reads back to itself', () => {
    for (const code of SOURCE_CODES) {
      const source = SOURCES[code];
      for (const pnr of people) {
        const request = makeBaseRequest({ personidentitet: pnr, tidsperiod: { fromDatum: '2025-06-01', tomDatum: '2026-11-27' } });
        const fk = code === 'FK' ? { version: 'v9', aktorsid: '1000001', lefiJsonFraga: lefiJson(pnr, '2025-06-01', '2026-11-27') } : undefined;
        const payload = sourcePayload(source, scenario, request, NOW, fk);
        const document = source.toDocument(payload);
        expect(source.toDocument(source.fromDocument(document))).toBe(document);
        if (source.soapDataOfDocument !== undefined) expect(source.soapDataOfDocument(document, '      ')).toBe(source.soapData(payload, '      '));
      }
    }
  });
});
