import { drawLatency } from '../behaviour/latency.ts';
import { triggerHolds } from '../behaviour/trigger.ts';
import { createRandom } from '../domain/random.ts';
import type { Scenario } from '../scenarios/types.ts';

/** What the composite as a whole does with a request before it asks any source. */
export type Gate =
  | { kind: 'open'; latencyMs: number }
  | { kind: 'unavailable'; felkod: 'SSBT-030' | 'SSBT-031'; retryAfterSeconds: number; message: string }
  | { kind: 'fault'; felkod: string; felmeddelande: string };

/**
 * The composite's own behaviour for one request (pure). Before the request is read (`personaId`
 * undefined): a planned maintenance window in force (503 until it ends) or unavailability (503).
 * After (`personaId` known or null): a whole-request fault, or open with the composite's latency.
 */
export function compositeGate(scenario: Scenario, now: Date, callNumber: number, personaId?: string | null): Gate {
  if (personaId === undefined) return serviceGate(scenario, now, callNumber);
  const ctx: Parameters<typeof triggerHolds>[1] = { callNumber, random: createRandom(scenario.seed, 'composite', 'fault', callNumber), now, timezone: scenario.timezone };
  if (personaId !== null) ctx.personaId = personaId;
  const f = scenario.composite.fault;
  if (f !== undefined && triggerHolds(f.when, ctx)) return { kind: 'fault', felkod: f.felkod, felmeddelande: f.felmeddelande };
  const latency = scenario.composite.latency;
  return { kind: 'open', latencyMs: latency === undefined ? 0 : drawLatency(latency, createRandom(scenario.seed, 'composite', 'latency', callNumber)) };
}

function serviceGate(scenario: Scenario, now: Date, callNumber: number): Gate {
  const t = now.getTime();
  for (const m of scenario.composite.maintenance) {
    const from = Date.parse(m.from);
    const to = Date.parse(m.to);
    if (t >= from && t < to) {
      return {
        kind: 'unavailable',
        felkod: 'SSBT-031',
        retryAfterSeconds: Math.max(1, Math.ceil((to - t) / 1000)),
        message: m.message ?? `Planerat underhåll till ${new Date(to).toISOString()}. Försök igen efter underhållet.`,
      };
    }
  }
  const u = scenario.composite.unavailable;
  const ctx = { callNumber, random: createRandom(scenario.seed, 'composite', 'unavailable', callNumber), now, timezone: scenario.timezone };
  if (u !== undefined && triggerHolds(u.when, ctx)) {
    return { kind: 'unavailable', felkod: 'SSBT-030', retryAfterSeconds: u.retryAfterSeconds, message: u.message ?? 'Tjänsten är inte tillgänglig just nu. Försök igen senare.' };
  }
  return { kind: 'open', latencyMs: 0 };
}
