import { contracts } from '../../contracts/registry.ts';
import { endOfMonth } from '../../domain/dates.ts';
import { OPEN_END, overlaps, within, type Span } from './calendar.ts';
import { FK_GROUP_KEYS, FK_OVRIG_KEYS, isFkGroup, isPmGroup, type PmGroup } from './codes.ts';
import type { FkHistory, PmPaymentRecord } from './history.ts';
import type { FkPaymentRecord } from './payments.ts';
import type { AskedInformation } from './query.ts';
import type {
  FkPayload,
  FranTill,
  Formansinformation,
  Personinformation,
  PmFormanUtbetalning,
  UtlamnareTillstand,
} from './types.ts';

const UTLAMNARE: Record<'FK' | 'PM', UtlamnareTillstand> = {
  FK: {
    utlamnare: { kod: 'FK', namn: 'Försäkringskassan' },
    tillstand: { kod: 'OK', beskrivning: 'Tillgänglig' },
  },
  PM: {
    utlamnare: { kod: 'PM', namn: 'Pensionsmyndigheten' },
    tillstand: { kod: 'OK', beskrivning: 'Tillgänglig' },
  },
};

let keyOrder: readonly string[] | undefined;

/** The lists of FK's model in the order of the contract (so answers read like LEFI's documentation). */
function formansinformationKeys(): readonly string[] {
  keyOrder ??= Object.keys(
    contracts().schema('base-services/fk/formansinformation.schema.json').$defs?.Formansinformation
      ?.properties ?? {},
  );
  return keyOrder;
}

/** A FranTill as a span: YYYY-MM widened to the whole month, an open end to the end of time. */
function spanOf(period: FranTill): Span {
  const from =
    period.fran === undefined ? '0000-01-01' : period.fran.length === 7 ? `${period.fran}-01` : period.fran;
  const tom =
    period.till === undefined
      ? OPEN_END
      : period.till.length === 7
        ? endOfMonth(`${period.till}-01`)
        : period.till;
  return { from, tom };
}

/** A case as reported for a period: only its decisions whose period overlaps the asked one. */
function reportCase(arende: object, period: Span): object {
  const { beslut } = arende as { beslut?: { period?: FranTill }[] };
  if (beslut === undefined) return arende;
  return { ...arende, beslut: beslut.filter((b) => overlaps(spanOf(b.period ?? {}), period)) };
}

