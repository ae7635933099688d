import { isoDate } from '../domain/clock.ts';
import { deepMerge } from '../domain/merge.ts';
import { buildPerson, seededFaker, type PersonProfile } from '../domain/person.ts';
import { createRandom } from '../domain/random.ts';
import type { Persona, Scenario } from '../scenarios/types.ts';
import type { BaseServiceRequest, FkQueryPart, SourceModule } from './types.ts';

/** The scenario persona with this personidentitet, if any. */
export function findPersona(scenario: Scenario, personidentitet: string): Persona | undefined {
  return scenario.personas.find((p) => p.personidentitet === personidentitet);
}

/** The synthetic person behind a personidentitet in this scenario (persona overrides applied). */
export function personFor(scenario: Scenario, personidentitet: string, today: string): PersonProfile {
  const persona = findPersona(scenario, personidentitet);
  return buildPerson(scenario.seed, personidentitet, today, persona ?? {});
}

/**
 * What a source answers for a request, as canonical JSON: its generated data, or its own "no data"
 * answer for a person it does not know, with the persona's override for this source merged over it.
 * Pure: the same scenario, request and day give the same payload.
 */
export function sourcePayload(
  source: SourceModule,
  scenario: Scenario,
  request: BaseServiceRequest,
  now: Date,
  fk?: FkQueryPart,
): unknown {
  const today = isoDate(now);
  const persona = findPersona(scenario, request.personidentitet);
  const person = buildPerson(scenario.seed, request.personidentitet, today, persona ?? {});
  const random = createRandom(scenario.seed, request.personidentitet, source.code);
  const faker = seededFaker(createRandom(scenario.seed, request.personidentitet, source.code, 'faker'));
  const input = fk === undefined ? { person, request, random, faker, today } : { person, request, random, faker, today, fk };
  const override = persona?.sources?.[source.code];
  if (override === 'nodata' || !person.situation.knownToSources) return source.noData(input);
  const generated = source.generate(input);
  return override === undefined ? generated : deepMerge(generated, override);
}
