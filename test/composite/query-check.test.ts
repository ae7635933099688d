import { describe, expect, it } from 'vitest';
import { checkQuery, readQueryXml } from '../../simulator/composite/query-check.ts';
import { readSoapRequest } from '../../simulator/composite/soap-request.ts';
import { RequestFault } from '../../simulator/faults/soap-fault.ts';
import { makeQuery, soapQuery } from '../support/queries.ts';

function check(query: unknown): ReturnType<typeof checkQuery> {
  return checkQuery(readQueryXml(readSoapRequest(soapQuery(query as Record<string, unknown>)).content));
}

function faultOf(query: unknown): { felkod: string; message: string } {
  try {
    check(query);
  } catch (e) {
    if (e instanceof RequestFault) return { felkod: e.felkod, message: e.felmeddelande.join(' ') };
    throw e;
  }
  throw new Error('expected a fault');
}

const lefi = Buffer.from(JSON.stringify({ any: 'query' })).toString('base64');

describe('checking a query', () => {
  it('reads a valid SOAP query into the canonical form and plans the included sources in contract order', () => {
    const checked = check(makeQuery('198803159824', { specifikaFrageparametrar: { CSN: { inkludera: false } } }));
    expect(checked.sources.map((s) => s.code)).toEqual(['AF', 'SKV', 'SO', 'TNS', 'MIV']);
    expect(checked.query.generellaFrageparametrar.personidentitet).toBe('198803159824');
  });

  it('gives a source its own tidsperiod when set, the general one otherwise', () => {
    const checked = check(makeQuery(undefined, { specifikaFrageparametrar: { AF: { inkludera: true, tidsperiod: { fromDatum: '2025-07-01', tomDatum: '2025-12-31' } } } }));
    expect(checked.sources.find((s) => s.code === 'AF')?.tidsperiod).toEqual({ fromDatum: '2025-07-01', tomDatum: '2025-12-31' });
    expect(checked.sources.find((s) => s.code === 'SO')?.tidsperiod).toEqual({ fromDatum: '2026-01-01', tomDatum: '2026-06-30' });
  });

  it('accepts a samordningsnummer (day + 60) and dates with a time zone', () => {
    const checked = check(makeQuery('199504729816', { generellaFrageparametrar: { tidsperiod: { fromDatum: '2026-01-01+01:00', tomDatum: '2026-03-31Z' } } }));
    expect(checked.sources[0]?.tidsperiod).toEqual({ fromDatum: '2026-01-01', tomDatum: '2026-03-31' });
  });

  it.each([
    ['a personidentitet of 11 digits', 'SSBT-011', 'personidentitet', makeQuery('19880315982')],
    ['a personidentitet with no real date', 'SSBT-012', 'personidentitet', makeQuery('198802309826')],
    ['a personidentitet with a wrong check digit', 'SSBT-013', 'check digit', makeQuery('198803159825')],
    ['an organisationsnummer of the wrong form', 'SSBT-014', 'ingivare/organisationsnummer', makeQuery(undefined, { generellaFrageparametrar: { ingivare: { organisationsnummer: '212000014' } } })],
    ['an organisationsnummer with a wrong check digit', 'SSBT-015', 'ingivare/organisationsnummer', makeQuery(undefined, { generellaFrageparametrar: { ingivare: { organisationsnummer: '162120000143' } } })],
    ['fromDatum after tomDatum', 'SSBT-016', 'generellaFrageparametrar/tidsperiod', makeQuery(undefined, { generellaFrageparametrar: { tidsperiod: { fromDatum: '2026-07-01', tomDatum: '2026-06-30' } } })],
    ['a source period with fromDatum after tomDatum', 'SSBT-016', 'specifikaFrageparametrar/SO/tidsperiod', makeQuery(undefined, { specifikaFrageparametrar: { SO: { inkludera: true, tidsperiod: { fromDatum: '2026-02-01', tomDatum: '2026-01-01' } } } })],
    ['a date that does not exist', 'SSBT-016', 'fromDatum', makeQuery(undefined, { generellaFrageparametrar: { tidsperiod: { fromDatum: '2026-02-30', tomDatum: '2026-06-30' } } })],
    ['no source included', 'SSBT-017', 'inkludera', makeQuery(undefined, { specifikaFrageparametrar: { AF: { inkludera: false }, CSN: { inkludera: false }, SKV: { inkludera: false }, SO: { inkludera: false }, TNS: { inkludera: false }, MIV: { inkludera: false } } })],
    ['FK included without fraga', 'SSBT-018', 'FK', makeQuery(undefined, { specifikaFrageparametrar: { FK: { inkludera: true } } })],
    ['lefiJsonFraga that is not base64 JSON', 'SSBT-019', 'lefiJsonFraga', makeQuery(undefined, { specifikaFrageparametrar: { FK: { inkludera: true, fraga: { aktorsid: '1000001', lefiJsonFraga: Buffer.from('not json').toString('base64') } } } })],
  ])('Given %s, Then the fault is %s naming %s', (_title, felkod, named, query) => {
    const f = faultOf(query);
    expect(f.felkod).toBe(felkod);
    expect(f.message).toContain(named);
  });

  it('Given a missing required element, Then SSBT-010 names it', () => {
    const q = makeQuery() as unknown as { generellaFrageparametrar: Record<string, unknown> };
    delete q.generellaFrageparametrar.arendeidentitet;
    expect(faultOf(q)).toEqual({ felkod: 'SSBT-010', message: 'Required element generellaFrageparametrar/arendeidentitet is missing.' });
  });

  it('Given a missing inkludera attribute, Then SSBT-010 names it', () => {
    const q = makeQuery() as unknown as { specifikaFrageparametrar: Record<string, unknown> };
    q.specifikaFrageparametrar.MIV = {};
    expect(faultOf(q).message).toBe('Required element specifikaFrageparametrar/MIV/inkludera is missing.');
  });

  it('Given an element the contract does not have, Then SSBT-010 names it', () => {
    const xml = soapQuery(makeQuery()).replace('<ssbt:syfte>', '<ssbt:hemligt>x</ssbt:hemligt><ssbt:syfte>');
    let fault: RequestFault | undefined;
    try {
      checkQuery(readQueryXml(readSoapRequest(xml).content));
    } catch (e) {
      fault = e as RequestFault;
    }
    expect(fault?.felkod).toBe('SSBT-010');
    expect(fault?.felmeddelande[0]).toContain('generellaFrageparametrar/hemligt');
  });

  it('Given a boolean that is not a boolean, Then SSBT-010 names the element', () => {
    const xml = soapQuery(makeQuery()).replace('<ssbt:fraganSkallInkluderasISvaret>false', '<ssbt:fraganSkallInkluderasISvaret>kanske');
    expect(() => checkQuery(readQueryXml(readSoapRequest(xml).content))).toThrow(/fraganSkallInkluderasISvaret/);
  });

  it('decodes FK\'s lefiJsonFraga and keeps version and aktorsid', () => {
    const checked = check(makeQuery(undefined, { specifikaFrageparametrar: { FK: { inkludera: true, fraga: { version: 'v9', aktorsid: '1000001', lefiJsonFraga: lefi } } } }));
    expect(checked.fk).toEqual({ version: 'v9', aktorsid: '1000001', lefiJsonFraga: { any: 'query' } });
  });
});
