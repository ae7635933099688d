import { describe, expect, it } from 'vitest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import { SOURCES } from '../../simulator/base-services/registry.ts';
import { corruptPayload } from '../../simulator/behaviour/corrupt.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { SOURCE_CODES } from '../../simulator/domain/sources.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';
import { lefiJson } from '../support/lefi.ts';

const KNOWN = '198803159824';
const PROTECTED = '198307199979';
const UNKNOWN = '199901019894';
const scenario = makeScenario({
  personas: [
    makePersona({ id: 'known', personidentitet: KNOWN, situation: { knownToSources: true, unemployed: true, akassa: 'Unionens a-kassa', student: true, sickLeave: true, children: 1, housingAllowance: true, vehicles: 1, residencePermit: true } }),
    makePersona({ id: 'protected', personidentitet: PROTECTED, protected: true }),
    makePersona({ id: 'unknown', personidentitet: UNKNOWN, situation: { knownToSources: false } }),
  ],
});

describe('corruptPayload (invalid-payload)', () => {
  for (const code of SOURCE_CODES) {
    it(`${code}: the document is well-formed and readable by the source, but breaks its schema, the same way every time`, () => {
      const source = SOURCES[code];
      for (const id of [KNOWN, PROTECTED, UNKNOWN]) {
        const fk = code === 'FK' ? { aktorsid: '1000001', lefiJsonFraga: lefiJson(id) } : undefined;
        const payload = sourcePayload(source, scenario, makeBaseRequest({ personidentitet: id }), new Date('2026-11-27T10:00:00Z'), fk);
        const before = JSON.stringify(payload);
        const document = source.toDocument(corruptPayload(source.schemaPath, payload, source.mediaType));
        expect(JSON.stringify(payload)).toBe(before); // the payload itself is not touched
        const read = source.fromDocument(document);
        expect(contracts().check(source.schemaPath, read).length).toBeGreaterThan(0);
        expect(source.toDocument(corruptPayload(source.schemaPath, payload, source.mediaType))).toBe(document);
      }
    });
  }
});
