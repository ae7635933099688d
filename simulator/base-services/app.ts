import express, { type Express, type Request, type Response } from 'express';
import { contracts } from '../contracts/registry.ts';
import type { SimContext } from '../domain/context.ts';
import { sendProblem } from '../http/problem.ts';
import { healthFailure } from '../behaviour/health.ts';
import { failureOutcome, healthOutcome, type Outcome } from '../behaviour/outcome.ts';
import { scenarioClock } from '../domain/scenario-clock.ts';
import type { Scenario } from '../scenarios/types.ts';
import { sourceDocument, sourcePayload } from './answer.ts';
import { decide } from './behaviour.ts';
import type { IncomingHttp, IncomingQuery } from './types-incoming.ts';
import type { BaseServiceRequest, SourceModule } from './types.ts';

/** The longest a base service holds a request it was told not to answer (mode timeout). */
export const MAX_HOLD_MS = 5 * 60_000;

/** The request header naming the scenario a call is answered under (else the active scenario). */
export const SCENARIO_HEADER = 'x-ssbtek-scenario';

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

/** Waits `ms`, or less when the client goes away first (the composite gave up); false when it went away. */
function waitOrClose(res: Response, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (res.closed || res.destroyed) return resolve(false);
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

/** Carries out an outcome on the network: hold until the client gives up, reset the connection, or answer. */
async function perform(req: Request, res: Response, outcome: Outcome): Promise<void> {
  switch (outcome.kind) {
    case 'hold':
      await waitOrClose(res, MAX_HOLD_MS);
      if (!res.writableEnded && !res.destroyed) sendProblem(res, { title: 'No answer in time', status: 504 });
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'problem':
      sendProblem(res, outcome.problem);
      return;
    case 'send':
      res.status(outcome.status).type(outcome.contentType).send(outcome.body);
      return;
  }
}

/** The scenario a request is answered under: the one its x-ssbtek-scenario header names, else the active one. */
function scenarioOf(ctx: SimContext, req: Request, res: Response): Scenario | undefined {
  const named = req.get(SCENARIO_HEADER);
  if (named === undefined || named === '') return ctx.scenarios.current();
  const scenario = ctx.scenarios.get(named);
  if (scenario === undefined) {
    sendProblem(res, { title: 'Unknown scenario', status: 404, detail: `the scenario "${named}" named in ${SCENARIO_HEADER} is not loaded` });
  }
  return scenario;
}

/** "Now" on the scenario's clock (fixed, offset from its loading, or real). */
function scenarioNow(ctx: SimContext, scenario: Scenario): Date {
  return scenarioClock(scenario, ctx.clock, ctx.scenarios.loadedAt(scenario.name)).now();
}

/**
 * The HTTP app of one base service: answers its route with the agency's payload document for the
 * scenario in force (the x-ssbtek-scenario header's, else the active one), after the latency the
 * behaviour engine draws, or fails as it decides (see docs/behaviour.md). Never calls listen.
 */
export function createBaseServiceApp(source: SourceModule, ctx: SimContext): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));

  // The source's test service: reflects a live fault or a failure in force for every call right now.
  app.get('/health', async (req, res) => {
    const scenario = scenarioOf(ctx, req, res);
    if (scenario === undefined) return;
    const failure = healthFailure(scenario, source.code, scenarioNow(ctx, scenario), ctx.runtime.liveFault(source.code));
    const outcome = failure === undefined ? undefined : healthOutcome(source.code, failure);
    if (outcome !== undefined) return perform(req, res, outcome);
    res.json({ status: 'ok', source: source.code, scenario: scenario.name });
  });

  app.post(source.routePath, async (req: Request, res: Response) => {
    const scenario = scenarioOf(ctx, req, res);
    if (scenario === undefined) return;
    const http: IncomingHttp = { params: req.params as Record<string, string>, headers: req.headers, body: req.body as unknown };
    const incoming = source.parseIncoming ? source.parseIncoming(http, scenario) : parseJsonQuery(http);
    if (!incoming.ok) {
      res.status(incoming.status).type(incoming.contentType).send(incoming.body);
      return;
    }
    const now = scenarioNow(ctx, scenario);
    const callNumber = ctx.runtime.nextCall(scenario.name, source.code);
    const decision = decide(scenario, source.code, incoming.request.personidentitet, callNumber, now, ctx.runtime.liveFault(source.code));
    if (!(await waitOrClose(res, decision.latencyMs))) return;
    const payload = (): unknown => sourcePayload(source, scenario, incoming.request, now, incoming.fk);
    if (decision.failure !== undefined) return perform(req, res, failureOutcome(source, decision.failure, payload));
    res.status(200).type(source.mediaType).send(sourceDocument(source, payload()));
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
