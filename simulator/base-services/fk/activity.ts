import { addDays, addMonths, endOfMonth, maxDate } from '../../domain/dates.ts';
import { programmeCompensation, type ProgrammeCompensation } from '../../domain/person.ts';
import { createRandom } from '../../domain/random.ts';
import { monthPart, monthStarts, overlaps, paymentDate, weekdaysIn, type Span } from './calendar.ts';
import { bokstavskod, sifferkod } from './codes.ts';
import type { FkHistory, HistoryContext } from './history.ts';
import { SKATTESATS } from './levels.ts';
import { fkPayment, sek, type FkPaymentRecord } from './payments.ts';
import type {
  AktivitetsstodArende,
  AktivitetsstodBeslut,
  Bokstavskod,
  ProgramersattningArende,
  ProgramersattningBeslut,
  Programanvisning,
  Sifferkod,
} from './types.ts';

/** Programmes: the action type of aktivitetsstöd and the programme of the referral (LEFI's codes). */
const PROGRAM: readonly { atgardstyp: Sifferkod; program: Sifferkod }[] = [
  {
    atgardstyp: sifferkod(53, 'Jobb och utvecklingsgaranti, fas 1 och 2'),
    program: sifferkod(53, 'Jobb- och utvecklingsgaranti'),
  },
  { atgardstyp: sifferkod(59, 'Arbetslivsintroduktion'), program: sifferkod(59, 'Arbetslivsintroduktion') },
  { atgardstyp: sifferkod(40, 'Arbetspraktik'), program: sifferkod(40, 'Arbetspraktik') },
  { atgardstyp: sifferkod(8, 'AMU-reguljär'), program: sifferkod(8, 'Arbetsmarknadsutbildning') },
];

const AKTIVITETSSTOD = bokstavskod('AS', 'Aktivitetsstöd');

/** The programme of a newly arrived person's establishment (etableringsinsatser). */
const ESTABLISHMENT_PROGRAM = sifferkod(63, 'Etableringsinsatser');

/** How the programme's compensation is paid: its codes (none in the aktivitetsstöd case for etableringsersättning), day rate and tax. */
interface Compensation {
  /** The aktivitetsstöd case's `ersattning` (1 aktivitetsstöd, 3 utvecklingsersättning); undefined: no aktivitetsstöd case. */
  kod?: Sifferkod;
  dag: Bokstavskod;
  perDag: number;
  taxRate: number;
}

/**
 * The compensation of the person's programme (programmeCompensation, the same as Arbetsförmedlingen's
 * decisions): aktivitetsstöd 223 or 365 kr a weekday, taxed; utvecklingsersättning 154 kr, tax-free;
 * etableringsersättning 308 kr, tax-free, paid outside the aktivitetsstöd case.
 */
function compensationOf(kind: ProgrammeCompensation, aktivitetsstodPerDag: number): Compensation {
  switch (kind) {
    case 'Etableringsersättning':
      return { dag: bokstavskod('EE', 'Etableringsersättning'), perDag: 308, taxRate: 0 };
    case 'Utvecklingsersättning':
      return {
        kod: sifferkod(3, 'Utvecklingsersättning'),
        dag: bokstavskod('UE', 'Utvecklingsersättning'),
        perDag: 154,
        taxRate: 0,
      };
    case 'Aktivitetsstöd':
      return {
        kod: sifferkod(1, 'Aktivitetsstöd'),
        dag: AKTIVITETSSTOD,
        perDag: aktivitetsstodPerDag,
        taxRate: SKATTESATS,
      };
  }
}

/** The most days of the job and development guarantee. */
const JOB_MAX_DAGAR = 450;

/**
 * Aktivitetsstöd (FK:AS), paid by Försäkringskassan for Arbetsförmedlingen's programmes: one ongoing
 * case from `timeline.programmeSince` (the day Arbetsförmedlingen's decisions start, inside the
 * registration), applied for 5 to 20 days before (not before `timeline.unemployedSince`). Each month
 * is decided after the activity report (early in the next month), every weekday at the day rate, and
 * paid between the 18th and the 27th. The same history gives the programme compensation (FK:PROG),
 * the referral (FK:PANV) and, in the job and development guarantee, the days used (FK:PJOB). A newly
 * arrived person's etableringsersättning is paid the same way but has no aktivitetsstöd case: only
 * FK:PROG, FK:PANV (programme 63, etableringsinsatser) and the payments.
 */
