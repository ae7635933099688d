import { contracts, type SchemaProblem } from '../contracts/registry.ts';
import { isRealDate } from '../domain/dates.ts';
import { checkOrganisationsnummer, checkPersonidentitet } from '../domain/identity.ts';
import { SOURCE_CODES } from '../domain/sources.ts';
import { RequestFault } from '../faults/soap-fault.ts';
import type { XmlValue } from '../xml/parse.ts';
import { readXml, XmlShapeError } from '../xml/schema-codec.ts';
import type { CheckedQuery, PlannedSource, Query, Tidsperiod } from './query-types.ts';

const QUERY_SCHEMA = 'composite/query.schema.json';

/** A JSON pointer as the element path a caseworker's developer recognises: a/b/c (list items 1-based). */
export function elementPath(pointer: string): string {
  const parts = pointer.split('/').filter((p) => p !== '');
  return parts.map((p) => (/^\d+$/.test(p) ? `[${Number(p) + 1}]` : p)).join('/').replace(/\/\[/g, '[') || 'hamtaBastjanstInformation';
}

function describeProblem(p: SchemaProblem): string {
  const missing = /^is missing required property "(.+)"$/.exec(p.message);
  if (missing) {
    const parent = elementPath(p.path);
    return `Required element ${parent === 'hamtaBastjanstInformation' ? '' : `${parent}/`}${missing[1]} is missing.`;
  }
  const unknown = /^has unknown property "(.+)"$/.exec(p.message);
  if (unknown) return `Element ${elementPath(p.path)} has an element the contract does not allow: ${unknown[1]}.`;
  if (/pattern/.test(p.message)) return `Element ${elementPath(p.path)} has a value of the wrong form (${p.message.replace(/^must match pattern /, 'pattern ')}).`;
  return `Element ${elementPath(p.path)} ${p.message}.`;
}

/** Reads the operation's XML content into the canonical query, or throws SSBT-010 naming the element. */
export function readQueryXml(content: XmlValue): unknown {
  const registry = contracts();
  try {
    return readXml(registry.schema(QUERY_SCHEMA), content, registry.resolve, '', true);
  } catch (e) {
    if (e instanceof XmlShapeError) throw new RequestFault('SSBT-010', `Element ${elementPath(e.path)}: ${e.message.slice(e.path.length + 2)}.`);
    throw e;
  }
}

function checkPeriod(p: Tidsperiod, where: string): Tidsperiod {
  const from = p.fromDatum.slice(0, 10);
  const tom = p.tomDatum.slice(0, 10);
  if (!isRealDate(from)) throw new RequestFault('SSBT-016', `${where}/fromDatum ${p.fromDatum} is not a real date.`);
  if (!isRealDate(tom)) throw new RequestFault('SSBT-016', `${where}/tomDatum ${p.tomDatum} is not a real date.`);
  if (from > tom) throw new RequestFault('SSBT-016', `${where}: fromDatum ${from} is after tomDatum ${tom}.`);
  return { fromDatum: from, tomDatum: tom };
}

function checkOrgnr(orgnr: string, where: string): void {
  const problem = checkOrganisationsnummer(orgnr);
  if (problem === 'format') throw new RequestFault('SSBT-014', `${where} ${orgnr} must be 12 digits with the fifth digit 2-9.`);
  if (problem === 'checkDigit') throw new RequestFault('SSBT-015', `${where} ${orgnr} has a wrong check digit (Luhn over the last ten digits).`);
}

/**
 * How deeply a query, and LEFI's query inside it, may nest (the contract needs about eight levels): a
 * deeper value would overflow the stack when it is written on to LEFI or echoed in the answer.
 */
const MAX_DEPTH = 64;

/** True when a JSON value nests deeper than `max` (walked without recursion). */
function nestedDeeper(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, depth] = top;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

function decodeLefi(raw: string | Record<string, unknown>): unknown {
  const decoded = decodeLefiText(raw);
  if (nestedDeeper(decoded, MAX_DEPTH)) {
    throw new RequestFault('SSBT-004', `specifikaFrageparametrar/FK/fraga/lefiJsonFraga is nested too deeply to be read (at most ${MAX_DEPTH} levels).`);
  }
  return decoded;
}

function decodeLefiText(raw: string | Record<string, unknown>): unknown {
  if (typeof raw !== 'string') return raw;
  const compact = raw.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new RequestFault('SSBT-019', 'specifikaFrageparametrar/FK/fraga/lefiJsonFraga is not base64.');
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.from(compact, 'base64').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed;
  } catch {
    throw new RequestFault('SSBT-019', 'specifikaFrageparametrar/FK/fraga/lefiJsonFraga is not base64 of a JSON object (LEFI\'s query).');
  }
}

