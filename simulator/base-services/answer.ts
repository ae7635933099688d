import type { Faker } from '@faker-js/faker';
import { isoDate } from '../domain/clock.ts';
import { LruCache, deepFreeze } from '../domain/lru.ts';
import { deepMerge } from '../domain/merge.ts';
import { buildPerson, seededFaker, type PersonProfile } from '../domain/person.ts';
import { createRandom } from '../domain/random.ts';
import type { Persona, Scenario } from '../scenarios/types.ts';
import type { BaseServiceRequest, FkQueryPart, GenerateInput, SourceModule } from './types.ts';

/**
 * Caches of the deterministic work behind an answer. A person and a payload are pure functions of the
 * scenario (its seed and personas), the personidentitet, the scenario's "today" and, for a payload, the
 * source and the request (and FK's query part). Only scenarios that are deep-frozen are cached (every
 * scenario loaded from a file or an object is): such a scenario never changes, so its identity stands
 * for its content, and a scenario loaded again is a new object with new entries. Cached values are
 * deep-frozen, so no caller can change what the next one gets. What a call does (latency, failures,
 * call counters) is decided per call by the base service and never cached.
 */
const PERSON_CACHE_SIZE = 1000;
const PAYLOAD_CACHE_SIZE = 1000;

const persons = new LruCache<string, PersonProfile>(PERSON_CACHE_SIZE);
const payloads = new LruCache<string, unknown>(PAYLOAD_CACHE_SIZE);
/** The base service's document of a cached (frozen) payload, written once; per source. */
const documents = new Map<string, WeakMap<object, string>>();

const scenarioIds = new WeakMap<Scenario, number>();
let lastScenarioId = 0;

/** A key part for a cacheable (deep-frozen) scenario: a number per scenario object; undefined when not cacheable. */
function scenarioKey(scenario: Scenario): number | undefined {
  if (!Object.isFrozen(scenario)) return undefined;
  let id = scenarioIds.get(scenario);
  if (id === undefined) {
    id = ++lastScenarioId;
    scenarioIds.set(scenario, id);
  }
  return id;
}

/** Forgets every cached person, payload and document (for tests and measurements). */
export function clearAnswerCaches(): void {
  persons.clear();
  payloads.clear();
}

/** The scenario persona with this personidentitet, if any. */
export function findPersona(scenario: Scenario, personidentitet: string): Persona | undefined {
  return scenario.personas.find((p) => p.personidentitet === personidentitet);
}

/**
 * The synthetic person behind a personidentitet in this scenario (persona overrides applied), as of
 * `today`. Deep-frozen when the scenario is (then cached): do not change it.
 */
export function personFor(scenario: Scenario, personidentitet: string, today: string): PersonProfile {
  const build = (): PersonProfile => buildPerson(scenario.seed, personidentitet, today, findPersona(scenario, personidentitet) ?? {});
  const id = scenarioKey(scenario);
  if (id === undefined) return build();
  return persons.getOrCreate(`${id}\u0000${personidentitet}\u0000${today}`, () => deepFreeze(build()));
}

/** The generator's input; the Swedish faker is seeded on first use (only some generators use it). */
function generateInput(
  source: SourceModule,
  scenario: Scenario,
  request: BaseServiceRequest,
  person: PersonProfile,
  today: string,
  fk: FkQueryPart | undefined,
): GenerateInput {
  let faker: Faker | undefined;
  const input: GenerateInput = {
    person,
    request,
    random: createRandom(scenario.seed, request.personidentitet, source.code),
    get faker(): Faker {
      faker ??= seededFaker(createRandom(scenario.seed, request.personidentitet, source.code, 'faker'));
      return faker;
    },
    today,
  };
  if (fk !== undefined) input.fk = fk;
  return input;
}

function generatePayload(source: SourceModule, scenario: Scenario, request: BaseServiceRequest, today: string, fk: FkQueryPart | undefined): unknown {
  const persona = findPersona(scenario, request.personidentitet);
  const person = personFor(scenario, request.personidentitet, today);
  const input = generateInput(source, scenario, request, person, today, fk);
  const override = persona?.sources?.[source.code];
  if (override === 'nodata' || !person.situation.knownToSources) return source.noData(input);
  const generated = source.generate(input);
  return override === undefined ? generated : deepMerge(generated, override);
}

/**
 * What a source answers for a request, as canonical JSON: its generated data, or its own "no data"
 * answer for a person it does not know, with the persona's override for this source merged over it.
 * Pure: the same scenario, request and day give the same payload. Deep-frozen and cached when the
 * scenario is deep-frozen: do not change it (copy it first, e.g. with structuredClone).
 */
export function sourcePayload(
  source: SourceModule,
  scenario: Scenario,
  request: BaseServiceRequest,
  now: Date,
  fk?: FkQueryPart,
): unknown {
  const today = isoDate(now);
  const id = scenarioKey(scenario);
  if (id === undefined) return generatePayload(source, scenario, request, today, fk);
  const key = `${id}\u0000${source.code}\u0000${today}\u0000${JSON.stringify(request)}\u0000${fk === undefined ? '' : JSON.stringify(fk)}`;
  return payloads.getOrCreate(key, () => deepFreeze(generatePayload(source, scenario, request, today, fk)));
}

/** The base service's answer document for a payload: written once per cached (frozen) payload. */
export function sourceDocument(source: SourceModule, payload: unknown): string {
  if (payload === null || typeof payload !== 'object' || !Object.isFrozen(payload)) return source.toDocument(payload);
  let written = documents.get(source.code);
  if (written === undefined) documents.set(source.code, (written = new WeakMap()));
  let document = written.get(payload);
  if (document === undefined) {
    document = source.toDocument(payload);
    written.set(payload, document);
  }
  return document;
}
