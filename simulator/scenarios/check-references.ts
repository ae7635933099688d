import { checkOrganisationsnummer } from '../domain/identity.ts';
import type { RawFailure, RawScenario, RawSourceBehaviour } from './normalize.ts';
import type { Trigger } from './types.ts';

/** A problem at a place in the scenario (JSON pointer). */
export interface PointedProblem {
  pointer: string;
  message: string;
}

function isTime(t: string): boolean {
  return /^\d{2}:\d{2}$/.test(t);
}

function checkTrigger(when: Trigger | undefined, at: string, personaIds: Set<string>, out: PointedProblem[]): void {
  if (when === undefined) return;
  (when.personas ?? []).forEach((id, j) => {
    if (!personaIds.has(id)) out.push({ pointer: `${at}/personas/${j}`, message: `no persona has id "${id}"` });
  });
  if (when.window !== undefined) {
    const { from, to } = when.window;
    if (isTime(from) !== isTime(to)) out.push({ pointer: `${at}/window`, message: 'from and to must both be HH:MM or both date-times' });
    else if (isTime(from) && from === to) out.push({ pointer: `${at}/window`, message: 'from and to are equal: the window is empty' });
    else if (!isTime(from)) {
      for (const [k, v] of [['from', from], ['to', to]] as const) {
        if (Number.isNaN(Date.parse(v))) out.push({ pointer: `${at}/window/${k}`, message: `"${v}" is not a date-time` });
      }
      if (Date.parse(from) >= Date.parse(to)) out.push({ pointer: `${at}/window`, message: 'from must be before to' });
    }
  }
}

function checkFailure(f: RawFailure, at: string, personaIds: Set<string>, out: PointedProblem[]): void {
  (f.personas ?? []).forEach((id, j) => {
    if (!personaIds.has(id)) out.push({ pointer: `${at}/personas/${j}`, message: `no persona has id "${id}"` });
  });
  checkTrigger(f.when, `${at}/when`, personaIds, out);
}

function checkBehaviour(b: RawSourceBehaviour, at: string, personaIds: Set<string>, out: PointedProblem[]): void {
  if (b.latency !== undefined && b.latencyMs !== undefined) out.push({ pointer: `${at}/latencyMs`, message: 'give latency or latencyMs, not both' });
  if (b.latency !== undefined && typeof b.latency === 'object' && b.latency.model === 'uniform' && b.latency.min > b.latency.max) {
    out.push({ pointer: `${at}/latency`, message: 'min must not be greater than max' });
  }
  if (b.latency !== undefined && typeof b.latency === 'object' && b.latency.model === 'lognormal' && 'p99' in b.latency && b.latency.p99 <= b.latency.median) {
    out.push({ pointer: `${at}/latency/p99`, message: 'p99 must be greater than median' });
  }
  if (b.failure) checkFailure(b.failure, `${at}/failure`, personaIds, out);
  (b.failures ?? []).forEach((f, i) => checkFailure(f, `${at}/failures/${i}`, personaIds, out));
}

/**
 * Checks what the schema cannot: names that must refer to something (persona ids in triggers),
 * windows, latency bounds, the clock's instant, organisationsnummer check digits, unique ids.
 */
export function checkReferences(raw: RawScenario, personaIds: Set<string>): PointedProblem[] {
  const out: PointedProblem[] = [];
  if (raw.clock !== undefined && raw.clock.mode !== 'real' && raw.clock.at === undefined) {
    out.push({ pointer: '/clock', message: `mode ${raw.clock.mode} needs at (the instant the clock shows or starts from)` });
  }
  if (raw.timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('sv-SE', { timeZone: raw.timezone });
    } catch {
      out.push({ pointer: '/timezone', message: `unknown time zone "${raw.timezone}"` });
    }
  }
  for (const [code, b] of Object.entries(raw.sources ?? {})) checkBehaviour(b, `/sources/${code}`, personaIds, out);
  (raw.personas ?? []).forEach((p, i) => {
    for (const [code, b] of Object.entries(p.behaviour ?? {})) checkBehaviour(b, `/personas/${i}/behaviour/${code}`, personaIds, out);
  });
  const c = raw.composite;
  checkTrigger(c?.unavailable?.when, '/composite/unavailable/when', personaIds, out);
  checkTrigger(c?.fault?.when, '/composite/fault/when', personaIds, out);
  (c?.maintenance ?? []).forEach((m, i) => {
    if (Date.parse(m.from) >= Date.parse(m.to)) out.push({ pointer: `/composite/maintenance/${i}`, message: 'from must be before to' });
  });
  const orgnrs = new Map<string, number>();
  (raw.municipalities ?? []).forEach((m, i) => {
    if (checkOrganisationsnummer(m.organisationsnummer) === 'checkDigit') {
      out.push({ pointer: `/municipalities/${i}/organisationsnummer`, message: `${m.organisationsnummer} has a wrong check digit (Luhn over the last ten digits)` });
    }
    if (orgnrs.has(m.organisationsnummer)) out.push({ pointer: `/municipalities/${i}/organisationsnummer`, message: `duplicate municipality (also municipalities[${orgnrs.get(m.organisationsnummer)}])` });
    else orgnrs.set(m.organisationsnummer, i);
    const workers = new Set<string>();
    (m.caseworkers ?? []).forEach((w, j) => {
      if (workers.has(w.id)) out.push({ pointer: `/municipalities/${i}/caseworkers/${j}/id`, message: `duplicate caseworker id "${w.id}"` });
      workers.add(w.id);
    });
  });
  (raw.access?.syfte ?? []).concat(raw.access?.lagtext ?? []).forEach((pattern) => {
    try {
      new RegExp(pattern, 'i');
    } catch {
      const list = raw.access?.syfte?.includes(pattern) ? 'syfte' : 'lagtext';
      out.push({ pointer: `/access/${list}`, message: `"${pattern}" is not a valid regular expression` });
    }
  });
  return out;
}
