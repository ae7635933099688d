import express, { type Router } from 'express';
import type { CompositeDeps } from '../composite/service.ts';
import type { LiveScenarioStore } from '../scenarios/store.ts';

/** What the trainer page's server side needs. */
export interface UiDeps {
  deps: CompositeDeps;
  store: LiveScenarioStore;
  /** The SOAP endpoint path the page sends its queries to. */
  soapPath: string;
}

/** The trainer's demonstration page at / (static files) and its small JSON helpers under /ui/api. */
export function createUiRouter(_ui: UiDeps): Router {
  const router = express.Router();
  return router;
}
