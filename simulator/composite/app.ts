import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express, type Request, type Response } from 'express';
import { CONTRACTS_DIR } from '../contracts/registry.ts';
import { RequestFault } from '../faults/soap-fault.ts';
import { sendProblem } from '../http/problem.ts';
import type { QueryResult } from './answer-types.ts';
import type { CheckedQuery } from './query-types.ts';
import type { CompositeDeps } from './service.ts';
import { answerPing, answerQuery } from './service.ts';
import { checkQuery, readQueryXml } from './query-check.ts';
import { answerEnvelope, faultEnvelope, pingEnvelope } from './soap-answer.ts';
import { readSoapRequest, type Operation } from './soap-request.ts';
import { wsdlDocument, xsdDocuments } from './wsdl.ts';

export interface CompositeOptions {
  /** Where the SOAP endpoint is served; default /ssbtek/v10. */
  soapPath?: string;
  /** Logs one line per request (personidentitet masked); default silent. */
  log?: (line: string) => void;
}

const XML_TYPE = 'text/xml; charset=utf-8';

/** Masks a personidentitet for logs: birth date kept, the last four digits hidden. */
export function maskPnr(pnr: string): string {
  return pnr.length === 12 ? `${pnr.slice(0, 8)}-****` : '****';
}

/** One log line for an answered query: the person masked, each source's outcome. */
function describeQuery(via: string, checked: CheckedQuery, result: QueryResult): string {
  const outcomes = result.outcomes.map((o) => `${o.code}:${'data' in o.result ? 'data' : o.result.error.felkod}`).join(' ');
  return `hamtaBastjanstInformation (${via}) ${maskPnr(checked.query.generellaFrageparametrar.personidentitet)} ${Math.round(result.durationMs)} ms -> ${outcomes}`;
}

function sendFault(res: Response, fault: RequestFault, operation?: Operation): void {
  res.status(fault.httpStatus).type(XML_TYPE).send(faultEnvelope(fault.felkod, fault.felmeddelande, operation));
}

function internalFault(e: unknown): RequestFault {
  console.error('internal error:', e);
  return new RequestFault('SSBT-099', 'Ett internt fel uppstod i simulatorn; frågan kunde inte besvaras. Se simulatorns logg.');
}

/**
 * The composite service's HTTP app: SOAP 1.1 at `soapPath` (both operations, WSDL and XSDs on GET),
 * and the JSON API mirroring both operations under /api/v1. Never calls listen.
 */
export function createCompositeApp(deps: CompositeDeps, options: CompositeOptions = {}): Express {
  const soapPath = options.soapPath ?? '/ssbtek/v10';
  const log = options.log ?? (() => undefined);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

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

  app.post(soapPath, express.text({ type: () => true, limit: '2mb' }), async (req: Request, res: Response) => {
    const text = typeof req.body === 'string' ? req.body : '';
    let operation: Operation | undefined;
    try {
      const soap = readSoapRequest(text);
      operation = soap.operation;
      if (soap.operation === 'testaBastjanstInformation') {
        const ping = await answerPing(deps);
        log(`testaBastjanstInformation -> ${Object.entries(ping).map(([k, v]) => `${k}:${v?.error ? v.error.felkod : 'ok'}`).join(' ')}`);
        res.status(200).type(XML_TYPE).send(pingEnvelope(ping));
        return;
      }
      const checked = checkQuery(readQueryXml(soap.content));
      const result = await answerQuery(checked, deps);
      log(describeQuery('SOAP', checked, result));
      res.status(200).type(XML_TYPE).send(answerEnvelope(result.answer, deps.modules));
    } catch (e) {
      const fault = e instanceof RequestFault ? e : internalFault(e);
      log(`${operation ?? 'SOAP'} fault ${fault.felkod}`);
      sendFault(res, fault, operation);
    }
  });

  const api = express.Router();
  api.use(express.json({ limit: '2mb', type: ['application/json', 'application/*+json'] }));
  api.post('/hamtaBastjanstInformation', async (req: Request, res: Response) => {
    try {
      const checked = checkQuery(req.body);
      const result = await answerQuery(checked, deps);
      log(describeQuery('JSON', checked, result));
      res.status(200).json(result.answer);
    } catch (e) {
      const fault = e instanceof RequestFault ? e : internalFault(e);
      log(`hamtaBastjanstInformation (JSON) refused ${fault.felkod}`);
      sendProblem(res, {
        title: fault.felkod === 'SSBT-099' ? 'Internal error' : 'The query was refused',
        status: fault.felkod === 'SSBT-099' ? 500 : 400,
        detail: fault.felmeddelande.join(' '),
        felkod: fault.felkod,
        felmeddelande: fault.felmeddelande,
      });
    }
  });
  api.post('/testaBastjanstInformation', async (_req: Request, res: Response) => {
    res.status(200).json(await answerPing(deps));
  });
  api.use((req: Request, res: Response) => {
    sendProblem(res, { title: 'Not found', status: 404, detail: `${req.method} /api/v1${req.path} does not exist; see /api/v1/openapi.json` });
  });
  api.use((err: unknown, _req: Request, res: Response, _next: express.NextFunction) => {
    const e = err as { type?: string; message?: string };
    if (e.type === 'entity.parse.failed') {
      sendProblem(res, { title: 'Malformed JSON body', status: 400, detail: e.message ?? 'the body is not valid JSON', felkod: 'SSBT-001', felmeddelande: ['Frågan är inte giltig JSON.'] });
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
