import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../simulator/domain/clock.ts';
import { capBody } from '../../simulator/journal/cap-body.ts';
import { createJournal, type JournalRequest } from '../../simulator/journal/journal.ts';

const clock = fixedClock('2026-03-02T09:15:00.000Z');

function request(overrides: Partial<JournalRequest> = {}): JournalRequest {
  return {
    method: 'POST',
    path: '/ssbtek/v10',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""', host: 'localhost:8080' },
    body: '<soapenv:Envelope/>',
    remoteAddress: '127.0.0.1',
    ...overrides,
  };
}

describe('the request journal', () => {
  it('records a request raw, with a monotonic id, the time on the injected clock and only the kept headers', () => {
    const journal = createJournal({ clock });
    const entry = journal.record(
      request({
        headers: {
          'Content-Type': 'text/xml; charset=utf-8',
          soapaction: '""',
          'user-agent': 'curl/8.5',
          'x-ssbtek-scenario': 'slow-csn',
          'x-correlation-id': ['a', 'b'],
          authorization: 'Basic c2VjcmV0',
          cookie: 'session=1',
          'x-other': 'x',
        },
        status: 500,
        operation: 'hamtaBastjanstInformation',
        felkod: 'SSBT-013',
      }),
    );
    expect(entry).toEqual({
      id: 1,
      time: '2026-03-02T09:15:00.000Z',
      method: 'POST',
      path: '/ssbtek/v10',
      headers: {
        'content-type': 'text/xml; charset=utf-8',
        soapaction: '""',
        'user-agent': 'curl/8.5',
        'x-ssbtek-scenario': 'slow-csn',
        'x-correlation-id': 'a, b',
      },
      body: '<soapenv:Envelope/>',
      bodyBytes: 19,
      truncated: false,
      remoteAddress: '127.0.0.1',
      status: 500,
      operation: 'hamtaBastjanstInformation',
      felkod: 'SSBT-013',
    });
    expect(journal.record(request({ remoteAddress: undefined })).id).toBe(2);
    expect('remoteAddress' in (journal.list()[1] ?? {})).toBe(false);
  });

  it('lists oldest first, pages with since and limit', () => {
    const journal = createJournal({ clock });
    for (let i = 1; i <= 5; i++) journal.record(request({ path: `/p${i}` }));
    expect(journal.list().map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    expect(journal.list({ since: 2 }).map((e) => e.id)).toEqual([3, 4, 5]);
    expect(journal.list({ since: 2, limit: 2 }).map((e) => e.path)).toEqual(['/p3', '/p4']);
    expect(journal.list({ since: 5 })).toEqual([]);
    expect(journal.list({ limit: 0 })).toEqual([]);
    expect(() => journal.list({ since: -1 })).toThrow(RangeError);
    expect(() => journal.list({ limit: 1.5 })).toThrow(RangeError);
  });

  it('keeps at most maxEntries (1000 by default), dropping the oldest', () => {
    const small = createJournal({ clock, maxEntries: 3 });
    for (let i = 1; i <= 5; i++) small.record(request());
    expect(small.list().map((e) => e.id)).toEqual([3, 4, 5]);
    expect(small.list({ since: 1, limit: 1 }).map((e) => e.id)).toEqual([3]);
    const defaults = createJournal({ clock });
    for (let i = 1; i <= 1001; i++) defaults.record(request());
    expect(defaults.size()).toBe(1000);
    expect(defaults.list({ limit: 1 })[0]?.id).toBe(2);
    expect(() => createJournal({ clock, maxEntries: 0 })).toThrow(RangeError);
  });

  it('caps a body at 256 KiB of UTF-8 and says so', () => {
    const journal = createJournal({ clock });
    const exact = 'a'.repeat(256 * 1024);
    expect(journal.record(request({ body: exact }))).toMatchObject({
      body: exact,
      bodyBytes: 262144,
      truncated: false,
    });
    const big = journal.record(request({ body: `${exact}b` }));
    expect(big).toMatchObject({ body: exact, bodyBytes: 262145, truncated: true });
  });

  it('never cuts a character in two', () => {
    expect(capBody('åäö', 3)).toEqual({ body: 'å', bytes: 6, truncated: true });
    expect(capBody('a😀b', 4)).toEqual({ body: 'a', bytes: 6, truncated: true });
    expect(capBody('a😀b', 5)).toEqual({ body: 'a😀', bytes: 6, truncated: true });
    expect(capBody('', 0)).toEqual({ body: '', bytes: 0, truncated: false });
  });

  it('clear() forgets every request but keeps counting ids', () => {
    const journal = createJournal({ clock });
    journal.record(request());
    journal.clear();
    expect(journal.list()).toEqual([]);
    expect(journal.record(request()).id).toBe(2);
  });
});
