import type { Request, Response, Router } from 'express';
import { SOURCE_CODES, type SourceCode } from '../domain/sources.ts';
import type { Failure, Notice } from '../scenarios/types.ts';
import type { AdminDeps } from './deps.ts';
import { scenarioNow } from './scenario-now.ts';

/** GET /driftinformation: the notices at the active scenario's now, split into planned ones and the rest (in force). */
export function registerDriftRoute(router: Router, deps: AdminDeps): void {
  router.get('/driftinformation', (_req: Request, res: Response) => {
    const scenario = deps.store.current();
    const now = scenarioNow(deps);
    const liveFaults: Partial<Record<SourceCode, Failure>> = {};
    for (const code of SOURCE_CODES) {
      const fault = deps.ctx.runtime.liveFault(code);
      if (fault !== undefined) liveFaults[code] = fault;
    }
    const active: Notice[] = [];
    const planned: Notice[] = [];
    for (const notice of deps.driftinformation(scenario, now, liveFaults)) (notice.kind === 'planned' ? planned : active).push(notice);
    res.json({ scenario: scenario.name, now: now.toISOString(), active, planned });
  });
}
