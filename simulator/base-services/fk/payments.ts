import { bokstavskod, sifferkod, type Group } from './codes.ts';
import type { Belopp, Bokstavskod, UtbetalningDetalj, UtbetalningUppgift } from './types.ts';
import type { Span } from './calendar.ts';

export function sek(summa: number): Belopp {
  return { summa, valuta: 'SEK' };
}

/** One compensation row of a payment. */
export interface PaymentRow {
  forman: Bokstavskod;
  span: Span;
  brutto: number;
  dagar?: number;
}

/** An FK-model payment and the benefit groups it answers for (asked in utbetalningar or preliminaraUtbetalningar). */
export interface FkPaymentRecord {
  groups: readonly Group[];
  uppgift: UtbetalningUppgift;
}

const PRELIMINAR_SKATT = bokstavskod('PS', 'Preliminär skatt');
const FORETAG = {
  FK: sifferkod(1001, 'Försäkringskassan'),
  PM: sifferkod(1003, 'Pensionsmyndigheten'),
} as const;

/**
 * A monthly payment in FK's model: one row per compensation, a preliminary-tax row when taxed, and
 * the totals (avdragsbelopp includes the tax, as LEFI counts tax as a deduction).
 */
export function fkPayment(opts: {
  groups: readonly Group[];
  familj: Bokstavskod;
  datum: string;
  span: Span;
  rows: PaymentRow[];
  taxRate: number;
  foretag?: 'FK' | 'PM';
}): FkPaymentRecord {
  const brutto = opts.rows.reduce((sum, r) => sum + r.brutto, 0);
  const skatt = Math.round(brutto * opts.taxRate);
  const detaljer: UtbetalningDetalj[] = opts.rows.map((r) => {
    const detalj: UtbetalningDetalj = {
      forman: r.forman,
      period: { fran: r.span.from, till: r.span.tom },
      beloppstyp: r.forman,
    };
    if (r.dagar !== undefined) detalj.dagar = r.dagar;
    detalj.bruttobelopp = sek(r.brutto);
    return detalj;
  });
  if (skatt > 0)
    detaljer.push({
      forman: opts.familj,
      period: { fran: opts.span.from, till: opts.span.tom },
      beloppstyp: PRELIMINAR_SKATT,
      skattebelopp: sek(skatt),
    });
  return {
    groups: opts.groups,
    uppgift: {
      typ: sifferkod(1, 'Månad'),
      foretag: FORETAG[opts.foretag ?? 'FK'],
      formansfamilj: opts.familj,
      datum: opts.datum,
      period: { fran: opts.span.from, till: opts.span.tom },
      bruttobelopp: sek(brutto),
      skattebelopp: sek(skatt),
      avdragsbelopp: sek(skatt),
      nettobelopp: sek(brutto - skatt),
      utbetalningsdetalj: detaljer,
    },
  };
}
