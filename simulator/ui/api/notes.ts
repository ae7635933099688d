import { readFileSync } from 'node:fs';
import type { Request, RequestHandler, Response } from 'express';
import { scenarioClock } from '../../domain/scenario-clock.ts';
import { SOURCE_CODES, type SourceCode } from '../../domain/sources.ts';
import { driftinformation } from '../../drift/driftinformation.ts';
import { sendProblem } from '../../http/problem.ts';
import type { Failure, Notice } from '../../scenarios/types.ts';
import { RELEASE_NOTES } from '../../server.ts';
import type { UiDeps } from '../router.ts';
import { renderMarkdown } from './markdown.ts';

/** The body of GET /ui/api/release-notes. */
export interface ReleaseNotesBody {
  /** The release notes (docs/release-notes.md) as safe HTML: every character of the source escaped. */
  html: string;
}

/** The body of GET /ui/api/driftinformation (the shape of GET /admin/driftinformation). */
export interface DriftinformationBody {
  /** The active scenario. */
  scenario: string;
  /** Its clock's now (ISO 8601). */
  now: string;
  /** Notices in force now (acute, and resolved ones the scenario still shows). */
  active: Notice[];
  /** Planned notices (maintenance ahead, recurring windows). */
  planned: Notice[];
}

/**
 * GET /ui/api/release-notes: the release notes rendered from Markdown to safe HTML (headings,
 * paragraphs, bold, code, lists, relative links). Read on each request; 500 problem+json when unreadable.
 * `options.read` replaces reading docs/release-notes.md (RELEASE_NOTES), for tests.
 */
export function createReleaseNotesHandler(
  _ui: UiDeps,
  options: { read?: () => string } = {},
): RequestHandler {
  const read = options.read ?? (() => readFileSync(RELEASE_NOTES, 'utf8'));
  return (_req: Request, res: Response) => {
    let markdown: string;
    try {
      markdown = read();
    } catch (e) {
      sendProblem(res, {
        title: 'The release notes cannot be read',
        status: 500,
        detail: e instanceof Error ? e.message : String(e),
      });
      return;
    }
    const body: ReleaseNotesBody = { html: renderMarkdown(markdown) };
    res.json(body);
  };
}

/**
 * GET /ui/api/driftinformation: the operational notices of the active scenario at its clock's now,
 * with the faults set live on sources as acute notices, split into in force and planned. Like GET
 * /admin/driftinformation, but open to every client: the information portal is public to the
 * connected municipalities.
 */
export function createDriftinformationHandler(ui: UiDeps): RequestHandler {
  return (_req: Request, res: Response) => {
    const scenario = ui.store.current();
    const now = scenarioClock(scenario, ui.deps.ctx.clock, ui.store.loadedAt(scenario.name)).now();
    const liveFaults: Partial<Record<SourceCode, Failure>> = {};
    for (const code of SOURCE_CODES) {
      const fault = ui.deps.ctx.runtime.liveFault(code);
      if (fault !== undefined) liveFaults[code] = fault;
    }
    const body: DriftinformationBody = {
      scenario: scenario.name,
      now: now.toISOString(),
      active: [],
      planned: [],
    };
    for (const notice of driftinformation(scenario, now, liveFaults))
      (notice.kind === 'planned' ? body.planned : body.active).push(notice);
    res.json(body);
  };
}
