import express, { type Express } from 'express';
import { takeFirst } from '../http/express-lean.ts';
import { leanEntryOf, type LeanEntry } from './app.ts';

/** A base-service app (createBaseServiceApp) and the path prefix it is served under, e.g. /base-services/af. */
export interface MountedBaseService {
  prefix: string;
  app: Express;
}

/**
 * Several base services in one express app, each mounted under its prefix
 * (`app.use(prefix, service)`), with one difference: a query call on a service's lean path (its
 * route in the exact spelling with a plain JSON body; see createBaseServiceApp) goes straight to
 * that service without passing through this app's router first. Every other request goes through
 * express as with plain `app.use`, so its answer is the same.
 */
export function createBaseServicesApp(services: readonly MountedBaseService[]): Express {
  const app = express();
  app.disable('x-powered-by');
  const lean: { prefix: string; take: LeanEntry }[] = [];
  for (const { prefix, app: service } of services) {
    app.use(prefix, service);
    const take = leanEntryOf(service);
    if (take !== undefined) lean.push({ prefix: prefix.replace(/\/$/, ''), take });
  }
  takeFirst(app, (req, res) => {
    const url = req.url ?? '';
    if (req.method !== 'POST') return false;
    for (const { prefix, take } of lean) {
      if (url.length > prefix.length && url.startsWith(prefix) && url.charCodeAt(prefix.length) === 47 /* / */ && take(req, res, url.slice(prefix.length))) return true;
    }
    return false;
  });
  return app;
}
