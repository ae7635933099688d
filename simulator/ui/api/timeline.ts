import type { Request, RequestHandler, Response } from 'express';
import { timeoutFor } from '../../composite/service.ts';
import { SOURCE_NAMES, type SourceCode } from '../../domain/sources.ts';
import type { HistoryEntry } from '../../history/history-entry.ts';
import { maskPersonidentitet } from '../../history/mask.ts';
import { sendProblem } from '../../http/problem.ts';
import type { UiDeps } from '../router.ts';

/** One asked source in the waterfall. */
export interface TimelineSource {
  code: SourceCode;
  /** The agency (SOURCE_NAMES). */
  name: string;
  outcome: 'data' | 'error';
  /** Who failed, for an error: the composite (SSBT, e.g. a timeout) or the base service (BT). */
  kalla?: 'SSBT' | 'BT';
  felkod?: string;
  /** Whole milliseconds from the query's start to the call and to its end. */
  startedMs: number;
  endedMs: number;
  /** How long the composite waits for this source under the entry's scenario; null when that scenario is no longer loaded. */
  timeoutMs: number | null;
}

/** The body of GET /ui/api/last-query. */
export interface LastQueryBody {
  id: string;
  /** When it was recorded (the scenario's clock). */
  time: string;
  scenario: string;
  via: 'SOAP' | 'JSON';
  result: 'answered' | 'refused';
  /** The whole request's felkod, when refused. */
  felkod?: string;
  korrelationsid?: string;
  /** Masked (birth date kept, last four hidden): the page is open to every client. */
  personidentitet: string;
  /** Whole milliseconds, the whole query. */
  durationMs: number;
  /** The asked sources in contract order (none when refused). */
  sources: TimelineSource[];
}

function timelineOf(ui: UiDeps, entry: HistoryEntry): LastQueryBody {
  const scenario = ui.store.get(entry.scenario);
  const sources = entry.sources.map((s): TimelineSource => {
    const row: TimelineSource = {
      code: s.code,
      name: SOURCE_NAMES[s.code],
      outcome: s.outcome,
      startedMs: s.startedMs,
      endedMs: s.endedMs,
      timeoutMs: null,
    };
    if (s.kalla !== undefined) row.kalla = s.kalla;
    if (s.felkod !== undefined) row.felkod = s.felkod;
    if (scenario !== undefined) row.timeoutMs = timeoutFor(ui.deps, s.code, scenario);
    return row;
  });
  const body: LastQueryBody = {
    id: entry.id,
    time: entry.time,
    scenario: entry.scenario,
    via: entry.via,
    result: entry.result,
    personidentitet: maskPersonidentitet(entry.personidentitet),
    durationMs: entry.durationMs,
    sources,
  };
  if (entry.felkod !== undefined) body.felkod = entry.felkod;
  if (entry.korrelationsid !== undefined) body.korrelationsid = entry.korrelationsid;
  return body;
}

/**
 * GET /ui/api/last-query[?korrelationsid=ID]: the latest query in the processing history (or the latest
 * with that korrelationsid), as a waterfall: each asked source's start, end, outcome and felkod, the
 * composite's timeout towards it, and the whole duration. The caseworker, case and purpose are left
 * out and the personidentitet is masked. 404 problem+json when there is none.
 */
export function createLastQueryHandler(ui: UiDeps): RequestHandler {
  return (req: Request, res: Response) => {
    const param: unknown = (req.query as Record<string, unknown>).korrelationsid;
    if (param !== undefined && typeof param !== 'string') {
      sendProblem(res, {
        title: 'Bad korrelationsid parameter',
        status: 400,
        detail: 'Give ?korrelationsid= at most once.',
      });
      return;
    }
    const history = ui.deps.history;
    const entry =
      param === undefined
        ? history?.query({ limit: 1 })[0]
        : history?.query().find((e) => e.korrelationsid === param);
    if (entry === undefined) {
      const detail =
        param === undefined
          ? 'No query has been recorded in the processing history yet.'
          : `No query with korrelationsid "${param}" is in the processing history.`;
      sendProblem(res, { title: 'No query', status: 404, detail });
      return;
    }
    res.json(timelineOf(ui, entry));
  };
}
