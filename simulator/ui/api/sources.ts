import type { Request, RequestHandler, Response } from 'express';
import { sendProblem } from '../../http/problem.ts';
import type { UiDeps } from '../router.ts';
import { describeSources, type SourceDescription } from './describe-source.ts';

/** The body of GET /ui/api/sources. */
export interface SourcesBody {
  sources: SourceDescription[];
}

/**
 * GET /ui/api/sources: each base service's content (the information portal's "beskrivning av
 * bastjänsternas innehåll"), generated from contracts/ so it cannot drift from what is served: the
 * agency, the payload schema's title and description, its x-information texts in Swedish (summary,
 * protected identity, no data), which period it answers for, and its main elements. Sources in contract order.
 */
export function createSourcesHandler(_ui: UiDeps): RequestHandler {
  let body: SourcesBody | undefined;
  return (_req: Request, res: Response) => {
    try {
      body ??= { sources: describeSources() };
    } catch (e) {
      sendProblem(res, {
        title: 'The contracts cannot be described',
        status: 500,
        detail: e instanceof Error ? e.message : String(e),
      });
      return;
    }
    res.json(body);
  };
}
