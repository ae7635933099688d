import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express, type Request, type Response } from 'express';
import type { SimContext } from '../domain/context.ts';
import { sendProblem } from '../http/problem.ts';
import { healthFailure } from '../behaviour/health.ts';
import { failureOutcome, healthOutcome, type Outcome } from '../behaviour/outcome.ts';
import { scenarioClock } from '../domain/scenario-clock.ts';
import type { Scenario } from '../scenarios/types.ts';
import { sourceAnswer, sourcePayload } from './answer.ts';
import { decide } from './behaviour.ts';
import { checkContract } from './checks.ts';
import { CALL_STARTED_HEADER, waitStartOf } from './call-start.ts';
import { adopt as adoptInto, takeFirst } from '../http/express-lean.ts';
import { readBody } from '../http/plain-body.ts';
import { BODY_LIMIT_BYTES, compileRoute, leanBodyLength, parseBodyRemembered, utf8Text } from './lean-http.ts';
import type { IncomingHttp, IncomingQuery } from './types-incoming.ts';
import type { BaseServiceRequest, SourceModule } from './types.ts';

/** The longest a base service holds a request it was told not to answer (mode timeout). */
export const MAX_HOLD_MS = 5 * 60_000;

/** The request header naming the scenario a call is answered under (else the active scenario). */
export const SCENARIO_HEADER = 'x-ssbtek-scenario';

/**
 * Reads the default base-service query: a JSON body valid by contracts/base-services/request.schema.json.
 * (The check of a frozen body, as the lean path gives, is remembered: see checkContract.)
 */
