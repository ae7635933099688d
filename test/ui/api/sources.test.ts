import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { sourcePayload } from '../../../simulator/base-services/answer.ts';
import { SOURCES } from '../../../simulator/base-services/registry.ts';
import { contracts } from '../../../simulator/contracts/registry.ts';
import { SOURCE_CODES, SOURCE_NAMES } from '../../../simulator/domain/sources.ts';
import type { DescribedElement, SourceDescription } from '../../../simulator/ui/api/describe-source.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../../support/factories.ts';
import { makeUi } from './support.ts';

const { app } = makeUi({ scenario: makeScenario() });

async function sources(): Promise<SourceDescription[]> {
  const res = await request(app).get('/ui/api/sources');
  expect(res.status).toBe(200);
  expect(res.type).toBe('application/json');
  return (res.body as { sources: SourceDescription[] }).sources;
}

describe('GET /ui/api/sources', () => {
  it("lists exactly the seven sources in contract order, each with its agency and its schema's title and description", async () => {
    const list = await sources();
    expect(list.map((s) => s.code)).toEqual(['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV']);
    for (const s of list) {
      const schema = contracts().schema(SOURCES[s.code].schemaPath);
      expect(s.name).toBe(SOURCE_NAMES[s.code]);
      expect(s.title).toBe(schema.title);
      expect(s.description).toBe(schema.description);
      expect(s.schema).toBe(`contracts/${SOURCES[s.code].schemaPath}`);
    }
    expect(list.find((s) => s.code === 'AF')).toMatchObject({
      rootElement: 'SvarMeddelande',
      mediaType: 'application/xml',
    });
    expect(list.find((s) => s.code === 'FK')?.rootElement).toBeUndefined();
  });

  it('gives every source its three Swedish texts and at least three described elements', async () => {
    for (const s of await sources()) {
      expect(Object.keys(s.information).sort(), s.code).toEqual([
        'ingaUppgifter',
        'sammanfattning',
        'skyddadIdentitet',
      ]);
      for (const text of Object.values<string>({ ...s.information }))
        expect(text.trim().length, s.code).toBeGreaterThan(20);
      expect(s.elements.filter((e) => e.description !== undefined).length, s.code).toBeGreaterThanOrEqual(3);
    }
  });

  it("reads the period from the query contract: AF, CSN, SO and TNS take their own, FK the LEFI query's", async () => {
    const kinds = Object.fromEntries((await sources()).map((s) => [s.code, s.period.kind]));
    expect(kinds).toEqual({
      AF: 'egen',
      CSN: 'egen',
      FK: 'lefi',
      SKV: 'generell',
      SO: 'egen',
      TNS: 'egen',
      MIV: 'generell',
    });
  });

  it('describes elements with path, repetition, requirement, attributes and code lists', async () => {
    const list = await sources();
    const element = (code: string, path: string): DescribedElement | undefined =>
      list.find((s) => s.code === code)?.elements.find((e) => e.path === path);
    expect(element('AF', 'Svar/Sekretessmarkering')).toEqual({
      path: 'Svar/Sekretessmarkering',
      name: 'Sekretessmarkering',
      depth: 2,
      description: 'True when the person has a protected identity. The simulator always writes it.',
      type: 'boolean',
      repeated: false,
      required: false,
    });
    expect(element('AF', 'Svar/StatusSokandeinformationKod')).toMatchObject({
      required: true,
      type: 'integer',
      values: [0, 1],
    });
    expect(element('CSN', 'Personer/Person')).toMatchObject({ repeated: true, type: 'object' });
    expect(element('CSN', 'Personer/Person/sekretess')).toMatchObject({ attribute: true, required: false });
    expect(element('TNS', 'fordonsinnehav/fordon/regnr')).toMatchObject({
      required: true,
      description: 'Registration number, e.g. ABC123 or ABC12A.',
    });
    expect(element('MIV', 'response/svarCollection/svar/beslutsKod')).toBeDefined();
    expect(element('FK', 'formansinformation/sjukpenningarende')).toMatchObject({ repeated: true });
    // LEFI's model is large: two levels only (a wrapper of one property not counted).
    const fk = list.find((s) => s.code === 'FK')?.elements ?? [];
    expect(fk.length).toBeLessThanOrEqual(150);
    expect(fk.filter((e) => e.path.startsWith('formansinformation/sjukpenningarende/'))).toEqual([]);
  });

  it('lists every top-level element a generated payload has (the description follows the contract served)', async () => {
    const list = await sources();
    const scenario = makeScenario({
      personas: [
        makePersona({
          situation: {
            knownToSources: true,
            unemployed: true,
            akassa: 'Unionens a-kassa',
            student: true,
            vehicles: 1,
            residencePermit: true,
            activitySupport: true,
          },
        }),
      ],
    });
    for (const code of SOURCE_CODES) {
      const payload = sourcePayload(
        SOURCES[code],
        scenario,
        makeBaseRequest(),
        new Date('2026-11-27T10:00:00Z'),
      ) as Record<string, unknown>;
      const listed = new Set(
        list
          .find((s) => s.code === code)
          ?.elements.filter((e) => e.depth === 1)
          .map((e) => e.name),
      );
      for (const key of Object.keys(payload)) expect(listed.has(key), `${code}: ${key}`).toBe(true);
    }
  });
});
