import type { RequestHandler } from 'express';
import type { UiDeps } from '../router.ts';
import { createDecodeHandler } from './decode.ts';
import { createDriftinformationHandler, createReleaseNotesHandler } from './notes.ts';
import { createPersonasHandler } from './personas.ts';
import { createSourcesHandler } from './sources.ts';
import { createLastQueryHandler } from './timeline.ts';

/** One JSON helper of the trainer page: its method, its full path, and its handler. */
export interface UiApiRoute {
  method: 'get' | 'post';
  path: string;
  handler: RequestHandler;
}

/**
 * Every JSON helper of the trainer page under /ui/api, for the UI router to mount
 * (`for (const r of uiApiRoutes(ui)) router[r.method](r.path, r.handler)`).
 */
export function uiApiRoutes(ui: UiDeps): UiApiRoute[] {
  return [
    { method: 'post', path: '/ui/api/decode', handler: createDecodeHandler(ui) },
    { method: 'get', path: '/ui/api/personas', handler: createPersonasHandler(ui) },
    { method: 'get', path: '/ui/api/sources', handler: createSourcesHandler(ui) },
    { method: 'get', path: '/ui/api/release-notes', handler: createReleaseNotesHandler(ui) },
    { method: 'get', path: '/ui/api/driftinformation', handler: createDriftinformationHandler(ui) },
    { method: 'get', path: '/ui/api/last-query', handler: createLastQueryHandler(ui) },
  ];
}