export function parseJsonQuery(http: IncomingHttp): IncomingQuery {
  const problems = checkContract('base-services/request.schema.json', http.body);
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
function waitOrClose(res: ServerResponse, ms: number): Promise<boolean> {
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

/** The scenario a request is answered under: the one its x-ssbtek-scenario header names, else the active one; undefined when not loaded. */
function scenarioNamed(ctx: SimContext, named: string | string[] | undefined): Scenario | undefined {
  if (named === undefined || named === '') return ctx.scenarios.current();
  return ctx.scenarios.get(String(named));
}

function unknownScenario(res: Response, named: string | string[] | undefined): void {
  sendProblem(res, { title: 'Unknown scenario', status: 404, detail: `the scenario "${String(named)}" named in ${SCENARIO_HEADER} is not loaded` });
}

/** "Now" on the scenario's clock (fixed, offset from its loading, or real). */
function scenarioNow(ctx: SimContext, scenario: Scenario): Date {
  return scenarioClock(scenario, ctx.clock, ctx.scenarios.loadedAt(scenario.name)).now();
}

/**
 * Takes a request on the lean path when it is the query route (`path`: the request target below the
 * app's mount point) with a body the lean path reads; false when express must handle it.
 */
export type LeanEntry = (req: IncomingMessage, res: ServerResponse, path: string) => boolean;

const leanEntries = new WeakMap<object, LeanEntry>();

/** The lean path of an app made by createBaseServiceApp (for a dispatcher in front of several), else undefined. */
export function leanEntryOf(app: object): LeanEntry | undefined {
  return leanEntries.get(app);
}

/**
 * The HTTP app of one base service: answers its route with the agency's payload document for the
 * scenario in force (the x-ssbtek-scenario header's, else the active one), after the latency the
 * behaviour engine draws, or fails as it decides (see docs/behaviour.md). Never calls listen.
 *
 * The query route in its exact spelling, with a UTF-8 JSON body of declared length within the limit
 * (every call the composite makes), is served without express's router and body parser, and its
 * 200 answer is written from bytes and headers made once per cached payload (issue 7). Everything
 * else (health, 404, other spellings, content types, encodings and sizes) goes through express as
 * before; the answers are the same either way (test/base-services/lean-path.test.ts).
 */
export interface BaseServiceAppOptions {
  /** Monotonic milliseconds, for the latency's deadline (performance.now by default; the composite's own in one process). */
  monotonic?: () => number;
  /**
   * Count a call's latency from the composite's stamp (x-ssbtek-call-started, see call-start.ts) rather
   * than from the request's arrival: only for the in-process base services the composite calls, which
   * share its monotonic clock.
   */
  countFromCallStart?: boolean;
}

export function createBaseServiceApp(source: SourceModule, ctx: SimContext, options: BaseServiceAppOptions = {}): Express {
  const monotonic = options.monotonic ?? (() => performance.now());
  const countFromCallStart = options.countFromCallStart === true;
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] }));

  const adopt = (req: IncomingMessage, res: ServerResponse): { req: Request; res: Response } => adoptInto(app, req, res);

  /** As the error handler below: 500 problem+json and the error in the log (the connection is cut when the answer has begun). */
  const internalError = (req: IncomingMessage, res: ServerResponse, err: unknown): void => {
    console.error(`[${source.code}] internal error:`, err);
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    sendProblem(adopt(req, res).res, { title: 'Internal error', status: 500, detail: 'the base service failed; see its log' });
  };

  /**
   * The query route after the body is read: scenario, query, decision, latency, then the answer or the
   * failure. The latency runs from `arrived` (or the composite's stamp; see BaseServiceAppOptions), and a
   * data answer is made before the wait, so that the delay the caller sees is the one drawn.
   */
  const answerQuery = async (req: IncomingMessage, res: ServerResponse, params: Record<string, string>, body: unknown, arrived: number): Promise<void> => {
    const named = req.headers[SCENARIO_HEADER];
    const scenario = scenarioNamed(ctx, named);
    if (scenario === undefined) return unknownScenario(adopt(req, res).res, named);
    const http: IncomingHttp = { params, headers: req.headers, body };
    const incoming = source.parseIncoming ? source.parseIncoming(http, scenario) : parseJsonQuery(http);
    if (!incoming.ok) {
      adopt(req, res).res.status(incoming.status).type(incoming.contentType).send(incoming.body);
      return;
    }
    const now = scenarioNow(ctx, scenario);
    const callNumber = ctx.runtime.nextCall(scenario.name, source.code);
    const decision = decide(scenario, source.code, incoming.request.personidentitet, callNumber, now, ctx.runtime.liveFault(source.code));
    const due = (countFromCallStart ? waitStartOf(req.headers[CALL_STARTED_HEADER], arrived) : arrived) + decision.latencyMs;
    const payload = (): unknown => sourcePayload(source, scenario, incoming.request, now, incoming.fk);
    if (decision.failure !== undefined) {
      if (!(await waitOrClose(res, due - monotonic()))) return;
      const adopted = adopt(req, res);
      return perform(adopted.req, adopted.res, failureOutcome(source, decision.failure, payload));
    }
    let answer: ReturnType<typeof sourceAnswer> | undefined;
    let failed: { error: unknown } | undefined;
    try {
      answer = sourceAnswer(source, payload());
    } catch (error) {
      failed = { error }; // an internal error still comes after the delay, as every outcome does
    }
    if (!(await waitOrClose(res, due - monotonic()))) return;
    if (answer === undefined) throw failed?.error;
    res.writeHead(200, answer.headers as string[]);
    res.end(answer.body);
  };

  // The lean path: the exact route, a body express.json would read as UTF-8 JSON within the limit.
  const matchRoute = compileRoute(source.routePath);
  const lean = async (req: IncomingMessage, res: ServerResponse, params: Record<string, string>): Promise<void> => {
    const arrived = monotonic();
    try {
      const raw = await readBody(req);
      if (raw === undefined) return internalError(req, res, new Error('request aborted'));
      const parsed = parseBodyRemembered(utf8Text(raw));
      if (!parsed.ok) return sendProblem(adopt(req, res).res, { title: 'Malformed JSON body', status: 400, detail: parsed.message });
      await answerQuery(req, res, params, parsed.value, arrived);
    } catch (err) {
      internalError(req, res, err);
    }
  };
  const take: LeanEntry = (req, res, path) => {
    const params = req.method === 'POST' ? matchRoute(path) : undefined;
    if (params === undefined || leanBodyLength(req) === undefined) return false;
    void lean(req, res, params);
    return true;
  };
  leanEntries.set(app, take);
  takeFirst(app, (req, res) => take(req, res, req.url ?? ''));

  // The source's test service: reflects a live fault or a failure in force for every call right now.
  app.get('/health', async (req, res) => {
    const named = req.get(SCENARIO_HEADER);
    const scenario = scenarioNamed(ctx, named);
    if (scenario === undefined) return unknownScenario(res, named);
    const failure = healthFailure(scenario, source.code, scenarioNow(ctx, scenario), ctx.runtime.liveFault(source.code));
    const outcome = failure === undefined ? undefined : healthOutcome(source.code, failure);
    if (outcome !== undefined) return perform(req, res, outcome);
    res.json({ status: 'ok', source: source.code, scenario: scenario.name });
  });

  // The query route in every other spelling express accepts, with the body express.json read.
  app.post(source.routePath, (req: Request, res: Response) => answerQuery(req, res, req.params as Record<string, string>, req.body as unknown, monotonic()));

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