function byDatum(a: FkPaymentRecord, b: FkPaymentRecord): number {
  const x = a.uppgift.datum + a.uppgift.formansfamilj.id;
  const y = b.uppgift.datum + b.uppgift.formansfamilj.id;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A PM payment with only the rows and tax of the asked groups, or undefined when none of them is in it. */
function pmPayment(record: PmPaymentRecord, groups: readonly PmGroup[]): PmFormanUtbetalning | undefined {
  const rows = record.rows.filter((r) => groups.includes(r.group)).map((r) => r.rad);
  if (rows.length === 0) return undefined;
  const brutto = rows.reduce((sum, r) => sum + r.belopp, 0);
  const avdrag = groups.flatMap((g) => {
    const tax = record.tax[g] ?? 0;
    return tax > 0 ? [{ belopp: tax, avdragstyp: { kod: 'PM:PS', beskrivning: 'Preliminär skatt' } }] : [];
  });
  const netto = brutto - avdrag.reduce((sum, a) => sum + a.belopp, 0);
  return {
    utbetalningsdatum: record.datum,
    utbetalningsperiod: { from: record.span.from, tom: record.span.tom },
    bruttobelopp: brutto,
    nettobelopp: netto,
    avdrag,
    utbetalningsrader: rows,
  };
}

/** FK's model: the lists of the asked groups and types, each with what overlaps the period (empty when nothing does). */
function formansinformation(
  asked: AskedInformation,
  history: FkHistory,
  period: Span,
  today: string,
  person: Personinformation | undefined,
): Formansinformation {
  const lists = new Map<string, unknown[]>();
  for (const group of asked.formansinformation) {
    for (const key of FK_GROUP_KEYS[group]) {
      lists.set(
        key,
        history.cases
          .filter((c) => c.key === key && overlaps(c.span, period))
          .map((c) => reportCase(c.arende, period)),
      );
    }
  }
  const paymentGroups = (list: readonly string[]): string[] => list.filter(isFkGroup);
  const payments = (groups: string[], effected: boolean): unknown[] =>
    history.payments
      .filter(
        (p) =>
          p.groups.some((g) => groups.includes(g)) &&
          within(p.uppgift.datum, period) &&
          p.uppgift.datum <= today === effected,
      )
      .sort(byDatum)
      .map((p) => p.uppgift);
  const preliminara = paymentGroups(asked.preliminaraUtbetalningar);
  if (preliminara.length > 0) lists.set('preliminarautbetalningar', payments(preliminara, false));
  const effektuerade = paymentGroups(asked.utbetalningar);
  if (effektuerade.length > 0) lists.set('utbetalningsuppgift', payments(effektuerade, true));
  for (const type of asked.ovrigInformation) {
    if (!type.startsWith('FK:')) continue;
    const key = FK_OVRIG_KEYS[type as keyof typeof FK_OVRIG_KEYS];
    if (key === 'generellPersoninformation') lists.set(key, person === undefined ? [] : [person]);
    else
      lists.set(
        key,
        history.ovrig
          .filter((o) => o.key === key && (o.span === undefined || overlaps(o.span, period)))
          .map((o) => o.entry),
      );
  }
  const out: Formansinformation = {};
  for (const key of formansinformationKeys()) {
    const list = lists.get(key);
    if (list !== undefined) out[key] = list;
  }
  return out;
}

/**
 * LEFI's answer to the asked lists over a person's history: the agencies asked (FK for FK: codes, PM
 * for PM: codes, both in state OK), no deviations, FK's model with one list per asked group or type,
 * and PM's lists when asked. Cases and decisions are those overlapping the period; payments those
 * dated in it, effected when dated today or earlier, preliminary when later.
 */
export function assemble(
  asked: AskedInformation,
  history: FkHistory,
  period: Span,
  today: string,
  person: Personinformation | undefined,
): FkPayload {
  const pmPreliminara = asked.preliminaraUtbetalningar.filter(isPmGroup);
  const pmUtbetalningar = asked.utbetalningar.filter(isPmGroup);
  const pmOvrig = asked.ovrigInformation.filter((t) => t.startsWith('PM:'));
  const fkAsked =
    asked.formansinformation.length > 0 ||
    [...asked.preliminaraUtbetalningar, ...asked.utbetalningar].some(isFkGroup) ||
    asked.ovrigInformation.some((t) => t.startsWith('FK:'));
  const pmAsked =
    asked.ansprak.length > 0 ||
    asked.beslut.length > 0 ||
    pmPreliminara.length > 0 ||
    pmUtbetalningar.length > 0 ||
    pmOvrig.length > 0;
  const answer: FkPayload = {
    utlamnare: [...(fkAsked ? [UTLAMNARE.FK] : []), ...(pmAsked ? [UTLAMNARE.PM] : [])],
    avvikelser: {},
  };
  if (fkAsked) answer.formansinformation = formansinformation(asked, history, period, today, person);
  if (asked.ansprak.length > 0)
    answer.ansprak = history.pm.ansprak
      .filter((a) => asked.ansprak.includes(a.group) && overlaps(a.span, period))
      .map((a) => a.entry);
  if (asked.beslut.length > 0)
    answer.beslut = history.pm.beslut
      .filter((b) => asked.beslut.includes(b.group) && overlaps(b.span, period))
      .map((b) => b.entry);
  const pmPayments = (groups: PmGroup[], effected: boolean): PmFormanUtbetalning[] =>
    history.pm.payments
      .filter((p) => within(p.datum, period) && p.datum <= today === effected)
      .flatMap((p) => pmPayment(p, groups) ?? []);
  if (pmPreliminara.length > 0) answer.preliminaraUtbetalningar = pmPayments(pmPreliminara, false);
  if (pmUtbetalningar.length > 0) answer.utbetalningar = pmPayments(pmUtbetalningar, true);
  if (pmOvrig.length > 0)
    answer.ovrigInformation = history.pm.ovrig.filter((o) => pmOvrig.includes(o.type)).map((o) => o.entry);
  return answer;
}
