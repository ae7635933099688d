import { isRealDate } from './dates.ts';

/** Luhn (mod 10) check over a string of digits whose last digit is the check digit. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit for a string of digits (without it). */
export function luhnCheckDigit(digits: string): number {
  for (let c = 0; c <= 9; c++) if (luhnValid(digits + String(c))) return c;
  throw new Error('unreachable');
}

/** Why a personidentitet is not valid, or undefined when it is. */
export type PersonidentitetProblem = 'format' | 'date' | 'checkDigit';

export interface PersonidentitetInfo {
  birthDate: string;
  samordningsnummer: boolean;
  /** 'M' or 'K' from the second-to-last digit (odd is male). */
  sex: 'M' | 'K';
}

/**
 * Checks a 12-digit personnummer or samordningsnummer (day + 60): format, a real birth date,
 * and the Luhn check digit over the last ten digits.
 */
export function checkPersonidentitet(pnr: string): { ok: true; info: PersonidentitetInfo } | { ok: false; problem: PersonidentitetProblem } {
  if (!/^\d{12}$/.test(pnr)) return { ok: false, problem: 'format' };
  const year = pnr.slice(0, 4);
  const month = pnr.slice(4, 6);
  let day = Number(pnr.slice(6, 8));
  const samordningsnummer = day > 60;
  if (samordningsnummer) day -= 60;
  const birthDate = `${year}-${month}-${String(day).padStart(2, '0')}`;
  if (!isRealDate(birthDate) || Number(year) < 1850) return { ok: false, problem: 'date' };
  if (!luhnValid(pnr.slice(2))) return { ok: false, problem: 'checkDigit' };
  return { ok: true, info: { birthDate, samordningsnummer, sex: Number(pnr[10]) % 2 === 1 ? 'M' : 'K' } };
}

/** Checks an organisationsnummer in the contract's 12-digit form: pattern and Luhn on the last ten digits. */
export function checkOrganisationsnummer(orgnr: string): 'format' | 'checkDigit' | undefined {
  if (!/^\d{4}[2-9]\d{7}$/.test(orgnr)) return 'format';
  if (!luhnValid(orgnr.slice(2))) return 'checkDigit';
  return undefined;
}

/** Builds a valid personidentitet from a birth date (YYYY-MM-DD) and a three-digit serial. */
export function makePersonidentitet(birthDate: string, serial: number, samordningsnummer = false): string {
  const day = Number(birthDate.slice(8, 10)) + (samordningsnummer ? 60 : 0);
  const body = birthDate.slice(0, 4) + birthDate.slice(5, 7) + String(day).padStart(2, '0') + String(serial).padStart(3, '0');
  return body + String(luhnCheckDigit(body.slice(2)));
}
