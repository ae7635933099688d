import type { Request, RequestHandler, Response } from 'express';
import { personFor } from '../../base-services/answer.ts';
import { isoDate } from '../../domain/clock.ts';
import { scenarioClock } from '../../domain/scenario-clock.ts';
import { sendProblem } from '../../http/problem.ts';
import type { ScenarioListEntry } from '../../scenarios/store.ts';
import type { UiDeps } from '../router.ts';

/** One persona as the page lists it. */
export interface PersonaView {
  id: string;
  personidentitet: string;
  description: string;
  /** Protected identity (sekretessmarkering). */
  protected: boolean;
  /** "Förnamn Efternamn": the persona's names, else the synthetic person's (what the sources answer). */
  name: string;
}

/** The body of GET /ui/api/personas. */
export interface PersonasBody {
  scenario: { name: string; description?: string; active: boolean };
  personas: PersonaView[];
  /** Every loaded scenario (the store's list, sorted by name), without the admin API's file origins and load errors. */
  scenarios: ScenarioSummary[];
}

/** A loaded scenario as the page lists it. */
export type ScenarioSummary = Pick<
  ScenarioListEntry,
  'name' | 'description' | 'active' | 'personas' | 'loadedAt'
>;

function summary(entry: ScenarioListEntry): ScenarioSummary {
  const out: ScenarioSummary = {
    name: entry.name,
    active: entry.active,
    personas: entry.personas,
    loadedAt: entry.loadedAt,
  };
  if (entry.description !== undefined) out.description = entry.description;
  return out;
}

/**
 * GET /ui/api/personas?scenario=NAME: the personas of a loaded scenario (the active one by default)
 * with their names, the scenario's name and description, and the list of loaded scenarios. 404
 * problem+json for a scenario that is not loaded, 400 for a repeated or empty parameter.
 */
export function createPersonasHandler(ui: UiDeps): RequestHandler {
  return (req: Request, res: Response) => {
    const param: unknown = (req.query as Record<string, unknown>).scenario;
    if (param !== undefined && (typeof param !== 'string' || param.trim() === '')) {
      sendProblem(res, {
        title: 'Bad scenario parameter',
        status: 400,
        detail: 'Give ?scenario= once, with the name of a loaded scenario.',
      });
      return;
    }
    const name = typeof param === 'string' ? param.trim() : ui.store.activeName();
    const scenario = ui.store.get(name);
    if (scenario === undefined) {
      const loaded = ui.store
        .list()
        .map((s) => s.name)
        .join(', ');
      sendProblem(res, {
        title: 'Unknown scenario',
        status: 404,
        detail: `No scenario named "${name}" is loaded (loaded: ${loaded}).`,
      });
      return;
    }
    const today = isoDate(scenarioClock(scenario, ui.deps.ctx.clock, ui.store.loadedAt(scenario.name)).now());
    const personas = scenario.personas.map((p): PersonaView => {
      const person = personFor(scenario, p.personidentitet, today);
      return {
        id: p.id,
        personidentitet: p.personidentitet,
        description: p.description,
        protected: person.protected,
        name: `${person.fornamn} ${person.efternamn}`,
      };
    });
    const head: PersonasBody['scenario'] = {
      name: scenario.name,
      active: scenario.name === ui.store.activeName(),
    };
    if (scenario.description !== undefined) head.description = scenario.description;
    const body: PersonasBody = { scenario: head, personas, scenarios: ui.store.list().map(summary) };
    res.json(body);
  };
}
