import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../simulator/history/history-entry.ts';
import { createHistoryStore } from '../../simulator/history/history-store.ts';
import { CSV_COLUMNS, csvField, toCsv } from '../../simulator/history/to-csv.ts';
import { toJsonLines } from '../../simulator/history/to-json-lines.ts';
import { parseCsv } from './parse-csv.ts';
import { adjustableClock, makeNewEntry } from './support.ts';

function entries(): HistoryEntry[] {
  const store = createHistoryStore({ clock: adjustableClock('2026-03-02T09:15:00.000Z') });
  store.record(makeNewEntry(), 24);
  store.record(
    makeNewEntry({
      municipality: { organisationsnummer: '162120002411', namn: 'Malung-Sälens kommun, "socialnämnden"' },
      caseworker: '=HYPERLINK("http://evil.example","klicka")',
      arendeidentitet: 'ÅÄÖ-åäö-1\r\nrad två, med komma',
      syfte: '+46 70 123 45 67',
      lagtext: '@SUM(A1:A2)',
      korrelationsid: '-1+1',
      sources: [{ code: 'CSN', outcome: 'error', kalla: 'BT', felkod: '-1005', startedMs: 3, endedMs: 8 }],
      result: 'refused',
      felkod: 'SSBT-024',
      durationMs: 9,
      via: 'JSON',
    }),
    24,
  );
  store.record(makeNewEntry({ syfte: 'tab\tinside\u2028and a line separator', sources: [] }), 24);
  return store.query();
}

describe('exporting the processing history as JSON Lines', () => {
  it('writes one JSON object per line that parses back to the entries', () => {
    const list = entries();
    const text = toJsonLines(list);
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.split('\n').slice(0, -1);
    expect(lines).toHaveLength(list.length);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(list);
  });

  it('writes the keys in a stable order, whatever order the entry had them in', () => {
    const [entry] = entries();
    const shuffled = Object.fromEntries(
      Object.entries(entry as HistoryEntry).reverse(),
    ) as unknown as HistoryEntry;
    expect(toJsonLines([shuffled])).toBe(toJsonLines([entry as HistoryEntry]));
    expect(Object.keys(JSON.parse(toJsonLines([entry as HistoryEntry])) as object)).toEqual([
      'id',
      'time',
      'scenario',
      'municipality',
      'caseworker',
      'personidentitet',
      'arendeidentitet',
      'syfte',
      'lagtext',
      'sources',
      'result',
      'durationMs',
      'via',
    ]);
  });

  it('escapes U+2028 so no line breaks inside a value', () => {
    expect(toJsonLines(entries())).not.toMatch(/\u2028/);
  });

  it('writes nothing for no entries', () => {
    expect(toJsonLines([])).toBe('');
    expect(toCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});

describe('exporting the processing history as CSV', () => {
  it('writes the documented header and example row', () => {
    const [, , oldest] = entries();
    expect(toCsv([oldest as HistoryEntry])).toBe(
      'id,time,scenario,municipality.organisationsnummer,municipality.namn,caseworker,personidentitet,arendeidentitet,syfte,lagtext,korrelationsid,sources,result,felkod,durationMs,via\r\n' +
        'h-000001,2026-03-02T09:15:00.000Z,default,162120000142,Exempelkommunen,HL0001,198507142381,ARENDE-2026-0001,Utredning av rätt till ekonomiskt bistånd,4 kap. 1 § socialtjänstlagen (2025:400),,AF:data;CSN:error SSBT-101,answered,,2003,SOAP\r\n',
    );
  });

  it('round-trips quotes, commas, line breaks and Swedish characters, with formula-looking cells prefixed by an apostrophe', () => {
    const list = entries();
    const rows = parseCsv(toCsv(list));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(list.length + 1);
    const tricky = rows.find((r) => r[0] === 'h-000002');
    expect(tricky).toEqual([
      'h-000002',
      '2026-03-02T09:15:00.000Z',
      'default',
      '162120002411',
      'Malung-Sälens kommun, "socialnämnden"',
      `'=HYPERLINK("http://evil.example","klicka")`,
      '198507142381',
      'ÅÄÖ-åäö-1\r\nrad två, med komma',
      "'+46 70 123 45 67",
      "'@SUM(A1:A2)",
      "'-1+1",
      'CSN:error -1005',
      'refused',
      'SSBT-024',
      '9',
      'JSON',
    ]);
    expect(rows.find((r) => r[0] === 'h-000003')?.[8]).toBe('tab\tinside\u2028and a line separator');
  });

  it('guards every formula-starting character, and a tab or carriage return at the start', () => {
    expect(['=1', '+1', '-1', '@a', '\tx', '\rx', 'a=1', '1-2'].map(csvField)).toEqual([
      "'=1",
      "'+1",
      "'-1",
      "'@a",
      "'\tx",
      `"'\rx"`,
      'a=1',
      '1-2',
    ]);
  });

  it('can start with a UTF-8 byte order mark for spreadsheets', () => {
    const text = toCsv(entries(), { bom: true });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

describe('docs/processing-history.md', () => {
  const doc = readFileSync(new URL('../../docs/processing-history.md', import.meta.url), 'utf8');
  const block = (lang: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(doc)?.[1] ?? '';

  it('shows the JSON Lines and CSV exports exactly as they are written', () => {
    const [, , oldest] = entries();
    expect(block('jsonl')).toBe(toJsonLines([oldest as HistoryEntry]));
    expect(block('csv')).toBe(toCsv([oldest as HistoryEntry]).replace(/\r\n/g, '\n'));
  });
});
