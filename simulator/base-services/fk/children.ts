import { addDays, addMonths, ageOn, endOfMonth, maxDate, minDate } from '../../domain/dates.ts';
import { createRandom } from '../../domain/random.ts';
import { addYears, monthOf, monthStarts, paymentDate, type Span } from './calendar.ts';
import { bokstavskod, sifferkod } from './codes.ts';
import type { CaseRecord, Child, FkHistory, HistoryContext } from './history.ts';
import { barnbidrag, flerbarnstillagg, underhallsstod } from './levels.ts';
import { fkPayment, sek, type FkPaymentRecord, type PaymentRow } from './payments.ts';
import type {
  BarnbidragArende,
  BarnbidragBeslut,
  LefiPerson,
  UnderhallsstodArende,
  UnderhallsstodBeslut,
} from './types.ts';

const ALLMANT_BARNBIDRAG = bokstavskod('ABB', 'Allmänt barnbidrag');
const BARNBIDRAG = bokstavskod('BB', 'Barnbidrag');
const FLERBARNSTILLAGG = bokstavskod('FTI', 'Flerbarnstillägg');
const UNDERHALLSSTOD = bokstavskod('US', 'Underhållsstöd');
const MANADSVIS = sifferkod(1, 'Månadsvis');
const BARNBIDRAG_HOJT = '2018-03-01';

function asPerson(child: Child, ctx: HistoryContext): LefiPerson {
  return {
    personnummer: child.personnummer,
    foddes: child.foddes,
    namn: child.namn,
    skyddad: ctx.person.protected,
  };
}

/** The months a child has barnbidrag: from the month after birth to the month it turns 16. */
function barnbidragSpan(child: Child): Span {
  return { from: addMonths(monthOf(child.foddes), 1), tom: endOfMonth(addYears(child.foddes, 16)) };
}

/** Periods in which the number of children with barnbidrag is the same, with that number. */
function countSegments(spans: Span[]): { span: Span; count: number }[] {
  const changes = [...new Set(spans.flatMap((s) => [s.from, addDays(s.tom, 1)]))].sort();
  const out: { span: Span; count: number }[] = [];
  for (let i = 0; i + 1 < changes.length; i++) {
    const from = changes[i] as string;
    const span = { from, tom: addDays(changes[i + 1] as string, -1) };
    out.push({ span, count: spans.filter((s) => s.from <= from && from <= s.tom).length });
  }
  return out;
}

/**
 * Barnbidrag (FK:ABB) for every child under 18: one case per child with its decisions (1 050 kr a
 * month before March 2018, 1 250 kr since), flerbarnstillägg decided in the case of the child whose
 * arrival raised it, all paid together on the 20th of each month.
 */
export function childAllowance(ctx: HistoryContext): Partial<FkHistory> {
  if (ctx.children.length === 0) return {};
  const spans = ctx.children.map(barnbidragSpan);
  const cases: CaseRecord[] = ctx.children.map((child, i) => {
    const random = createRandom(ctx.seed, 'FK:ABB', child.personnummer);
    const span = spans[i] as Span;
    const periods =
      span.from < BARNBIDRAG_HOJT && span.tom >= BARNBIDRAG_HOJT
        ? [
            { from: span.from, tom: addDays(BARNBIDRAG_HOJT, -1) },
            { from: BARNBIDRAG_HOJT, tom: span.tom },
          ]
        : [span];
    const beslut: BarnbidragBeslut[] = periods.map((p, n) => ({
      fattades:
        n === 0
          ? addDays(child.foddes, random.int(10, 30))
          : `2018-02-${String(random.int(5, 20)).padStart(2, '0')}`,
      definitivt: true,
      forman: ALLMANT_BARNBIDRAG,
      delforman: BARNBIDRAG,
      periodicitet: MANADSVIS,
      period: { fran: p.from, till: p.tom },
      beslutatBruttobelopp: sek(barnbidrag(p.from)),
      underlag: { skolgang: ageOn(child.foddes, minDate(ctx.today, p.tom)) >= 6, myndighetsplacering: false },
    }));
    const arende: BarnbidragArende = { grunduppgifter: { barn: asPerson(child, ctx) }, beslut };
    return { key: 'barnbidragsarende', span, arende };
  });
  for (const { span, count } of countSegments(spans)) {
    if (count < 2 || span.from > ctx.today) continue;
    const raisedBy = spans.findIndex((s) => s.from === span.from);
    const target = cases[raisedBy >= 0 ? raisedBy : cases.length - 1];
    const beslut = (target?.arende as BarnbidragArende | undefined)?.beslut;
    beslut?.push({
      fattades: minDate(
        ctx.today,
        addDays(span.from, -createRandom(ctx.seed, 'FK:ABB', span.from).int(5, 25)),
      ),
      definitivt: true,
      forman: ALLMANT_BARNBIDRAG,
      delforman: FLERBARNSTILLAGG,
      periodicitet: MANADSVIS,
      period: { fran: span.from, till: span.tom },
      beslutatBruttobelopp: sek(flerbarnstillagg(count)),
    });
  }
  const first = spans.map((s) => s.from).sort()[0] ?? ctx.anchor;
  const payments: FkPaymentRecord[] = monthStarts(
    maxDate(first, ctx.window.from),
    minDate(addMonths(ctx.anchor, 1), ctx.window.tom),
  ).flatMap((m) => {
    const eligible = spans
      .map((s, i) => ({ s, child: ctx.children[i] as Child }))
      .filter(({ s }) => s.from <= m && m <= s.tom);
    if (eligible.length === 0) return [];
    const monthSpan = { from: m, tom: endOfMonth(m) };
    const rows: PaymentRow[] = eligible.map(() => ({
      forman: BARNBIDRAG,
      span: monthSpan,
      brutto: barnbidrag(m),
    }));
    if (eligible.length >= 2)
      rows.push({ forman: FLERBARNSTILLAGG, span: monthSpan, brutto: flerbarnstillagg(eligible.length) });
    return [
      fkPayment({
        groups: ['FK:ABB'],
        familj: ALLMANT_BARNBIDRAG,
        datum: paymentDate(m, 20),
        span: monthSpan,
        rows,
        taxRate: 0,
      }),
    ];
  });
  return { cases, payments };
}

