import express, { type Express, type Request, type Response } from 'express';
import { contracts } from '../contracts/registry.ts';
import type { SimContext } from '../domain/context.ts';
import { sendProblem } from '../http/problem.ts';
import { sourcePayload } from './answer.ts';
import { planBehaviour, technicalErrorOf } from './behaviour.ts';
import type { IncomingHttp, IncomingQuery } from './types-incoming.ts';
import type { BaseServiceRequest, SourceModule } from './types.ts';

/** The longest a base service holds a request it was told not to answer (mode timeout). */
export const MAX_HOLD_MS = 5 * 60_000;

/** Reads the default base-service query: a JSON body valid by contracts/base-services/request.schema.json. */
export function parseJsonQuery(http: IncomingHttp): IncomingQuery {
  const problems = contracts().check('base-services/request.schema.json', http.body);
  if (problems.length === 0) return { ok: true, request: http.body as BaseServiceRequest };
  return {
    ok: false,
    status: 400,
    contentType: 'application/problem+json',
    body: JSON.stringify({
      type: 'about:blank',
      title: 'Invalid base-service query',
      status: 400,
      detail: problems.map((p) => `${p.path} ${p.message}`).join('; '),
      errors: problems,
    }),
  };
}

/** Waits `ms`, or less when the client goes away first (the composite gave up). */
function waitOrClose(res: Response, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (ms <= 0) return resolve(true);
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    res.once('close', onClose);
  });
}

/**
 * The HTTP app of one base service: answers its route with the agency's payload document for the
 * scenario in force, after the scenario's latency, or fails as the scenario says. Never calls listen.
 */
export function createBaseServiceApp(source: SourceModule, ctx: SimContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));

  // The source's test service: reflects a failure the scenario sets for every person.
  app.get('/health', async (_req, res) => {
    const scenario = ctx.scenarios.current();
    const failure = scenario.sources[source.code]?.failures.find((f) => f.when.personas === undefined);
    if (failure !== undefined) {
      if (failure.mode === 'timeout') {
        await waitOrClose(res, MAX_HOLD_MS);
        if (!res.writableEnded && !res.destroyed) sendProblem(res, { title: 'No answer in time', status: 504 });
        return;
      }
      const { felkod, felmeddelande } = technicalErrorOf(source.code, failure);
      sendProblem(res, { title: 'Base service failing', status: 503, felkod, felmeddelande: [felmeddelande] });
      return;
    }
    res.json({ status: 'ok', source: source.code, scenario: scenario.name });
  });

  app.post(source.routePath, async (req: Request, res: Response) => {
    const scenario = ctx.scenarios.current();
    const http: IncomingHttp = { params: req.params as Record<string, string>, headers: req.headers, body: req.body as unknown };
    const incoming = source.parseIncoming ? source.parseIncoming(http, scenario) : parseJsonQuery(http);
    if (!incoming.ok) {
      res.status(incoming.status).type(incoming.contentType).send(incoming.body);
      return;
    }
    const plan = planBehaviour(scenario, source.code, incoming.request.personidentitet);
    if (!(await waitOrClose(res, plan.latencyMs))) return;
    if (plan.failure?.mode === 'timeout') {
      await waitOrClose(res, MAX_HOLD_MS);
      if (!res.writableEnded && !res.destroyed) sendProblem(res, { title: 'No answer in time', status: 504 });
      return;
    }
    if (plan.failure?.mode === 'technical-error') {
      const { felkod, felmeddelande } = technicalErrorOf(source.code, plan.failure);
      sendProblem(res, { title: 'Technical error in the base service', status: 500, felkod, felmeddelande: [felmeddelande] });
      return;
    }
    const payload = sourcePayload(source, scenario, incoming.request, ctx.clock.now(), incoming.fk);
    res.status(200).type(source.mediaType).send(source.toDocument(payload));
  });

  app.use((req: Request, res: Response) => {
    sendProblem(res, { title: 'Not found', status: 404, detail: `${req.method} ${req.path} is not served by the ${source.code} base service (POST ${source.routePath})` });
  });
  app.use((err: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    const e = err as { status?: number; type?: string; message?: string };
    if (e.type === 'entity.parse.failed') {
      sendProblem(res, { title: 'Malformed JSON body', status: 400, detail: e.message ?? 'the body is not valid JSON' });
      return;
    }
    sendProblem(res, { title: 'Internal error', status: 500, detail: 'the base service failed; see its log' });
    console.error(`[${source.code}] internal error:`, err);
  });
  return app;
}
