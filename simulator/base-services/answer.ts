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
 *
 * Not made smaller with the composite's memos (issue 7, fourth round): runs that send each connection's
 * queries under a scenario of its own (the bench's fidelity run: 10 copies x 13 personas = 130 people)
 * need more than one scenario's personas, and a person missed here is built again for each source.
 */
const PERSON_CACHE_SIZE = 200;
const PAYLOAD_CACHE_SIZE = 350;

const persons = new LruCache<string, PersonProfile>(PERSON_CACHE_SIZE);
const payloads = new LruCache<string, unknown>(PAYLOAD_CACHE_SIZE);

/** The base service's answer to a payload: its document, and that document's bytes and HTTP headers once asked for. */
interface Written {
  document: string;
  answer?: SourceAnswer;
}
/** The written answer of a cached (frozen) payload, written once; per source. */
const written = new Map<string, WeakMap<object, Written>>();
/** JSON text of frozen values (a request read by the base service is frozen and shared): stringified once. */
const jsonTexts = new WeakMap<object, string>();

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
  const key = `${id}\u0000${source.code}\u0000${today}\u0000${textId(jsonText(request))}\u0000${fk === undefined ? '' : textId(jsonText(fk))}`;
  return payloads.getOrCreate(key, () => deepFreeze(generatePayload(source, scenario, request, today, fk)));
}

/**
 * Exactly `JSON.stringify(value)`, remembered for a frozen object or array (it cannot change): a request
 * the lean path read is frozen and shared per body text, so a repeated query's key is written once.
 */
function jsonText(value: unknown): string {
  if (value === null || typeof value !== 'object' || !Object.isFrozen(value)) return JSON.stringify(value);
  let text = jsonTexts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    jsonTexts.set(value, text);
  }
  return text;
}

/** How many texts textId remembers before it forgets them all (a text met again then gets a new number). */
const TEXT_IDS_SIZE = 2048;
const textIds = new Map<string, number>();
let lastTextId = 0;

/**
 * A number standing for a text in the payload cache's key, so that the key is a few dozen characters
 * rather than the request's JSON: a fresh key string is hashed and compared whole on every lookup, and
 * at ~500 characters that had made the cache's lookups ~2 % of the simulator's CPU under load (issue 7).
 * The text's own hash is computed once (it is remembered per frozen request by jsonText). Numbers are
 * never reused, so two texts never share one; a text forgotten and met again only misses the cache once.
 */
function textId(text: string): number {
  let id = textIds.get(text);
  if (id === undefined) {
    if (textIds.size >= TEXT_IDS_SIZE) textIds.clear();
    id = ++lastTextId;
    textIds.set(text, id);
  }
  return id;
}

/** The written answer of a payload: cached per source for a frozen payload, else written afresh. */
function writtenFor(source: SourceModule, payload: unknown): Written {
  if (payload === null || typeof payload !== 'object' || !Object.isFrozen(payload)) return { document: source.toDocument(payload) };
  let bySource = written.get(source.code);
  if (bySource === undefined) written.set(source.code, (bySource = new WeakMap()));
  let entry = bySource.get(payload);
  if (entry === undefined) {
    entry = { document: source.toDocument(payload) };
    bySource.set(payload, entry);
  }
  return entry;
}

/** The base service's answer document for a payload: written once per cached (frozen) payload. */
export function sourceDocument(source: SourceModule, payload: unknown): string {
  return writtenFor(source, payload).document;
}

/**
 * The base service's HTTP 200 answer for a payload, ready for `res.writeHead(200, headers)` and
 * `res.end(body)`: the document's UTF-8 bytes, and the headers express's `res.type(mediaType).send()`
 * gave it (Content-Type with charset utf-8, Content-Length; no ETag, which nobody reads on a POST
 * answer). Built once per cached (frozen) payload; shared and frozen: do not change it.
 */
export interface SourceAnswer {
  readonly headers: readonly string[];
  readonly body: Buffer;
}

export function sourceAnswer(source: SourceModule, payload: unknown): SourceAnswer {
  const entry = writtenFor(source, payload);
  if (entry.answer === undefined) {
    const body = Buffer.from(entry.document, 'utf8');
    entry.answer = Object.freeze({
      headers: Object.freeze(['Content-Type', `${source.mediaType}; charset=utf-8`, 'Content-Length', String(body.length)]),
      body,
    });
  }
  return entry.answer;
}
