/**
 * The benchmark's requests: SOAP envelopes for the default scenario's personas (those no failure
 * rule names), with several `inkludera` combinations, built by the test support's codec.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { luhnCheckDigit } from '../../simulator/domain/identity.ts';
import type { SourceCode } from '../../simulator/domain/sources.ts';
import { fullQuery } from '../support/lefi.ts';
import { soapQuery } from '../support/queries.ts';

export interface BenchRequest {
  /** persona/combination, for reports. */
  label: string;
  xml: string;
}

export interface Persona {
  id: string;
  personidentitet: string;
}

const ALL: readonly SourceCode[] = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'];

/** The inkludera combinations of the mixed workload (the first is every source). */
export const COMBINATIONS: readonly { name: string; sources: readonly SourceCode[]; echo?: boolean }[] = [
  { name: 'all7', sources: ALL },
  { name: 'all-but-FK', sources: ['AF', 'CSN', 'SKV', 'SO', 'TNS', 'MIV'] },
  { name: 'AF+SO', sources: ['AF', 'SO'] },
  { name: 'CSN', sources: ['CSN'] },
  { name: 'FK', sources: ['FK'] },
  { name: 'SKV+TNS+MIV', sources: ['SKV', 'TNS', 'MIV'] },
  { name: 'all7+echo', sources: ALL, echo: true },
];

function collectPersonaRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectPersonaRefs(v, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'personas' && Array.isArray(v)) for (const id of v) into.add(String(id));
    else collectPersonaRefs(v, into);
  }
}

/** The personas of `<root>/scenarios/default.yaml` that no source failure names (so every answer is data). */
export function healthyPersonas(root: string): Persona[] {
  const doc = parse(readFileSync(join(root, 'scenarios/default.yaml'), 'utf8')) as {
    sources?: unknown;
    personas?: { id: string; personidentitet: string; behaviour?: unknown }[];
  };
  const named = new Set<string>();
  collectPersonaRefs(doc.sources, named);
  return (doc.personas ?? [])
    .filter((p) => !named.has(p.id) && p.behaviour === undefined)
    .map((p) => ({ id: p.id, personidentitet: String(p.personidentitet) }));
}

/** The SOAP query for a person asking `sources` (FK: aktorsid 1000001, every LEFI group). */
export function queryXml(
  personidentitet: string,
  sources: readonly SourceCode[],
  korrelationsid: string,
  echo = false,
): string {
  const spec: Record<string, unknown> = {};
  for (const code of ALL) if (!sources.includes(code) && code !== 'FK') spec[code] = { inkludera: false };
  const q = fullQuery(personidentitet, {
    generellaFrageparametrar: { korrelationsid, fraganSkallInkluderasISvaret: echo },
    specifikaFrageparametrar: spec,
  }) as unknown as { specifikaFrageparametrar: Record<string, { inkludera: boolean; fraga?: unknown }> };
  // FK left out: no fraga at all (fullQuery gives one).
  if (!sources.includes('FK')) q.specifikaFrageparametrar.FK = { inkludera: false };
  return soapQuery(q);
}

/** Every source for every healthy persona, one request each. */
export function allSevenWorkload(personas: readonly Persona[]): BenchRequest[] {
  return personas.map((p) => ({
    label: `${p.id}/all7`,
    xml: queryXml(p.personidentitet, ALL, `bench-${p.id}-all7`),
  }));
}

/**
 * `n` distinct people who are no persona (valid personnummer, born 1950-1999, serial numbers
 * 980-999 as the project's synthetic identities), each asking every source: no two requests alike,
 * so nothing the simulator might keep from an earlier request can answer one.
 */
export function uniquePersons(n: number): Persona[] {
  const out: Persona[] = [];
  for (let i = 0; out.length < n; i++) {
    const year = 1950 + (i % 50);
    const month = 1 + (Math.floor(i / 50) % 12);
    const day = 1 + (Math.floor(i / 600) % 28);
    const serial = 980 + (Math.floor(i / 16800) % 20);
    const nine = `${String(year).slice(2)}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${serial}`;
    out.push({
      id: `person-${i}`,
      personidentitet: `${String(year).slice(0, 2)}${nine}${luhnCheckDigit(nine)}`,
    });
  }
  return out;
}

/** Every source for `n` distinct people who are no persona. */
export function uniqueWorkload(n: number): BenchRequest[] {
  return uniquePersons(n).map((p) => ({
    label: `${p.id}/all7`,
    xml: queryXml(p.personidentitet, ALL, `bench-${p.id}`),
  }));
}

/** Personas x combinations, interleaved so consecutive requests differ in both (13 x 7 = 91 requests). */
export function mixedWorkload(personas: readonly Persona[]): BenchRequest[] {
  const out: BenchRequest[] = [];
  const n = personas.length * COMBINATIONS.length;
  const seen = new Set<string>();
  for (let i = 0; out.length < n && i < n * n; i++) {
    const p = personas[i % personas.length];
    const c = COMBINATIONS[i % COMBINATIONS.length];
    if (p === undefined || c === undefined) continue;
    const label = `${p.id}/${c.name}`;
    if (seen.has(label)) continue;
    seen.add(label);
    out.push({
      label,
      xml: queryXml(p.personidentitet, c.sources, `bench-${p.id}-${c.name}`, c.echo ?? false),
    });
  }
  return out;
}

/** A real hamtaBastjanstInformation answer: the response element, no Fault, no source error. */
export function isRealAnswer(body: string): boolean {
  return (
    body.includes('hamtaBastjanstInformationResponse') &&
    !body.includes(':Fault>') &&
    !/<(\w+:)?error>/.test(body)
  );
}
