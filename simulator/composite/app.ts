import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type Request, type Response } from 'express';
import { CONTRACTS_DIR } from '../contracts/registry.ts';
import { RequestFault } from '../faults/soap-fault.ts';
import { adopt, type LeanTake } from '../http/express-lean.ts';
import { readBody, plainBodyLength } from '../http/plain-body.ts';
import { sendProblem } from '../http/problem.ts';
import { maskPersonidentitet, maskPersonidentiteter } from '../history/mask.ts';
import type { QueryResult } from './answer-types.ts';
import type { CheckedQuery } from './query-types.ts';
import { SCENARIO_HEADER, type CompositeDeps } from './service.ts';
import { certificatePart } from './client-certificate.ts';
import { handleHamta, handlePing, resolveScope, type Refusal } from './handle.ts';
import { readQueryXml } from './query-check.ts';
import { answerEnvelopeBytes, faultEnvelope, pingEnvelope, receivedDocuments } from './soap-answer.ts';
import { readSoapRequest, SOAP12_NOT_SUPPORTED, SoapVersionMismatch, type Operation } from './soap-request.ts';
import { decodeBody, mediaTypeOf, type BodyText } from '../xml/body-text.ts';
import { wsdlDocument, xsdDocuments } from './wsdl.ts';

export interface CompositeOptions {
  /** Where the SOAP endpoint is served; default /ssbtek/v10. */
  soapPath?: string;
  /** Logs one line per request (personidentitet masked); default silent. */
  log?: (line: string) => void;
}

const XML_TYPE = 'text/xml; charset=utf-8';

/** The media types the SOAP endpoint reads: SOAP 1.1's text/xml, and application/xml. */
const SOAP_TYPES = ['text/xml', 'application/xml'];
/** SOAP 1.2's media type: answered with a VersionMismatch fault. */
const SOAP12_TYPE = 'application/soap+xml';
const isJsonType = (type: string): boolean => type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);

/** The raw body (express.raw) as bytes; none for a request without a body. */
const bodyBytes = (req: Request): Buffer => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));

/** Why a body could not be decoded, as felkod, message and status (`clientStatus` for bytes that do not decode). */
function undecodable(body: Exclude<BodyText, { ok: true }>, clientStatus: number): Refusal {
  if (body.problem === 'charset') {
    return { felkod: 'SSBT-005', felmeddelande: [`The charset "${body.charset}" in the Content-Type is not one the service knows: send UTF-8.`], httpStatus: 415 };
  }
  return {
    felkod: 'SSBT-001',
    felmeddelande: [`The request body is not valid ${body.charset.toUpperCase()}: the bytes at line ${body.line} (byte ${body.offset}) cannot be decoded.`],
    httpStatus: clientStatus,
  };
}

/** One log line for an answered query: the person masked, each source's outcome. */
function describeQuery(via: string, checked: CheckedQuery, result: QueryResult): string {
  const outcomes = result.outcomes.map((o) => `${o.code}:${'data' in o.result ? 'data' : o.result.error.felkod}`).join(' ');
  return `hamtaBastjanstInformation (${via}) ${maskPersonidentitet(checked.query.generellaFrageparametrar.personidentitet)} ${Math.round(result.durationMs)} ms -> ${outcomes}`;
}

/** Records each request in the journal once its answer is sent (raw body, status, operation, felkod). */
function journalled(deps: CompositeDeps): express.RequestHandler {
  return (req, res, next) => {
    const journal = deps.journal;
    if (journal !== undefined) {
      res.once('finish', () => {
        const body = typeof req.body === 'string' ? req.body : '';
        const felkod = res.locals.felkod as string | undefined;
        const operation = res.locals.operation as string | undefined;
        journal.record({
          method: req.method,
          path: req.originalUrl,
          headers: req.headers,
          body,
          ...(req.socket.remoteAddress === undefined ? {} : { remoteAddress: req.socket.remoteAddress }),
          status: res.statusCode,
          ...(operation === undefined ? {} : { operation }),
          ...(felkod === undefined ? {} : { felkod }),
        });
      });
    }
    next();
  };
}

/** Parses the JSON API's body (read as text so the journal keeps it raw); malformed JSON is SSBT-001. */
function parseJsonText(req: Request, res: Response, next: express.NextFunction): void {
  const text = typeof req.body === 'string' ? req.body : '';
  if (text.trim() === '') {
    res.locals.jsonBody = {};
    next();
    return;
  }
  try {
    res.locals.jsonBody = JSON.parse(text) as unknown;
    next();
  } catch (e) {
    res.locals.felkod = 'SSBT-001';
    sendProblem(res, { title: 'Malformed JSON body', status: 400, detail: (e as Error).message, felkod: 'SSBT-001', felmeddelande: ['The query is not well-formed JSON.'] });
  }
}