/**
 * Underhållsstöd (FK:US) for some parents: for each child, received from a month between its birth
 * and now until it turns 18, decided per calendar year at the level for its age, paid on the 25th.
 */
export function maintenanceSupport(ctx: HistoryContext): Partial<FkHistory> {
  const random = createRandom(ctx.seed, 'FK:US');
  if (ctx.children.length === 0 || !random.chance(0.35)) return {};
  const decided: { child: Child; beslut: UnderhallsstodBeslut[] }[] = [];
  const cases: CaseRecord[] = ctx.children.flatMap((child) => {
    const r = createRandom(ctx.seed, 'FK:US', child.personnummer);
    const months = monthStarts(addMonths(monthOf(child.foddes), 1), ctx.anchor);
    if (months.length === 0) return [];
    const start = months[r.int(0, months.length - 1)] as string;
    const span = { from: start, tom: endOfMonth(addMonths(addYears(child.foddes, 18), -1)) };
    const beslut: UnderhallsstodBeslut[] = [];
    for (
      let year = Number(start.slice(0, 4));
      `${year}-01-01` <= ctx.today && `${year}-01-01` <= span.tom;
      year++
    ) {
      const from = maxDate(start, `${year}-01-01`);
      const fattades =
        from === start
          ? addDays(start, -r.int(10, 40))
          : `${year - 1}-12-${String(r.int(5, 20)).padStart(2, '0')}`;
      beslut.push({
        fattades,
        definitivt: true,
        forman: UNDERHALLSSTOD,
        periodicitet: MANADSVIS,
        period: { fran: from, till: minDate(span.tom, `${year}-12-31`) },
        beslutatBruttobelopp: sek(underhallsstod(ageOn(child.foddes, from), from)),
        ersattning: sifferkod(1, 'Helt'),
      });
    }
    decided.push({ child, beslut });
    const arende: UnderhallsstodArende = {
      startades: addDays(start, -r.int(20, 60)),
      aktivt: span.tom >= ctx.today,
      avslaget: false,
      grunduppgifter: { barn: asPerson(child, ctx) },
      beslut,
    };
    return [{ key: 'underhallsstodsmottag', span, arende }];
  });
  const payments: FkPaymentRecord[] = monthStarts(
    ctx.window.from,
    minDate(addMonths(ctx.anchor, 1), ctx.window.tom),
  ).flatMap((m) => {
    const monthSpan = { from: m, tom: endOfMonth(m) };
    const rows: PaymentRow[] = decided.flatMap(({ beslut }) => {
      const b = beslut.find((d) => (d.period.fran ?? '') <= m && m <= (d.period.till ?? ''));
      return b === undefined
        ? []
        : [{ forman: UNDERHALLSSTOD, span: monthSpan, brutto: b.beslutatBruttobelopp.summa }];
    });
    if (rows.length === 0) return [];
    return [
      fkPayment({
        groups: ['FK:US'],
        familj: UNDERHALLSSTOD,
        datum: paymentDate(m, 25),
        span: monthSpan,
        rows,
        taxRate: 0,
      }),
    ];
  });
  return { cases, payments };
}
