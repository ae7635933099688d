import { createRandom } from '../../domain/random.ts';
import type { GenerateInput } from '../types.ts';
import { finalTax } from './tax.ts';
import {
  SKV_STATUS,
  type SkvForvarvsinkomstuppgift,
  type SkvKapitaluppgift,
  type SkvPayload,
  type SkvPersonuppgift,
} from './types.ts';

export type { SkvPayload } from './types.ts';

/**
 * The day taxation year `year` counts as assessed: Skatteverket decides the final tax for an income
 * year by 15 December of the year after it (the taxation year; most decisions come earlier, from
 * June), so on this day every decision of the taxation year has been made.
 */
export function assessedOn(year: number): string {
  return `${year}-12-15`;
}

/** The latest taxation year assessed by `today`. */
export function latestAssessedYear(today: string): number {
  const year = Number(today.slice(0, 4));
  return today >= assessedOn(year) ? year : year - 1;
}

/**
 * The taxation years reported for [from, tom] on `today`, ascending: those whose income year
 * overlaps the period (taxation year = income year + 1) and that are assessed by today; when none of
 * them is (a recent period), the latest assessed taxation year, which is what a caseworker gets from
 * Skatteverket for a current case: the latest established income.
 */
export function taxationYears(from: string, tom: string, today: string): number[] {
  const latest = latestAssessedYear(today);
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(tom.slice(0, 4)); y++)
    if (y + 1 <= latest) years.push(y + 1);
  return years.length > 0 ? years : [latest];
}

/** The document for one person: just the identity and a status code (no data, or protected). */
export function skvStatusOnly(personidentitet: string, status: '100' | '200'): SkvPayload {
  return {
    PersonuppgiftLista: {
      Personuppgift: [{ IdentitetsbeteckningFysiskPerson: personidentitet, StatusPersonuppgiftKod: status }],
    },
  };
}

/**
 * The person's taxation data for the assessed taxation years of the period (see taxationYears): earned
 * income from `situation.yearlyIncome` varied by ±15 % per year, capital income for savers and
 * investors (an interest-paying borrower has a deficit, so no surplus), and the final tax. Each year
 * draws from its own random source keyed by the year, so two periods agree on the years they share.
 * A protected identity gets status 200 with names and data withheld.
 */
export function generateSkv({ person, request, random, today }: GenerateInput): SkvPayload {
  if (person.protected) return skvStatusOnly(person.personidentitet, SKV_STATUS.protected);
  const seed = random.seed32();
  const saver = random.chance(0.65);
  const investor = random.chance(0.15);
  const borrower = random.chance(0.4);
  const kapital: SkvKapitaluppgift[] = [];
  const forvarv: SkvForvarvsinkomstuppgift[] = [];
  for (const year of taxationYears(request.tidsperiod.fromDatum, request.tidsperiod.tomDatum, today)) {
    const r = createRandom(seed, 'SKV', year);
    const interest = saver ? r.int(1, 60) * 50 : 0;
    const dividends = investor ? r.int(4, 160) * 250 : 0;
    const costs = (investor ? r.int(0, 20) * 100 : 0) + (borrower ? r.int(5, 80) * 1000 : 0);
    const intakter = interest + dividends;
    const overskott = Math.max(0, intakter - costs);
    const taxeringsar = String(year);
    if (intakter > 0 || borrower)
      kapital.push({
        Taxeringsar: taxeringsar,
        SummaIntakterPaKapital: intakter,
        OverskottPaKapital: overskott,
      });
    const earned = Math.round((person.situation.yearlyIncome * r.int(85, 115)) / 100);
    if (earned > 0) {
      const established = Math.floor(earned / 100) * 100;
      forvarv.push({
        Taxeringsar: taxeringsar,
        SummaInkomstAvTjanst: earned,
        FaststalldForvarvsinkomst: established,
        SlutligSkatt: finalTax(established, overskott, person.situation.pensioner),
      });
    }
  }
  const uppgift: SkvPersonuppgift = {
    IdentitetsbeteckningFysiskPerson: person.personidentitet,
    Fornamn: person.fornamn,
    Efternamn: person.efternamn,
    StatusPersonuppgiftKod: SKV_STATUS.found,
  };
  if (kapital.length > 0) uppgift.Kapitaluppgift = kapital;
  if (forvarv.length > 0) uppgift.Forvarvsinkomstuppgift = forvarv;
  return { PersonuppgiftLista: { Personuppgift: [uppgift] } };
}
