import type { GenerateInput } from '../types.ts';
import { activitySupport } from './activity.ts';
import { childAllowance, maintenanceSupport } from './children.ts';
import { housingAllowance } from './housing.ts';
import { sgiHistory, studentAidNotices } from './other-information.ts';
import { parentalBenefit, temporaryParentalBenefit } from './parental.ts';
import { pension } from './pension.ts';
import { sickness } from './sickness.ts';
import type { Span } from './calendar.ts';
import { historyContext } from './context.ts';
import { emptyHistory, mergeInto, type FkHistory, type HistoryContext } from './history.ts';
import { personinformation } from './person-info.ts';
import { askedBy } from './query.ts';
import { assemble } from './report.ts';
import type { FkPayload } from './types.ts';

/** The builders of a person's history, one per benefit (or family of benefits), in a fixed order. */
const BUILDERS: readonly ((ctx: HistoryContext) => Partial<FkHistory>)[] = [
  sickness,
  parentalBenefit,
  temporaryParentalBenefit,
  childAllowance,
  maintenanceSupport,
  housingAllowance,
  activitySupport,
  pension,
  sgiHistory,
  studentAidNotices,
];

function askedPeriod(input: GenerateInput): Span {
  return { from: input.request.tidsperiod.fromDatum, tom: input.request.tidsperiod.tomDatum };
}

/**
 * LEFI's answer for a person Försäkringskassan and Pensionsmyndigheten know: the person's benefit
 * history (from `situation`: sickLeave, parentalLeave, children, housingAllowance, activitySupport,
 * pensioner, student and the SGI from yearlyIncome), reported for the lists asked in the LEFI query
 * (`input.fk.lefiJsonFraga`; every list when there is none) and the asked period.
 */
export function generateFk(input: GenerateInput): FkPayload {
  const ctx = historyContext(input);
  const history = emptyHistory();
  for (const build of BUILDERS) mergeInto(history, build(ctx));
  return assemble(
    askedBy(input.fk?.lefiJsonFraga),
    history,
    askedPeriod(input),
    input.today,
    personinformation(ctx),
  );
}

/** LEFI's answer for a person it does not know: the asked lists, all empty. Not an error. */
export function noDataFk(input: GenerateInput): FkPayload {
  return assemble(
    askedBy(input.fk?.lefiJsonFraga),
    emptyHistory(),
    askedPeriod(input),
    input.today,
    undefined,
  );
}