/**
 * Checks a canonical query against the contract and the rules beyond it (personidentitet,
 * organisationsnummer, periods, at least one source, FK's fraga), and plans which sources to ask with
 * which period. Throws RequestFault naming the element and the rule broken.
 */
export function checkQuery(candidate: unknown): CheckedQuery {
  if (nestedDeeper(candidate, MAX_DEPTH)) throw new RequestFault('SSBT-004', `The query is nested too deeply to be read (at most ${MAX_DEPTH} levels).`);
  const problems = contracts().check(QUERY_SCHEMA, candidate);
  // A value of the wrong form where a rule of its own applies gets that rule's code.
  for (const p of problems) {
    if (!/pattern/.test(p.message)) continue;
    if (p.path === '/generellaFrageparametrar/personidentitet') {
      throw new RequestFault('SSBT-011', `generellaFrageparametrar/personidentitet must be 12 digits (YYYYMMDDNNNC).`);
    }
    if (p.path.endsWith('/organisationsnummer')) {
      throw new RequestFault('SSBT-014', `${elementPath(p.path)} must be 12 digits with the fifth digit 2-9.`);
    }
  }
  if (problems.length > 0) {
    throw new RequestFault('SSBT-010', ...(problems.map(describeProblem) as [string, ...string[]]));
  }
  const query = candidate as Query;
  const g = query.generellaFrageparametrar;
  const pnr = checkPersonidentitet(g.personidentitet);
  if (!pnr.ok) {
    const where = `generellaFrageparametrar/personidentitet ${g.personidentitet}`;
    if (pnr.problem === 'format') throw new RequestFault('SSBT-011', `${where} must be 12 digits (YYYYMMDDNNNC).`);
    if (pnr.problem === 'date') throw new RequestFault('SSBT-012', `${where} holds no real birth date (for a samordningsnummer the day is 61-91).`);
    throw new RequestFault('SSBT-013', `${where} has a wrong check digit (Luhn over the last ten digits).`);
  }
  checkOrgnr(g.ingivare.organisationsnummer, 'generellaFrageparametrar/ingivare/organisationsnummer');
  (g.personuppgiftsbitrade ?? []).forEach((b, i) => checkOrgnr(b.organisationsnummer, `generellaFrageparametrar/personuppgiftsbitrade[${i + 1}]/organisationsnummer`));
  const general = checkPeriod(g.tidsperiod, 'generellaFrageparametrar/tidsperiod');
  const s = query.specifikaFrageparametrar;
  const sources: PlannedSource[] = [];
  for (const code of SOURCE_CODES) {
    const spec = s[code] as { inkludera: boolean; tidsperiod?: Tidsperiod };
    if (!spec.inkludera) continue;
    const own = spec.tidsperiod === undefined ? general : checkPeriod(spec.tidsperiod, `specifikaFrageparametrar/${code}/tidsperiod`);
    sources.push({ code, tidsperiod: own });
  }
  if (sources.length === 0) throw new RequestFault('SSBT-017', 'No source in specifikaFrageparametrar has inkludera="true".');
  const checked: CheckedQuery = { query, sources };
  if (s.FK.inkludera) {
    const fraga = s.FK.fraga;
    if (fraga === undefined) throw new RequestFault('SSBT-018', 'specifikaFrageparametrar/FK has inkludera="true" but no fraga (aktorsid and lefiJsonFraga).');
    checked.fk = { aktorsid: fraga.aktorsid, lefiJsonFraga: decodeLefi(fraga.lefiJsonFraga) };
    if (fraga.version !== undefined) checked.fk.version = fraga.version;
  }
  return checked;
}
