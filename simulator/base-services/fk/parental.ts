import { addDays, addMonths, ageOn, endOfMonth, maxDate, minDate } from '../../domain/dates.ts';
import { createRandom } from '../../domain/random.ts';
import { monthPart, monthStarts, overlaps, paymentDate, weekdaysIn, type Span } from './calendar.ts';
import { bokstavskod, sifferkod } from './codes.ts';
import type { CaseRecord, Child, FkHistory, HistoryContext } from './history.ts';
import { SKATTESATS, foraldrapenningPerDag, sjukpenningPerDag } from './levels.ts';
import { fkPayment, sek, type FkPaymentRecord } from './payments.ts';
import type {
  ForaldrapenningArende,
  ForaldrapenningBeslut,
  LefiPerson,
  TillfalligForaldrapenningArende,
  TillfalligForaldrapenningBeslut,
} from './types.ts';

const FORALDRAPENNING = bokstavskod('FP', 'Föräldrapenning');
const TILLFALLIG = bokstavskod('TFP', 'Tillfällig föräldrapenning');
const NIVA = { S: bokstavskod('S', 'Sjukpenningsnivå'), G: bokstavskod('G', 'Grundnivå') } as const;

function asPerson(child: Child, ctx: HistoryContext): LefiPerson {
  return {
    personnummer: child.personnummer,
    foddes: child.foddes,
    namn: child.namn,
    skyddad: ctx.person.protected,
  };
}

/**
 * Föräldrapenning (FK:FP) for a person on parental leave, for the youngest child: one ongoing case
 * that started 2 to 11 months ago (not before the birth), decided month by month up to next month
 * (parents apply ahead), every weekday at the case's extent; each month paid in the next.
 */
export function parentalBenefit(ctx: HistoryContext): Partial<FkHistory> {
  if (!ctx.person.situation.parentalLeave) return {};
  const random = createRandom(ctx.seed, 'FK:FP');
  const child = ctx.children[ctx.children.length - 1];
  const start = maxDate(
    addDays(ctx.anchor, -random.int(60, 330)),
    child === undefined ? '0000-01-01' : addDays(child.foddes, 1),
  );
  const omfattning = random.pick([
    { taljare: 1, namnare: 1 },
    { taljare: 1, namnare: 1 },
    { taljare: 3, namnare: 4 },
  ]);
  const { belopp, niva } = foraldrapenningPerDag(ctx.sgi);
  const dagBelopp = Math.round((belopp * omfattning.taljare) / omfattning.namnare);
  const span: Span = { from: start, tom: endOfMonth(addMonths(ctx.anchor, 1)) };
  const beslut: ForaldrapenningBeslut[] = [];
  const payments: FkPaymentRecord[] = [];
  for (const m of monthStarts(start, span.tom)) {
    const part = monthPart(m, span);
    if (part === undefined) continue;
    const dagar = weekdaysIn(part);
    if (dagar.length === 0) continue;
    beslut.push({
      fattades: minDate(ctx.today, addDays(m, -createRandom(ctx.seed, 'FK:FP', m).int(3, 20))),
      definitivt: true,
      forman: FORALDRAPENNING,
      period: { fran: part.from, till: part.tom },
      omfattning,
      dagar: dagar.length,
      ersattning: sifferkod(3, 'Vanliga dagar'),
      ersattningsdagar: dagar.map((dag) => ({ dag, niva: NIVA[niva], bruttobelopp: sek(dagBelopp) })),
    });
    if (m < ctx.anchor && overlaps({ from: m, tom: endOfMonth(addMonths(m, 1)) }, ctx.window)) {
      const datum = paymentDate(addMonths(m, 1), createRandom(ctx.seed, 'FK:FP', m).int(18, 27));
      const rows = [
        { forman: FORALDRAPENNING, span: part, brutto: dagBelopp * dagar.length, dagar: dagar.length },
      ];
      payments.push(
        fkPayment({
          groups: ['FK:FP'],
          familj: FORALDRAPENNING,
          datum,
          span: part,
          rows,
          taxRate: SKATTESATS,
        }),
      );
    }
  }
  const arende: ForaldrapenningArende = {
    startades: addDays(start, -random.int(10, 40)),
    aktivt: true,
    avslaget: false,
    grunduppgifter: { barn: child === undefined ? {} : asPerson(child, ctx) },
    beslut,
  };
  return { cases: [{ key: 'foraldrapenningarende', span, arende }], payments };
}

