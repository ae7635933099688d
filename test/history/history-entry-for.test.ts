import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../simulator/composite/answer-types.ts';
import { checkQuery } from '../../simulator/composite/query-check.ts';
import { readSoapRequest } from '../../simulator/composite/soap-request.ts';
import { historyEntryFor } from '../../simulator/history/history-entry-for.ts';
import { refusedEntryFor } from '../../simulator/history/refused-entry-for.ts';
import { makeQuery, soapQuery } from '../support/queries.ts';

function resultWith(outcomes: QueryResult['outcomes']): QueryResult {
  return { answer: { svarsdata: {} }, outcomes, durationMs: 2003.6 };
}

describe('the history entry of an answered query', () => {
  it('records who asked about whom and how each asked source ended, in contract order, without the data', () => {
    const checked = checkQuery(
      makeQuery('198507142381', { generellaFrageparametrar: { korrelationsid: 'k-1' } }),
    );
    const result = resultWith([
      { code: 'MIV', result: { data: { secret: 'not kept' } }, startedMs: 0.4, endedMs: 12.2 },
      {
        code: 'CSN',
        result: { error: { kalla: 'SSBT', felkod: 'SSBT-101', felmeddelande: ['CSN svarade inte.'] } },
        startedMs: 0.2,
        endedMs: 2001.7,
      },
      { code: 'AF', result: { data: { secret: 'not kept' } }, startedMs: 0.1, endedMs: 40, httpStatus: 200 },
    ]);
    expect(historyEntryFor(checked, result, 'SOAP', 'default', 'Exempel kommun (registret)')).toEqual({
      scenario: 'default',
      municipality: { organisationsnummer: '162120000142', namn: 'Exempel kommun (registret)' },
      caseworker: 'HL0001',
      personidentitet: '198507142381',
      arendeidentitet: 'ARENDE-2026-0001',
      syfte: 'Utredning av rätt till ekonomiskt bistånd',
      lagtext: '4 kap. 1 § socialtjänstlagen (2025:400)',
      korrelationsid: 'k-1',
      sources: [
        { code: 'AF', outcome: 'data', startedMs: 0, endedMs: 40 },
        { code: 'CSN', outcome: 'error', kalla: 'SSBT', felkod: 'SSBT-101', startedMs: 0, endedMs: 2002 },
        { code: 'MIV', outcome: 'data', startedMs: 0, endedMs: 12 },
      ],
      result: 'answered',
      durationMs: 2004,
      via: 'SOAP',
    });
  });

  it("takes the query's ingivare/namn when the municipality is not in a register, and leaves korrelationsid out when absent", () => {
    const entry = historyEntryFor(checkQuery(makeQuery()), resultWith([]), 'JSON', 'test');
    expect(entry.municipality).toEqual({ organisationsnummer: '162120000142', namn: 'Exempelkommunen' });
    expect('korrelationsid' in entry).toBe(false);
    expect(entry.via).toBe('JSON');
  });

  it('records a base service error with kalla BT and its own felkod', () => {
    const result = resultWith([
      {
        code: 'CSN',
        result: {
          error: { kalla: 'BT', felkod: '-1005', felmeddelande: ['Ärendeidentiteten är för lång.'] },
        },
        startedMs: 1,
        endedMs: 9,
      },
    ]);
    expect(historyEntryFor(checkQuery(makeQuery()), result, 'SOAP', 'test').sources).toEqual([
      { code: 'CSN', outcome: 'error', kalla: 'BT', felkod: '-1005', startedMs: 1, endedMs: 9 },
    ]);
  });
});

describe('the history entry of a refused query', () => {
  it('records whatever the canonical JSON holds, with the felkod and no sources', () => {
    const candidate = makeQuery('198507142389', {
      generellaFrageparametrar: { ingivare: { handlaggare: 'HL0666' } },
    });
    expect(refusedEntryFor(candidate, { felkod: 'SSBT-013', durationMs: 1.4 }, 'JSON', 'default')).toEqual({
      scenario: 'default',
      municipality: { organisationsnummer: '162120000142', namn: 'Exempelkommunen' },
      caseworker: 'HL0666',
      personidentitet: '198507142389',
      arendeidentitet: 'ARENDE-2026-0001',
      syfte: 'Utredning av rätt till ekonomiskt bistånd',
      lagtext: '4 kap. 1 § socialtjänstlagen (2025:400)',
      sources: [],
      result: 'refused',
      felkod: 'SSBT-013',
      durationMs: 1,
      via: 'JSON',
    });
  });

  it('leaves what it cannot read empty (missing ingivare, a number where text belongs is read as text)', () => {
    const entry = refusedEntryFor(
      { generellaFrageparametrar: { personidentitet: 198507142381, korrelationsid: 'k-9' } },
      { felkod: 'SSBT-010' },
      'JSON',
      'test',
    );
    expect(entry).toMatchObject({
      municipality: { organisationsnummer: '', namn: '' },
      caseworker: '',
      personidentitet: '198507142381',
      arendeidentitet: '',
      korrelationsid: 'k-9',
      durationMs: 0,
    });
  });

  it("reads the operation's parsed XML content as well (SOAP, before the codec's checks)", () => {
    const content = readSoapRequest(soapQuery(makeQuery('198507142381'))).content;
    const entry = refusedEntryFor(
      content,
      { felkod: 'SSBT-022' },
      'SOAP',
      'default',
      'Exempelkommunen (registret)',
    );
    expect(entry).toMatchObject({
      municipality: { organisationsnummer: '162120000142', namn: 'Exempelkommunen (registret)' },
      caseworker: 'HL0001',
      personidentitet: '198507142381',
      arendeidentitet: 'ARENDE-2026-0001',
      syfte: 'Utredning av rätt till ekonomiskt bistånd',
      result: 'refused',
      felkod: 'SSBT-022',
    });
  });

  it('records nothing for a body that is not recognisably a query', () => {
    for (const candidate of [undefined, null, 'text', [], {}, { generellaFrageparametrar: 'x' }]) {
      expect(refusedEntryFor(candidate, { felkod: 'SSBT-001' }, 'JSON', 'test')).toBeUndefined();
    }
  });
});
