import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkQuery } from '../../simulator/composite/query-check.ts';
import { checkOrganisationsnummer, checkPersonidentitet, luhnCheckDigit, makePersonidentitet } from '../../simulator/domain/identity.ts';
import { RequestFault } from '../../simulator/faults/soap-fault.ts';
import { makeQuery } from '../support/queries.ts';

const RUNS = { numRuns: 300 };

/** A real birth date from 1850 (the earliest the rule accepts) to 2099, as YYYY-MM-DD. */
const birthDate = fc
  .date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A valid personnummer or samordningsnummer, with what it was made from. */
const personidentitet = fc.record({ birthDate, serial: fc.integer({ min: 0, max: 999 }), samordningsnummer: fc.boolean() }).map((p) => ({ ...p, pnr: makePersonidentitet(p.birthDate, p.serial, p.samordningsnummer) }));

/** A valid organisationsnummer in the contract's 12-digit form: 16, then ten digits whose third is 2-9, the last a Luhn check digit. */
const organisationsnummer = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 2, max: 9 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([group, third, rest]) => {
    const body = `16${String(group).padStart(2, '0')}${third}${String(rest).padStart(6, '0')}`;
    return `${body}${luhnCheckDigit(body.slice(2))}`;
  });

/** A position in a 12-digit number and a different digit to put there. */
const change = (from: number) => fc.tuple(fc.integer({ min: from, max: 11 }), fc.integer({ min: 1, max: 9 }));
const changed = (digits: string, [at, by]: [number, number]): string => `${digits.slice(0, at)}${(Number(digits[at]) + by) % 10}${digits.slice(at + 1)}`;

/** Any text: every unit, some of it digit-heavy, some of it Unicode digits that are not ASCII (٣, ３). */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.stringMatching(/^[\d\-+ ]{0,16}$/),
  fc.array(fc.constantFrom('1', '9', '0', '٣', '３', '¹', '-', '+', ' ', '\n', '\u0000'), { maxLength: 14 }).map((a) => a.join('')),
);

describe('personnummer and samordningsnummer (property)', () => {
  it('accepts every generated valid number, reading back its birth date, kind and sex', () => {
    fc.assert(
      fc.property(personidentitet, ({ pnr, birthDate: date, samordningsnummer }) => {
        const checked = checkPersonidentitet(pnr);
        expect(checked).toEqual({ ok: true, info: { birthDate: date, samordningsnummer, sex: Number(pnr[10]) % 2 === 1 ? 'M' : 'K' } });
      }),
      RUNS,
    );
  });

  it('rejects any single-digit change in the last ten digits (the Luhn check or the date catches it)', () => {
    fc.assert(
      fc.property(personidentitet, change(2), ({ pnr }, c) => {
        const checked = checkPersonidentitet(changed(pnr, c));
        expect(checked.ok).toBe(false);
        if (!checked.ok) expect(['date', 'checkDigit']).toContain(checked.problem);
      }),
      RUNS,
    );
  });

  it('a change in the century digits (outside the Luhn check) is either refused or names another birth date', () => {
    fc.assert(
      fc.property(personidentitet, fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 9 })), ({ pnr, birthDate: date }, c) => {
        const checked = checkPersonidentitet(changed(pnr, c));
        if (checked.ok) expect(checked.info.birthDate).not.toBe(date);
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary text, and accepts only twelve ASCII digits', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const checked = checkPersonidentitet(text);
        if (checked.ok) expect(text).toMatch(/^[0-9]{12}$/);
        else expect(['format', 'date', 'checkDigit']).toContain(checked.problem);
      }),
      RUNS,
    );
  });

  it('the composite refuses a changed number with SSBT-012 or SSBT-013 and arbitrary text with a SSBT code, never another error', () => {
    fc.assert(
      fc.property(personidentitet, change(2), anyText, ({ pnr }, c, text) => {
        expect(() => checkQuery(makeQuery(pnr))).not.toThrow();
        for (const [candidate, allowed] of [
          [changed(pnr, c), ['SSBT-012', 'SSBT-013']],
          [text, ['SSBT-010', 'SSBT-011', 'SSBT-012', 'SSBT-013']],
        ] as const) {
          try {
            checkQuery(makeQuery(candidate));
            expect(checkPersonidentitet(candidate).ok).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(RequestFault);
            expect(allowed).toContain((e as RequestFault).felkod);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('organisationsnummer (property)', () => {
  it('accepts every generated valid number', () => {
    fc.assert(
      fc.property(organisationsnummer, (orgnr) => {
        expect(checkOrganisationsnummer(orgnr)).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('rejects any single-digit change in the last ten digits', () => {
    fc.assert(
      fc.property(organisationsnummer, change(2), (orgnr, c) => {
        expect(['format', 'checkDigit']).toContain(checkOrganisationsnummer(changed(orgnr, c)));
      }),
      RUNS,
    );
  });

  it('never throws on arbitrary text, and accepts only twelve ASCII digits', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const problem = checkOrganisationsnummer(text);
        if (problem === undefined) expect(text).toMatch(/^[0-9]{12}$/);
        else expect(['format', 'checkDigit']).toContain(problem);
      }),
      RUNS,
    );
  });

  it('the composite refuses a changed ingivare organisationsnummer with SSBT-014 or SSBT-015', () => {
    fc.assert(
      fc.property(organisationsnummer, change(2), (orgnr, c) => {
        const query = (o: string) => makeQuery('198803159824', { generellaFrageparametrar: { ingivare: { organisationsnummer: o } } });
        expect(() => checkQuery(query(orgnr))).not.toThrow();
        try {
          checkQuery(query(changed(orgnr, c)));
          expect.unreachable('a changed organisationsnummer was accepted');
        } catch (e) {
          expect(e).toBeInstanceOf(RequestFault);
          expect(['SSBT-014', 'SSBT-015']).toContain((e as RequestFault).felkod);
        }
      }),
      { numRuns: 150 },
    );
  });
});