/** A refused request over SOAP: a Fault with the contract's detail, Retry-After when unavailable; faultcode soap:VersionMismatch for another SOAP version. */
function sendRefusal(res: Response, r: Refusal, operation: Operation | undefined, log: (line: string) => void, versionMismatch = false): void {
  res.locals.felkod = r.felkod;
  log(`${operation ?? 'SOAP'} refused ${r.felkod}`);
  if (r.retryAfterSeconds !== undefined) res.set('Retry-After', String(r.retryAfterSeconds));
  const fault = faultEnvelope(r.felkod, r.felmeddelande, operation);
  res.status(r.httpStatus).type(XML_TYPE).send(versionMismatch ? fault.replace('<faultcode>soap:Client</faultcode>', '<faultcode>soap:VersionMismatch</faultcode>') : fault);
}

/**
 * Reads the SOAP endpoint's body (raw bytes) into text: text/xml or application/xml, decoded strictly by
 * its charset (default UTF-8). SOAP 1.2's media type is a VersionMismatch; any other type is 415 SSBT-005.
 */
function readSoapBody(log: (line: string) => void): express.RequestHandler {
  return (req, res, next) => {
    const bytes = bodyBytes(req);
    const header = req.get('content-type');
    const type = mediaTypeOf(header);
    // The journal keeps the body as text, whatever is answered below.
    req.body = bytes.toString('utf8');
    if (type === SOAP12_TYPE) {
      sendRefusal(res, { felkod: 'SSBT-002', felmeddelande: [SOAP12_NOT_SUPPORTED], httpStatus: 500 }, undefined, log, true);
      return;
    }
    if (!SOAP_TYPES.includes(type)) {
      res.set('Accept-Post', SOAP_TYPES.join(', '));
      const what = type === '' ? 'The request has no Content-Type' : `Content-Type ${type} is not read here`;
      sendRefusal(res, { felkod: 'SSBT-005', felmeddelande: [`${what}: send a SOAP 1.1 envelope with Content-Type text/xml (or application/xml), charset UTF-8.`], httpStatus: 415 }, undefined, log);
      return;
    }
    const decoded = decodeBody(bytes, header);
    if (!decoded.ok) {
      sendRefusal(res, undecodable(decoded, 500), undefined, log);
      return;
    }
    req.body = decoded.text;
    next();
  };
}

/**
 * Reads the JSON API's body (raw bytes) into text: no body at all is an empty query; a body must be
 * application/json (or another +json type), decoded strictly by its charset (default UTF-8).
 */
function readJsonBody(log: (line: string) => void): express.RequestHandler {
  return (req, res, next) => {
    const bytes = bodyBytes(req);
    const header = req.get('content-type');
    req.body = bytes.toString('utf8');
    if (bytes.length === 0) {
      next();
      return;
    }
    const type = mediaTypeOf(header);
    if (!isJsonType(type)) {
      res.set('Accept-Post', 'application/json');
      const what = type === '' ? 'The request has no Content-Type' : `Content-Type ${type} is not read here`;
      sendProblemRefusal(res, { felkod: 'SSBT-005', felmeddelande: [`${what}: send the query as JSON with Content-Type application/json.`], httpStatus: 415 }, log);
      return;
    }
    const decoded = decodeBody(bytes, header);
    if (!decoded.ok) {
      sendProblemRefusal(res, undecodable(decoded, 400), log);
      return;
    }
    req.body = decoded.text;
    next();
  };
}

/** A refused request over the JSON API: problem+json (400 for the client's faults, else the status). */
function sendProblemRefusal(res: Response, r: Refusal, log: (line: string) => void): void {
  res.locals.felkod = r.felkod;
  log(`JSON refused ${r.felkod}`);
  if (r.retryAfterSeconds !== undefined) res.set('Retry-After', String(r.retryAfterSeconds));
  const status = r.httpStatus === 500 && r.felkod !== 'SSBT-099' && r.serverSide !== true ? 400 : r.httpStatus;
  const title = status === 503 ? 'The service is unavailable' : status === 500 ? 'Internal error' : status === 415 ? 'Unsupported media type' : status === 413 ? 'Request too large' : 'The query was refused';
  sendProblem(res, { title, status, detail: r.felmeddelande.join(' '), felkod: r.felkod, felmeddelande: r.felmeddelande });
}

/** The largest body the SOAP endpoint reads (express.raw's '2mb'). */
const SOAP_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * Takes a request on the composite's lean path when it is a POST to the SOAP endpoint in its exact
 * spelling with a plain body within the limit (http/plain-body.ts); false when express must handle it.
 */
export type LeanSoapEntry = LeanTake;

const leanEntries = new WeakMap<object, LeanSoapEntry>();

