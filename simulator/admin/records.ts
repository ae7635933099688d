import type { Request, Response, Router } from 'express';
import { sendProblem } from '../http/problem.ts';
import type { AdminDeps, HistoryFilter } from './deps.ts';
import { defaultCsv, defaultJsonLines } from './formats.ts';
import { QueryReader } from './query.ts';
import { scenarioNow } from './scenario-now.ts';

const HISTORY_PARAMS = ['caseworker', 'personidentitet', 'arendeidentitet', 'municipality', 'from', 'to', 'limit', 'offset', 'format'] as const;
const TEXT_FILTERS = ['caseworker', 'personidentitet', 'arendeidentitet', 'municipality'] as const;

function notConfigured(res: Response, what: string): void {
  sendProblem(res, { title: 'Not configured', status: 501, detail: `This simulator was started without a ${what}.` });
}

function badQuery(res: Response, query: QueryReader): boolean {
  if (query.problems.length === 0) return false;
  sendProblem(res, { title: 'Bad query', status: 400, detail: query.problems.map((p) => `${p.path}: ${p.message}`).join('; '), errors: query.problems });
  return true;
}

/** A file name for a download: behandlingshistorik-20261127T100000Z.csv. */
function downloadName(now: Date, ext: string): string {
  return `behandlingshistorik-${now.toISOString().replace(/[-:]|\.\d+/g, '')}.${ext}`;
}

/** GET /history (JSON, JSON Lines or CSV) and GET /journal. */
export function registerRecordRoutes(router: Router, deps: AdminDeps): void {
  router.get('/history', (req: Request, res: Response) => {
    const query = new QueryReader(req.query, HISTORY_PARAMS);
    const filter: HistoryFilter = { limit: query.int('limit', 1, 10_000, 100), offset: query.int('offset', 0, Number.MAX_SAFE_INTEGER, 0) };
    for (const name of TEXT_FILTERS) {
      const v = query.text(name);
      if (v !== undefined) filter[name] = v;
    }
    const from = query.instant('from');
    const to = query.instant('to');
    if (from !== undefined) filter.from = from.toISOString();
    if (to !== undefined) filter.to = to.toISOString();
    if (from !== undefined && to !== undefined && from > to) query.problems.push({ path: 'from', message: 'must not be after to' });
    const format = query.oneOf('format', ['json', 'jsonl', 'csv'] as const) ?? 'json';
    if (badQuery(res, query)) return;
    const history = deps.history;
    if (history === undefined) {
      notConfigured(res, 'processing history (behandlingshistorik)');
      return;
    }
    history.prune?.(deps.store.current().history.retentionHours);
    const entries = history.query(filter);
    if (format === 'json') {
      res.json({ entries, limit: filter.limit, offset: filter.offset });
      return;
    }
    const csv = format === 'csv';
    res.attachment(downloadName(scenarioNow(deps), csv ? 'csv' : 'jsonl'));
    res.type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    if (csv) res.send(deps.toCsv ? deps.toCsv(entries) : defaultCsv(entries));
    else res.send(deps.toJsonLines ? deps.toJsonLines(entries) : defaultJsonLines(entries));
  });

  router.get('/journal', (req: Request, res: Response) => {
    const query = new QueryReader(req.query, ['since', 'limit']);
    const limit = query.int('limit', 1, 10_000, 100);
    const since = query.text('since') === undefined ? undefined : query.int('since', 0, Number.MAX_SAFE_INTEGER, 0);
    if (badQuery(res, query)) return;
    if (deps.journal === undefined) {
      notConfigured(res, 'request journal');
      return;
    }
    res.json({ entries: deps.journal.list(since === undefined ? { limit } : { since, limit }) });
  });
}