export function activitySupport(ctx: HistoryContext): Partial<FkHistory> {
  const start = ctx.person.timeline.programmeSince;
  const kind = programmeCompensation(ctx.person);
  if (!ctx.person.situation.activitySupport || start === undefined || kind === undefined) return {};
  const random = createRandom(ctx.seed, 'FK:AS');
  const drawnProgram = random.pick(PROGRAM);
  const ersattning = compensationOf(kind, random.pick([223, 223, 365]));
  const establishment = ersattning.kod === undefined;
  const program = establishment
    ? { atgardstyp: ESTABLISHMENT_PROGRAM, program: ESTABLISHMENT_PROGRAM }
    : drawnProgram;
  const forman = ersattning.dag;
  const planned: Span = { from: start, tom: endOfMonth(addMonths(ctx.anchor, random.int(2, 8))) };
  const applied = addDays(start, -random.int(5, 20));
  const beslut: AktivitetsstodBeslut[] = [];
  const programBeslut: ProgramersattningBeslut[] = [];
  const payments: FkPaymentRecord[] = [];
  for (const m of monthStarts(start, addMonths(ctx.anchor, -1))) {
    const part = monthPart(m, planned);
    const r = createRandom(ctx.seed, 'FK:AS', m);
    const fattades = addDays(addMonths(m, 1), r.int(2, 10));
    if (part === undefined || fattades > ctx.today) continue;
    const dagar = weekdaysIn(part);
    const brutto = ersattning.perDag * dagar.length;
    const common = {
      fattades,
      definitivt: true,
      forman,
      periodicitet: sifferkod(0, 'Ingen'),
      period: { fran: part.from, till: part.tom },
      beslutatBruttobelopp: sek(brutto),
    };
    if (ersattning.kod !== undefined)
      beslut.push({ ...common, dagar: dagar.length, karens: false, ersattning: ersattning.kod });
    programBeslut.push({
      ...common,
      ersattningsdagar: dagar.map((dag) => ({
        dag,
        ersattning: ersattning.dag,
        belopp: sek(ersattning.perDag),
      })),
      ersattning: ersattning.dag,
    });
    if (overlaps({ from: m, tom: endOfMonth(addMonths(m, 1)) }, ctx.window)) {
      const datum = paymentDate(addMonths(m, 1), r.int(18, 27));
      const rows = [{ forman, span: part, brutto, dagar: dagar.length }];
      payments.push(
        fkPayment({
          groups: establishment ? ['FK:PROG'] : ['FK:AS', 'FK:PROG'],
          familj: forman,
          datum,
          span: part,
          rows,
          taxRate: ersattning.taxRate,
        }),
      );
    }
  }
  const span: Span = { from: start, tom: planned.tom };
  const arende: AktivitetsstodArende = {
    startades: maxDate(ctx.person.timeline.unemployedSince ?? applied, applied),
    aktivt: true,
    avslaget: false,
    grunduppgifter: { atgardstyp: program.atgardstyp },
    beslut,
  };
  const programArende: ProgramersattningArende = { beslut: programBeslut };
  const anvisning: Programanvisning = {
    period: { fran: planned.from, till: planned.tom },
    omfattning: { taljare: 1, namnare: 1 },
    program: program.program,
  };
  const part: Partial<FkHistory> = {
    cases: [
      ...(establishment ? [] : [{ key: 'aktivitetsstodsarende', span, arende }]),
      { key: 'programersattningsarende', span, arende: programArende },
    ],
    payments,
    ovrig: [{ key: 'programanvisning', span: planned, entry: anvisning }],
  };
  if (program.program.id === 53) {
    const used = Math.min(JOB_MAX_DAGAR, weekdaysIn({ from: start, tom: ctx.today }).length);
    part.cases?.push({
      key: 'programjobdagar',
      span,
      arende: { antalForbrukade: used, harForbrukatMaxAntal: used >= JOB_MAX_DAGAR },
    });
  }
  return part;
}
