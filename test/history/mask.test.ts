import { describe, expect, it } from 'vitest';
import { maskPersonidentitet, maskPersonidentiteter } from '../../simulator/history/mask.ts';

describe('masking personal identities in log lines', () => {
  it('masks a 12-digit personidentitet to its birth date and -****', () => {
    expect(maskPersonidentiteter('hamtaBastjanstInformation (SOAP) 198507142381 2003 ms -> AF:data')).toBe(
      'hamtaBastjanstInformation (SOAP) 19850714-**** 2003 ms -> AF:data',
    );
  });

  it('masks every identity on a line, in each written form', () => {
    expect(
      maskPersonidentiteter('a=198507142381,b=19900101-2384;c:850714-2381 d 120101+1234 e(200001019874)'),
    ).toBe('a=19850714-****,b=19900101-****;c:850714-**** d 120101+**** e(20000101-****)');
  });

  it('masks an identity inside a JSON or XML line and a samordningsnummer', () => {
    expect(
      maskPersonidentiteter(
        '{"personidentitet":"199504729816"} <personidentitet>198507142381</personidentitet>',
      ),
    ).toBe('{"personidentitet":"19950472-****"} <personidentitet>19850714-****</personidentitet>');
  });

  it('leaves other digit runs alone: longer ids, dates, times, organisationsnummer, short numbers', () => {
    const line =
      'card 4111111111111111 id 1234567890123456 epoch 1767225600000 date 2026-03-02 at 2026-03-02T09:15:00.000Z ' +
      'orgnr 162120000142 felkod -1005 SSBT-101 amount 123456 ref 12345678901 phone 070-123 45 67';
    expect(maskPersonidentiteter(line)).toBe(line);
  });

  it('does not mask part of a longer digit run, but does mask an identity followed by other text', () => {
    expect(maskPersonidentiteter('1198507142381 x19850714-23810 850714-23819')).toBe(
      '1198507142381 x19850714-23810 850714-23819',
    );
    expect(maskPersonidentiteter('198507142381-1 198507142381abc')).toBe('19850714-****-1 19850714-****abc');
    expect(maskPersonidentiteter('no numbers här, åäö')).toBe('no numbers här, åäö');
    expect(maskPersonidentiteter('')).toBe('');
  });

  it('masks a single known personidentitet field, hiding a malformed one entirely', () => {
    expect(maskPersonidentitet('198507142381')).toBe('19850714-****');
    expect(maskPersonidentitet('19850714-2381')).toBe('19850714-****');
    expect(maskPersonidentitet('850714-2381')).toBe('850714-****');
    expect(maskPersonidentitet('19850714238')).toBe('****');
    expect(maskPersonidentitet('')).toBe('****');
  });
});
