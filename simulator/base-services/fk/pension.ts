import { addDays, addMonths, endOfMonth, maxDate, minDate } from '../../domain/dates.ts';
import { createRandom, hashString } from '../../domain/random.ts';
import { OPEN_END, addYears, monthOf, monthStarts, paymentDate, type Span } from './calendar.ts';
import { bokstavskod, pmGrupp, sifferkod, type PmGroup } from './codes.ts';
import type { FkHistory, HistoryContext, PmPaymentRecord } from './history.ts';
import { SKATTESATS_PENSION } from './levels.ts';
import { fkPayment, sek, type FkPaymentRecord, type PaymentRow } from './payments.ts';
import type {
  AllmanpensionArende,
  AllmanpensionBeslut,
  BostadstillaggArende,
  BostadstillaggBeslut,
  KodBeskrivning,
  PmFormanBeslut,
} from './types.ts';

/** One part of the pension: PM's compensation type, FK's sub-benefit code, and the monthly amount this year. */
interface Part {
  group: PmGroup;
  typ: KodBeskrivning;
  delforman: { id: string; beskrivning: string };
  utbetalningsforman: KodBeskrivning;
  beloppstyp: KodBeskrivning;
  monthly: number;
  taxed: boolean;
}

const MANAD = { kod: 'MANAD', beskrivning: 'Månad' };
const AP38 = { kod: 'PM:AP38', beskrivning: 'Ålderspension' };
const BTP = { kod: 'PM:BTP', beskrivning: 'Bostadstillägg till pensionärer' };
const ALLMAN_PENSION = bokstavskod('AP', 'Allmän pension');
const BOSTADSTILLAGG = bokstavskod('BTP', 'Bostadstillägg till pensionärer');

/** The pension's yearly level: today's amount indexed back about 3 % a year. */
function indexed(amount: number, year: number, thisYear: number): number {
  return Math.round(amount * Math.pow(1.03, year - thisYear));
}

function pmId(prefix: string, ...parts: (string | number)[]): string {
  return `${prefix}-${String(hashString(parts.join('|')) % 100_000_000).padStart(8, '0')}`;
}

/**
 * Allmän pension and bostadstillägg (Pensionsmyndigheten) for a pensioner. The pension started the
 * month after the 65th birthday plus up to two years (or 3 to 24 months ago for a younger persona),
 * at today's monthly amount of a twelfth of the yearly income (inkomstpension, with garantipension
 * for a low one), recalculated every January. A pensioner with a low pension may have bostadstillägg
 * (PM:BTI). Paid on the 18th (the banking day before when it is a weekend). PM's model gets claims,
 * yearly decisions, payments and the pension basis (PM:PU); FK's model (FK:AP, FK:BST, FK:BTI) gets
 * the same history as cases and payments paid by Pensionsmyndigheten (foretag 1003).
 */