/**
 * Tillfällig föräldrapenning (FK:TFP, vård av barn) for some parents of a child aged 8 months to 11
 * years (more often those on parental leave): in about a third of the months of the last three years,
 * one to three weekdays caring for one of them. One case per child, one decision per spell, each spell
 * paid in the next month.
 */
export function temporaryParentalBenefit(ctx: HistoryContext): Partial<FkHistory> {
  const random = createRandom(ctx.seed, 'FK:TFP');
  if (!random.chance(ctx.person.situation.parentalLeave ? 0.6 : 0.25)) return {};
  const perDag = sjukpenningPerDag(ctx.sgi > 0 ? ctx.sgi : 200_000);
  const spells = new Map<string, TillfalligForaldrapenningBeslut[]>();
  const payments: FkPaymentRecord[] = [];
  for (const m of monthStarts(addMonths(ctx.anchor, -36), addMonths(ctx.anchor, -1))) {
    const r = createRandom(ctx.seed, 'FK:TFP', m);
    const eligible = ctx.children.filter((c) => ageOn(c.foddes, m) < 12 && addMonths(c.foddes, 8) <= m);
    if (eligible.length === 0 || !r.chance(0.33)) continue;
    const child = r.pick(eligible);
    const first = addDays(m, r.int(0, 20));
    const dagar = weekdaysIn({ from: first, tom: minDate(endOfMonth(m), addDays(first, r.int(0, 4))) }).slice(
      0,
      3,
    );
    if (dagar.length === 0) continue;
    const dagSpan = { from: dagar[0] ?? first, tom: dagar[dagar.length - 1] ?? first };
    const beslut: TillfalligForaldrapenningBeslut = {
      fattades: minDate(ctx.today, addDays(dagSpan.tom, r.int(4, 12))),
      definitivt: true,
      forman: TILLFALLIG,
      period: { fran: dagSpan.from, till: dagSpan.tom },
      omfattning: { taljare: 1, namnare: 1 },
      dagar: dagar.length,
      ersattning: sifferkod(1, 'Tillfällig föräldrapenning'),
      bedomdadagar: dagar.map((dag) => ({
        dag,
        bedomtBelopp: sek(perDag),
        inkomsttyp: sifferkod(1, 'A-inkomst'),
        berakningssatt: sifferkod(2, 'Dagberäknad'),
      })),
    };
    spells.set(child.personnummer, [...(spells.get(child.personnummer) ?? []), beslut]);
    if (overlaps({ from: m, tom: endOfMonth(addMonths(m, 1)) }, ctx.window)) {
      const datum = paymentDate(addMonths(m, 1), r.int(18, 27));
      const rows = [
        { forman: TILLFALLIG, span: dagSpan, brutto: perDag * dagar.length, dagar: dagar.length },
      ];
      payments.push(
        fkPayment({
          groups: ['FK:TFP'],
          familj: TILLFALLIG,
          datum,
          span: dagSpan,
          rows,
          taxRate: SKATTESATS,
        }),
      );
    }
  }
  const cases: CaseRecord[] = ctx.children.flatMap((child) => {
    const beslut = spells.get(child.personnummer);
    const first = beslut?.[0]?.period.fran;
    const last = beslut?.[beslut.length - 1]?.period.till;
    if (beslut === undefined || first === undefined || last === undefined) return [];
    const arende: TillfalligForaldrapenningArende = {
      startades: first,
      aktivt: last >= addMonths(ctx.today, -3),
      avslaget: false,
      grunduppgifter: { barn: asPerson(child, ctx) },
      beslut,
    };
    return [{ key: 'tillfalligForaldrapenningarende', span: { from: first, tom: last }, arende }];
  });
  return { cases, payments };
}
