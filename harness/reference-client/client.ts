/**
 * A small reference client of SSBTEK v10 (hamtaBastjanstInformation), for a municipality's case
 * system to start from. It shows what the conformance harness (ssbtek-harness client) checks:
 *
 * - the query names the caseworker who asks, the case, the purpose and the legal basis;
 * - the answer is read per source as data, "no data" or error, and never one for the other;
 * - a protected identity marked by any source is shown;
 * - the client keeps its own deadline for the whole question, retries included;
 * - on 503 it retries at most twice, each time no earlier than Retry-After says;
 * - it records who asked about whom (processing history).
 *
 * Only Node's built-ins (fetch, crypto) and fast-xml-parser. See docs/harness-client.md.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { readAnswer, readFault, type SourceResult } from './answer.ts';
import type { Defect } from './defects.ts';
import { ProcessingHistory } from './history.ts';
import {
  buildQuery,
  SOURCE_CODES,
  SYFTE,
  type Municipality,
  type Question,
  type SourceCode,
} from './query.ts';

export type { Question, SourceCode, Municipality } from './query.ts';
export type { SourceResult } from './answer.ts';

export interface ClientConfig {
  /** SSBTEK's SOAP endpoint, e.g. https://.../ssbtek/v10 (the simulator: http://127.0.0.1:8080/ssbtek/v10). */
  endpoint: string;
  municipality: Municipality;
  /** The most a question may take, retries and waits included, in ms. */
  timeoutMs: number;
  /** How many times a 503 is retried (default 2). */
  maxRetries?: number;
  /** Only for testing the harness: a deliberately broken variant (see defects.ts). */
  defect?: Defect;
}

/** What the client concluded, for the caseworker's screen. */
export interface Outcome {
  /** Per asked source: what it answered. A source SSBTEK did not answer for is an error. */
  sources: Partial<Record<SourceCode, SourceResult>>;
  /** Any source marks a protected identity: show it, and handle the person's data accordingly. */
  protectedIdentity: boolean;
  /** No usable answer came (deadline, SSBTEK unavailable after the retries, or a fault). */
  gaveUp: boolean;
  /** Why, when it gave up. */
  reason?: string;
  /** How many queries were sent (first try and retries). */
  attempts: number;
}

/** The seconds a Retry-After header asks for (delta-seconds or an HTTP date); 1 s when there is none. */
export function retryAfterMs(header: string | null, now: Date = new Date()): number {
  if (header === null) return 1000;
  if (/^\s*\d+\s*$/.test(header)) return Number(header) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? 1000 : Math.max(0, at - now.getTime());
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every asked source as an error with the same reason: SSBTEK gave no answer to read. */
function allFailed(
  question: Question,
  felkod: string | undefined,
  felmeddelande: string,
): Outcome['sources'] {
  const sources: Outcome['sources'] = {};
  for (const code of question.sources) {
    const result: SourceResult = { status: 'error', felmeddelande };
    if (felkod !== undefined) result.felkod = felkod;
    sources[code] = result;
  }
  return sources;
}

/** An SSBTEK client for one municipality. */
export class SsbtekClient {
  readonly history = new ProcessingHistory();

  constructor(private readonly config: ClientConfig) {}

  /** Asks SSBTEK one question and reads the answer; never throws for SSBTEK's failures. */
  async ask(question: Question): Promise<Outcome> {
    // Deadlines on the monotonic clock: a change of the wall clock does not move them.
    const deadline = performance.now() + this.config.timeoutMs;
    // DEFECT(retry-forever): no limit on retries (the deadline still ends them).
    const maxRetries =
      this.config.defect === 'retry-forever' ? Number.POSITIVE_INFINITY : (this.config.maxRetries ?? 2);
    this.history.record({
      time: new Date().toISOString(),
      caseworker: question.caseworker,
      personidentitet: question.personidentitet,
      arendeidentitet: question.arendeidentitet,
      syfte: SYFTE,
    });
    // One korrelationsid for the question, retries included, so its requests can be traced together.
    const body = buildQuery(question, this.config.municipality, randomUUID(), this.config.defect);
    let attempts = 0;
    const gaveUp = (felkod: string | undefined, reason: string): Outcome => ({
      sources: allFailed(question, felkod, reason),
      protectedIdentity: false,
      gaveUp: true,
      reason,
      attempts,
    });

    for (;;) {
      const left = deadline - performance.now();
      if (left <= 0) return gaveUp(undefined, `no answer within ${this.config.timeoutMs} ms`);
      attempts += 1;
      let res: Response;
      let text: string;
      try {
        // The deadline covers the whole exchange, body included.
        res = await fetch(this.config.endpoint, {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
          body,
          signal: AbortSignal.timeout(Math.ceil(left)),
        });
        text = await res.text();
      } catch (e) {
        const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
        return gaveUp(
          undefined,
          timedOut
            ? `no answer within ${this.config.timeoutMs} ms`
            : `SSBTEK could not be reached: ${(e as Error).message}`,
        );
      }

      if (res.status === 503) {
        // Unavailable (SSBT-030) or in maintenance (SSBT-031): try again, no earlier than it says.
        const fault = readFault(text);
        const wait = retryAfterMs(res.headers.get('retry-after'));
        if (attempts > maxRetries)
          return gaveUp(
            fault.felkod,
            `SSBTEK is unavailable (${fault.felkod ?? 'HTTP 503'}) after ${attempts} attempts`,
          );
        if (performance.now() + wait >= deadline)
          return gaveUp(
            fault.felkod,
            `SSBTEK is unavailable (${fault.felkod ?? 'HTTP 503'}) and asked to wait past the deadline`,
          );
        await sleep(wait);
        continue;
      }
      if (res.status !== 200) {
        // A fault refuses the whole question (the query itself, or access): retrying will not help.
        const fault = readFault(text);
        return gaveUp(
          fault.felkod,
          `SSBTEK refused the question (HTTP ${res.status}${fault.felkod === undefined ? '' : `, ${fault.felkod}`}): ${fault.felmeddelande ?? ''}`,
        );
      }

      let answered: Outcome['sources'];
      try {
        answered = readAnswer(text, this.config.defect);
      } catch (e) {
        return gaveUp(undefined, `SSBTEK's answer could not be read: ${(e as Error).message}`);
      }
      // Keep every source's own result: one source's error does not discard the others (a partial answer).
      const sources: Outcome['sources'] = {};
      for (const code of SOURCE_CODES) {
        if (!question.sources.includes(code)) continue;
        sources[code] = answered[code] ?? {
          status: 'error',
          felmeddelande: `SSBTEK's answer has no ${code}`,
        };
      }
      const marked = Object.values(sources).some((s) => s.status !== 'error' && s.protected);
      // DEFECT(ignore-protected): the protected identity marked in the answer is not shown.
      const protectedIdentity = this.config.defect === 'ignore-protected' ? false : marked;
      return { sources, protectedIdentity, gaveUp: false, attempts };
    }
  }
}