/** The lean path of an app made by createCompositeApp, for the app that mounts it (see server.ts). */
export function leanSoapEntryOf(app: object): LeanSoapEntry | undefined {
  return leanEntries.get(app);
}

function internalFault(e: unknown): RequestFault {
  console.error('internal error:', e);
  return new RequestFault('SSBT-099', 'An internal error in the simulator: the request could not be answered. See the simulator\'s log.');
}

/**
 * The composite service's HTTP app: SOAP 1.1 at `soapPath` (both operations, WSDL and XSDs on GET),
 * and the JSON API mirroring both operations under /api/v1. Never calls listen.
 */
export function createCompositeApp(deps: CompositeDeps, options: CompositeOptions = {}): Express {
  const soapPath = options.soapPath ?? '/ssbtek/v10';
  // Every log line is masked: a personidentitet never reaches the plain log.
  const sink = options.log;
  const log = sink === undefined ? () => undefined : (line: string) => sink(maskPersonidentiteter(line));
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // No ETag on answers: nobody revalidates a POST, and express would hash every answer (SHA-1 of ~27 KB) to make one.
  app.set('etag', false);

  app.get(soapPath, (req: Request, res: Response) => {
    const query = req.query as Record<string, unknown>;
    const address = `${req.protocol}://${req.get('host') ?? 'localhost'}${soapPath}`;
    if ('wsdl' in query || 'WSDL' in query) {
      res.type(XML_TYPE).send(wsdlDocument(address));
      return;
    }
    if (typeof query.xsd === 'string') {
      const doc = xsdDocuments(address).get(query.xsd);
      if (doc === undefined) {
        sendProblem(res, { title: 'No such schema', status: 404, detail: `?xsd=${query.xsd} is not served; see ${address}?wsdl` });
        return;
      }
      res.type(XML_TYPE).send(doc);
      return;
    }
    res.type('text/plain').send(`SSBTEK v10 (simulator). POST SOAP 1.1 requests here. WSDL: ${address}?wsdl\n`);
  });

  const journal = journalled(deps);
  const readSoap = readSoapBody(log);
  const answerSoap = async (req: Request, res: Response): Promise<void> => {
    const text = typeof req.body === 'string' ? req.body : '';
    let operation: Operation | undefined;
    try {
      const scope = resolveScope(deps, req.get(SCENARIO_HEADER));
      const soap = readSoapRequest(text);
      operation = soap.operation;
      res.locals.operation = operation;
      if (soap.operation === 'testaBastjanstInformation') {
        const ping = await handlePing(deps, scope);
        if (!ping.ok) return sendRefusal(res, ping.refusal, operation, log);
        log(`testaBastjanstInformation -> ${Object.entries(ping.ping).map(([k, v]) => `${k}:${v?.error ? v.error.felkod : 'ok'}`).join(' ')}`);
        res.status(200).type(XML_TYPE).send(pingEnvelope(ping.ping));
        return;
      }
      const outcome = await handleHamta({ read: () => readQueryXml(soap.content), raw: soap.content, via: 'SOAP', ...certificatePart(req) }, deps, scope);
      if (!outcome.ok) return sendRefusal(res, outcome.refusal, operation, log);
      log(describeQuery('SOAP', outcome.checked, outcome.result));
      res.status(200).type(XML_TYPE).send(answerEnvelopeBytes(outcome.result.answer, deps.modules, receivedDocuments(outcome.result.outcomes)));
    } catch (e) {
      const fault = e instanceof RequestFault ? e : internalFault(e);
      sendRefusal(res, { felkod: fault.felkod, felmeddelande: fault.felmeddelande, httpStatus: fault.httpStatus }, operation, log, e instanceof SoapVersionMismatch);
    }
  };
  app.post(soapPath, express.raw({ type: () => true, limit: SOAP_BODY_LIMIT_BYTES }), journal, readSoap, answerSoap);

  // A body the SOAP endpoint cannot read at all (too large, broken encoding) is still answered as a SOAP Fault.
  const soapBodyError = (err: unknown, _req: Request, res: Response, next: express.NextFunction): void => {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') {
      sendRefusal(res, { felkod: 'SSBT-004', felmeddelande: ['The request is larger than the service accepts (2 MiB).'], httpStatus: 413 }, undefined, log);
      return;
    }
    if (e.type === 'encoding.unsupported') {
      sendRefusal(res, { felkod: 'SSBT-005', felmeddelande: ['The Content-Encoding of the request is not one the service reads: send it uncompressed, or gzip, deflate or br.'], httpStatus: 415 }, undefined, log);
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      sendRefusal(res, { felkod: 'SSBT-001', felmeddelande: ['The request body could not be read.'], httpStatus: 500 }, undefined, log);
      return;
    }
    next(err);
  };
  app.use(soapPath, soapBodyError);

  // The lean path (issue 7): a POST to the SOAP endpoint in its exact spelling with a plain body within the
  // limit skips express's router and body parser; the same steps then run on the same request and response.
  const lean: LeanSoapEntry = (req, res) => {
    if (req.method !== 'POST' || req.url !== soapPath || plainBodyLength(req, SOAP_BODY_LIMIT_BYTES) === undefined) return false;
    const adopted = adopt(app, req, res);
    const failed = (e: unknown): void => {
      if (res.headersSent) return;
      const fault = internalFault(e);
      sendRefusal(adopted.res, { felkod: fault.felkod, felmeddelande: fault.felmeddelande, httpStatus: fault.httpStatus }, undefined, log);
    };
    void readBody(req).then((body) => {
      try {
        if (body === undefined) {
          // As express.raw's error for a request that ended before its body (answered to nobody: the client went away).
          soapBodyError(Object.assign(new Error('request aborted'), { type: 'request.aborted', status: 400 }), adopted.req, adopted.res, failed);
          return;
        }
        adopted.req.body = body;
        journal(adopted.req, adopted.res, () => readSoap(adopted.req, adopted.res, () => void answerSoap(adopted.req, adopted.res).catch(failed)));
      } catch (e) {
        failed(e);
      }
    });
    return true;
  };
  leanEntries.set(app, lean);

  const api = express.Router();
  api.use(express.raw({ limit: '2mb', type: () => true }), journalled(deps), readJsonBody(log), parseJsonText);
  api.post('/hamtaBastjanstInformation', async (req: Request, res: Response) => {
    try {
      const scope = resolveScope(deps, req.get(SCENARIO_HEADER));
      const outcome = await handleHamta({ read: () => res.locals.jsonBody as unknown, via: 'JSON', ...certificatePart(req) }, deps, scope);
      if (!outcome.ok) return sendProblemRefusal(res, outcome.refusal, log);
      log(describeQuery('JSON', outcome.checked, outcome.result));
      res.status(200).json(outcome.result.answer);
    } catch (e) {
      const fault = e instanceof RequestFault ? e : internalFault(e);
      sendProblemRefusal(res, { felkod: fault.felkod, felmeddelande: fault.felmeddelande, httpStatus: fault.httpStatus }, log);
    }
  });
  api.post('/testaBastjanstInformation', async (req: Request, res: Response) => {
    try {
      const outcome = await handlePing(deps, resolveScope(deps, req.get(SCENARIO_HEADER)));
      if (!outcome.ok) return sendProblemRefusal(res, outcome.refusal, log);
      res.status(200).json(outcome.ping);
    } catch (e) {
      const fault = e instanceof RequestFault ? e : internalFault(e);
      sendProblemRefusal(res, { felkod: fault.felkod, felmeddelande: fault.felmeddelande, httpStatus: fault.httpStatus }, log);
    }
  });
  api.use((req: Request, res: Response) => {
    sendProblem(res, { title: 'Not found', status: 404, detail: `${req.method} /api/v1${req.path} does not exist; see /api/v1/openapi.json` });
  });
  api.use((err: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    // Malformed JSON is answered by parseJsonText; what reaches here is a body that could not be read.
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') {
      sendProblem(res, { title: 'Request too large', status: 413, detail: 'The query is larger than the service accepts (2 MiB).', felkod: 'SSBT-004', felmeddelande: ['The query is larger than the service accepts (2 MiB).'] });
      return;
    }
    if (e.type === 'encoding.unsupported') {
      const felmeddelande = ['The Content-Encoding of the query is not one the service reads: send it uncompressed, or gzip, deflate or br.'];
      sendProblem(res, { title: 'Unsupported media type', status: 415, detail: felmeddelande[0], felkod: 'SSBT-005', felmeddelande });
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      const felmeddelande = ['The request body could not be read.'];
      sendProblem(res, { title: 'Bad request', status: e.status, detail: felmeddelande[0], felkod: 'SSBT-001', felmeddelande });
      return;
    }
    const fault = internalFault(err);
    sendProblem(res, { title: 'Internal error', status: 500, felkod: fault.felkod, felmeddelande: fault.felmeddelande });
  });
  // The contracts themselves, so the OpenAPI document's $refs resolve against this server.
  const openapi = readFileSync(join(CONTRACTS_DIR, 'openapi/json-api.openapi.json'), 'utf8');
  app.get('/api/v1/openapi.json', (_req: Request, res: Response) => {
    res.type('application/json').send(openapi.replace(/"\.\.\/composite\//g, '"/contracts/composite/'));
  });
  app.use('/contracts', express.static(CONTRACTS_DIR, { index: false, extensions: ['json'] }));
  app.use('/api/v1', api);

  return app;
}