export function pension(ctx: HistoryContext): Partial<FkHistory> {
  if (!ctx.person.situation.pensioner) return {};
  const random = createRandom(ctx.seed, 'PM:AP');
  const thisYear = Number(ctx.today.slice(0, 4));
  const regular = addMonths(monthOf(addYears(ctx.person.birthDate, 65)), 1 + random.int(0, 24));
  const start = regular <= ctx.anchor ? regular : addMonths(ctx.anchor, -random.int(3, 24));
  const total = Math.max(9_000, Math.round(ctx.person.situation.yearlyIncome / 12));
  const garanti = total < 14_000 ? Math.round((total * random.int(15, 45)) / 100) : 0;
  const hasBt = total < 16_000 && random.chance(0.6);
  const btStart = hasBt ? minDate(ctx.anchor, addMonths(start, random.int(0, 12))) : undefined;
  const bt = random.int(15, 65) * 100;
  const boendekostnad = random.int(55, 95) * 100;
  const apAnkomst = addDays(start, -random.int(60, 120));
  const btAnkomst = btStart === undefined ? undefined : addDays(btStart, -random.int(20, 60));
  const partsOf = (year: number, month: string): Part[] => {
    const parts: Part[] = [
      {
        group: 'PM:AP',
        typ: { kod: 'PM:IP', beskrivning: 'Inkomstpension' },
        delforman: { id: 'IP', beskrivning: 'Inkomstpension' },
        utbetalningsforman: AP38,
        beloppstyp: { kod: 'PM:IP', beskrivning: 'Inkomstpension' },
        monthly: indexed(total - garanti, year, thisYear),
        taxed: true,
      },
    ];
    if (garanti > 0)
      parts.push({
        group: 'PM:AP',
        typ: { kod: 'PM:GARP', beskrivning: 'Garantipension' },
        delforman: { id: 'GP', beskrivning: 'Garantipension' },
        utbetalningsforman: AP38,
        beloppstyp: { kod: 'PM:GARP', beskrivning: 'Garantipension' },
        monthly: indexed(garanti, year, thisYear),
        taxed: true,
      });
    if (btStart !== undefined && month >= btStart)
      parts.push({
        group: 'PM:BTI',
        typ: { kod: 'PM:BT', beskrivning: 'Bostadstillägg' },
        delforman: { id: 'BT', beskrivning: 'Bostadstillägg' },
        utbetalningsforman: BTP,
        beloppstyp: { kod: 'PM:BTP', beskrivning: 'Bostadstillägg till pensionärer' },
        monthly: indexed(bt, year, thisYear),
        taxed: false,
      });
    return parts;
  };

  const pm: NonNullable<FkHistory['pm']> = { ansprak: [], beslut: [], payments: [], ovrig: [] };
  const apBeslut: AllmanpensionBeslut[] = [];
  const btBeslut: BostadstillaggBeslut[] = [];
  pm.ansprak.push({
    group: 'PM:AP',
    span: { from: start, tom: OPEN_END },
    entry: {
      ansprakid: pmId('AP', ctx.seed, start),
      ankomstdatum: apAnkomst,
      formansgrupp: pmGrupp('PM:AP'),
      yrkadPeriod: { from: start },
    },
  });
  if (btStart !== undefined && btAnkomst !== undefined)
    pm.ansprak.push({
      group: 'PM:BTI',
      span: { from: btStart, tom: OPEN_END },
      entry: {
        ansprakid: pmId('BTI', ctx.seed, btStart),
        ankomstdatum: btAnkomst,
        formansgrupp: pmGrupp('PM:BTI'),
        yrkadPeriod: { from: btStart },
      },
    });
  for (let year = Number(start.slice(0, 4)); year <= thisYear; year++) {
    for (const group of ['PM:AP', 'PM:BTI'] as const) {
      const groupStart = group === 'PM:AP' ? start : btStart;
      if (groupStart === undefined || groupStart > `${year}-12-31`) continue;
      const from = maxDate(groupStart, `${year}-01-01`);
      const span: Span = { from, tom: `${year}-12-31` };
      const parts = partsOf(year, from).filter((p) => p.group === group);
      const r = createRandom(ctx.seed, group, year);
      const beslutsdatum =
        from === groupStart
          ? addDays(groupStart, -r.int(10, 40))
          : `${year - 1}-12-${String(r.int(8, 16)).padStart(2, '0')}`;
      const entry: PmFormanBeslut = {
        beslutsid: pmId(group === 'PM:AP' ? 'BAP' : 'BBT', ctx.seed, group, year),
        beslutsdatum,
        formansgrupp: pmGrupp(group),
        beslutsstatus: { kod: 'SLUTLIGT', beskrivning: 'Slutligt' },
        beslutsutfall: { kod: 'BIFALL', beskrivning: 'Bifall' },
        beslutadErsattning: parts.map((p) => ({
          beslutatBelopp: { belopp: p.monthly, beloppsfrekvens: MANAD },
          period: { from, tom: span.tom },
          ersattningstyp: p.typ,
        })),
        tillagg:
          group === 'PM:AP'
            ? {
                allmanpension: {
                  samordningMedPensionFranAnnatLand: false,
                  anvantCivilstand: ctx.married
                    ? { kod: 'GIFT', beskrivning: 'Gift' }
                    : { kod: 'OGIFT', beskrivning: 'Ogift' },
                },
              }
            : {
                bostadsInkomststod: {
                  berakningsunderlag: {
                    bostadskostnadBrutto: indexed(boendekostnad, year, thisYear),
                    bostadskostnadNettoBt: indexed(boendekostnad - bt, year, thisYear),
                  },
                },
              },
      };
      pm.beslut.push({ group, span, entry });
      for (const p of parts) {
        const fkBeslut = {
          fattades: beslutsdatum,
          definitivt: true,
          forman: group === 'PM:AP' ? ALLMAN_PENSION : BOSTADSTILLAGG,
          delforman: p.delforman,
          periodicitet: sifferkod(1, 'Månadsvis'),
          period: { fran: from, till: span.tom },
          beslutatBruttobelopp: sek(p.monthly),
        };
        if (group === 'PM:AP') apBeslut.push({ ...fkBeslut, omfattning: { taljare: 1, namnare: 1 } });
        else
          btBeslut.push({
            ...fkBeslut,
            underlag: {
              arsbruttokostnad: sek(indexed(boendekostnad, year, thisYear) * 12),
              bostadstillaggsnettokostnad: sek(indexed(boendekostnad - bt, year, thisYear) * 12),
            },
          });
      }
    }
  }

  const payments: FkPaymentRecord[] = [];
  for (const m of monthStarts(
    maxDate(start, ctx.window.from),
    minDate(addMonths(ctx.anchor, 1), ctx.window.tom),
  )) {
    const year = Number(m.slice(0, 4));
    if (year > thisYear) continue;
    const parts = partsOf(year, m);
    const monthSpan = { from: m, tom: endOfMonth(m) };
    const datum = paymentDate(m, 18);
    const tax = Math.round(
      parts.filter((p) => p.taxed).reduce((sum, p) => sum + p.monthly, 0) * SKATTESATS_PENSION,
    );
    const record: PmPaymentRecord = {
      datum,
      span: monthSpan,
      rows: parts.map((p) => ({
        group: p.group,
        rad: {
          formansgrupp: pmGrupp(p.group),
          belopp: p.monthly,
          utbetalningsforman: p.utbetalningsforman,
          beloppstyp: p.beloppstyp,
        },
      })),
      tax: { 'PM:AP': tax },
    };
    pm.payments.push(record);
    const toRows = (ps: Part[]): PaymentRow[] =>
      ps.map((p) => ({
        forman: bokstavskod(p.delforman.id, p.delforman.beskrivning),
        span: monthSpan,
        brutto: p.monthly,
      }));
    const ap = parts.filter((p) => p.group === 'PM:AP');
    const bti = parts.filter((p) => p.group === 'PM:BTI');
    payments.push(
      fkPayment({
        groups: ['FK:AP'],
        familj: ALLMAN_PENSION,
        datum,
        span: monthSpan,
        rows: toRows(ap),
        taxRate: SKATTESATS_PENSION,
        foretag: 'PM',
      }),
    );
    if (bti.length > 0)
      payments.push(
        fkPayment({
          groups: ['FK:BST', 'FK:BTI'],
          familj: BOSTADSTILLAGG,
          datum,
          span: monthSpan,
          rows: toRows(bti),
          taxRate: 0,
          foretag: 'PM',
        }),
      );
  }

  const startYear = Number(start.slice(0, 4));
  pm.ovrig.push({
    type: 'PM:PU',
    entry: {
      informationstyp: { kod: 'PM:PU', beskrivning: 'Pensionsunderlag' },
      pensionsunderlag: {
        intjanandear: [5, 4, 3, 2, 1].map((back) => ({
          artal: String(startYear - back),
          pensionsgrundandeInkomst: indexed(Math.round(total * 12 * 1.7), startYear - back, thisYear),
        })),
      },
    },
  });
  const apArende: AllmanpensionArende = { beslut: apBeslut };
  const cases: FkHistory['cases'] = [
    { key: 'allmanpensionsarende', span: { from: start, tom: `${thisYear}-12-31` }, arende: apArende },
  ];
  if (btStart !== undefined && btAnkomst !== undefined) {
    const btArende: BostadstillaggArende = {
      startades: btAnkomst,
      aktivt: true,
      avslaget: false,
      beslut: btBeslut,
    };
    cases.push({
      key: 'bostadstillaggsarende',
      span: { from: btStart, tom: `${thisYear}-12-31` },
      arende: btArende,
    });
  }
  return { cases, payments, pm };
}
