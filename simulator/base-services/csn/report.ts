import type { WeekSpan } from './calendar.ts';
import { csnDate, csnWeek } from './calendar.ts';
import type { AmountLine, CaseKind, CaseRecord, Grant, Payment } from './history.ts';
import type { CsnArendeStatus, CsnBeloppen, CsnHutArende, CsnStudieArende, CsnUtbetalning } from './types.ts';

/** The period asked about, in ISO dates. */
export interface Period {
  fromDatum: string;
  tomDatum: string;
}

/** The cases of each kind that the answer reports, oldest first (at most ten of each: the latest). */
export interface ReportedCases {
  Studiemedel: CsnStudieArende[];
  Studiehjalp: CsnStudieArende[];
  HemutrustningsLan: CsnHutArende[];
  Studiestartsstod: CsnStudieArende[];
  Omstallningsstudiestod: CsnStudieArende[];
}

/** The XSD allows at most ten Arende of each kind. */
export const MAX_ARENDEN = 10;

function overlaps(weeks: WeekSpan, period: Period): boolean {
  return weeks.from <= period.tomDatum && weeks.to >= period.fromDatum;
}

function inside(date: string, period: Period): boolean {
  return date >= period.fromDatum && date <= period.tomDatum;
}

function total(lines: AmountLine[]): string {
  return String(lines.reduce((sum, l) => sum + l.totbelopp, 0));
}

function beloppen(lines: AmountLine[]): CsnBeloppen {
  if (lines.length === 0) return {};
  return {
    Belopp: lines.map((l) => ({
      beloppstyp: l.beloppstyp,
      klartext: l.klartext,
      belopp: String(l.belopp),
      totbelopp: String(l.totbelopp),
    })),
  };
}

function utbetalning(payment: Payment, today: string): CsnUtbetalning {
  const weeks =
    payment.weeks === undefined
      ? {}
      : { startvecka: csnWeek(payment.weeks.from), slutvecka: csnWeek(payment.weeks.to) };
  const sum = total(payment.amounts);
  return {
    utbetdatum: csnDate(payment.date),
    utbetstatus: payment.date <= today ? 'Utbetald' : 'Planerad',
    Utbetaldatider: { Utbetaldtid: [{ ...weeks, Beloppen: beloppen(payment.amounts), totbelopp: sum }] },
    totbelopp: sum,
  };
}

function status(c: CaseRecord, today: string): CsnArendeStatus {
  return c.ends < today ? 'AVSLUTAT' : 'BESLUTAT';
}

function plan(c: CaseRecord, period: Period, today: string): CsnStudieArende['UtbetalningsPlan'] {
  const paid = c.payments.filter((p) => inside(p.date, period)).map((p) => utbetalning(p, today));
  return paid.length === 0 ? {} : { Utbetalning: paid };
}

function studieArende(c: CaseRecord, period: Period, today: string): CsnStudieArende | undefined {
  const grants = c.grants.filter((g) => overlaps(g.weeks, period));
  const payments = plan(c, period, today);
  if (grants.length === 0 && payments.Utbetalning === undefined) return undefined;
  const applied = grants.filter(
    (g): g is Grant & Required<Pick<Grant, 'application'>> => g.application !== undefined,
  );
  return {
    lopnummer: c.lopnummer,
    stodform: c.stodform,
    klartext: c.klartext,
    status: status(c, today),
    soktaTider:
      applied.length === 0
        ? {}
        : {
            soktTid: applied.map((g) => ({
              soktfrom: csnDate(g.weeks.from),
              sokttom: csnDate(g.weeks.to),
              soktomfattning: g.takt,
              ...(g.application.loan ? { soktlan: 'J' as const } : {}),
            })),
          },
    BeviljadeTider:
      grants.length === 0
        ? {}
        : {
            BeviljadTid: grants.map((g) => ({
              starttid: csnWeek(g.weeks.from),
              sluttid: csnWeek(g.weeks.to),
              takt: g.takt,
              Beloppen: beloppen(g.amounts),
              totbelopp: total(g.amounts),
            })),
          },
    UtbetalningsPlan: payments,
  };
}

function hutArende(c: CaseRecord, period: Period, today: string): CsnHutArende | undefined {
  const payments = plan(c, period, today);
  if (payments.Utbetalning === undefined) return undefined;
  const arende: CsnHutArende = {
    lopnummer: c.lopnummer,
    stodform: c.stodform,
    klartext: c.klartext,
    status: status(c, today),
    UtbetalningsPlan: payments,
  };
  return c.medlanare === undefined ? arende : { ...arende, medlanare: c.medlanare };
}

function latest<T>(items: (T | undefined)[]): T[] {
  return items.filter((i): i is T => i !== undefined).slice(-MAX_ARENDEN);
}

/**
 * What the answer reports of the history for a period: each case with a granted period overlapping
 * it or a payment inside it, with only those granted periods and only those payments.
 */
export function reportCases(history: CaseRecord[], period: Period, today: string): ReportedCases {
  const of = (kind: CaseKind): CaseRecord[] => history.filter((c) => c.kind === kind);
  const studies = (kind: CaseKind): CsnStudieArende[] =>
    latest(of(kind).map((c) => studieArende(c, period, today)));
  return {
    Studiemedel: studies('Studiemedel'),
    Studiehjalp: studies('Studiehjalp'),
    HemutrustningsLan: latest(of('HemutrustningsLan').map((c) => hutArende(c, period, today))),
    Studiestartsstod: studies('Studiestartsstod'),
    Omstallningsstudiestod: studies('Omstallningsstudiestod'),
  };
}
