import express, { type Request, type Response, type Router } from 'express';
import { sendProblem } from '../http/problem.ts';
import type { AdminDeps } from './deps.ts';
import type { InputProblem } from './query.ts';

const OPTIONS = ['faults', 'history', 'journal'] as const;

/** POST /reset: call counters always; live faults, history and journal when asked. */
export function registerResetRoute(router: Router, deps: AdminDeps): void {
  router.post('/reset', express.json({ limit: '10kb' }), (req: Request, res: Response) => {
    const body: unknown = req.body ?? {};
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      sendProblem(res, { title: 'Bad request', status: 400, detail: 'Send JSON {"faults"?: boolean, "history"?: boolean, "journal"?: boolean}, or no body.' });
      return;
    }
    const problems: InputProblem[] = [];
    for (const [k, v] of Object.entries(body)) {
      if (!(OPTIONS as readonly string[]).includes(k)) problems.push({ path: `/${k}`, message: `unknown option (allowed: ${OPTIONS.join(', ')})` });
      else if (typeof v !== 'boolean') problems.push({ path: `/${k}`, message: 'must be true or false' });
    }
    if (problems.length > 0) {
      sendProblem(res, { title: 'Bad request', status: 400, detail: problems.map((p) => `${p.path}: ${p.message}`).join('; '), errors: problems });
      return;
    }
    const asked = body as Partial<Record<(typeof OPTIONS)[number], boolean>>;
    deps.ctx.runtime.reset({ faults: asked.faults === true });
    if (asked.history === true) deps.history?.clear();
    if (asked.journal === true) deps.journal?.clear();
    res.status(204).end();
  });
}
