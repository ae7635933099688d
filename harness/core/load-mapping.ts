import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contracts, type ContractRegistry } from '../../simulator/contracts/registry.ts';
import { addMonths, formatIsoDate, isRealDate } from '../../simulator/domain/dates.ts';
import { checkOrganisationsnummer, checkPersonidentitet } from '../../simulator/domain/identity.ts';
import { deepFreeze } from './deep-freeze.ts';
import { displayPath } from './display-path.ts';
import { MappingError, type Problem } from './problems.ts';
import { schemaProblems } from './schema-problems.ts';
import type { Mapping } from './types.ts';
import { readYamlSource, type YamlSource } from './yaml-source.ts';

/** The mapping of the simulator's default scenario (scenarios/default.yaml). */
export const DEFAULT_MAPPING = fileURLToPath(new URL('../mappings/default.yaml', import.meta.url));

export const MAPPING_SCHEMA = 'harness/mapping.schema.json';

export interface LoadMappingOptions {
  /** The day of the run, for `tidsperiod: { lastMonths: N }` (default: today, UTC). */
  today?: Date;
  registry?: ContractRegistry;
}

type RawPeriod = { lastMonths: number } | { fromDatum: string; tomDatum: string };
type RawMapping = Omit<Mapping, 'tidsperiod'> & {
  tidsperiod: RawPeriod;
  schemaVersion?: 1;
  description?: string;
};

function checkValues(raw: RawMapping, source: YamlSource): Problem[] {
  const problems: Problem[] = [];
  for (const [kind, pnr] of Object.entries(raw.persons)) {
    const checked = checkPersonidentitet(pnr);
    if (!checked.ok) {
      const why =
        checked.problem === 'date'
          ? 'holds no real birth date'
          : checked.problem === 'checkDigit'
            ? 'has a wrong check digit (Luhn)'
            : 'must be 12 digits';
      problems.push(source.problem(`/persons/${kind}`, `personidentitet ${pnr} ${why}`));
    }
  }
  if (checkOrganisationsnummer(raw.ingivare.organisationsnummer) === 'checkDigit') {
    problems.push(
      source.problem(
        '/ingivare/organisationsnummer',
        'has a wrong check digit (Luhn over the last ten digits)',
      ),
    );
  }
  const p = raw.tidsperiod;
  if ('fromDatum' in p) {
    if (!isRealDate(p.fromDatum))
      problems.push(source.problem('/tidsperiod/fromDatum', `${p.fromDatum} is not a real date`));
    if (!isRealDate(p.tomDatum))
      problems.push(source.problem('/tidsperiod/tomDatum', `${p.tomDatum} is not a real date`));
    if (problems.length === 0 && p.fromDatum > p.tomDatum)
      problems.push(
        source.problem('/tidsperiod', `fromDatum ${p.fromDatum} is after tomDatum ${p.tomDatum}`),
      );
  }
  return problems;
}

/**
 * Parses and checks a mapping (contracts/harness/mapping.schema.json, then real personidentiteter,
 * organisationsnummer and dates); every problem located as file:line:column and thrown as one
 * MappingError. `tidsperiod: { lastMonths: N }` becomes the N months up to `options.today`.
 */
export function parseMapping(text: string, file = '<inline>', options: LoadMappingOptions = {}): Mapping {
  const source = readYamlSource(text, file);
  if (source.syntaxProblems.length > 0) throw new MappingError(source.syntaxProblems);
  const value = source.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MappingError([
      source.problem(
        '',
        'a mapping must be a YAML mapping with persons, ingivare, aktorsid, tidsperiod, syfte and lagtext',
      ),
    ]);
  }
  const validate = (options.registry ?? contracts()).validator(MAPPING_SCHEMA);
  if (!validate(value)) throw new MappingError(schemaProblems(validate.errors, source));
  const raw = value as RawMapping;
  const problems = checkValues(raw, source);
  if (problems.length > 0) throw new MappingError(problems);
  const today = formatIsoDate(options.today ?? new Date());
  const p = raw.tidsperiod;
  return deepFreeze({
    persons: { ...raw.persons },
    ingivare: { ...raw.ingivare },
    aktorsid: raw.aktorsid,
    tidsperiod:
      'lastMonths' in p
        ? { fromDatum: addMonths(today, -p.lastMonths), tomDatum: today }
        : { fromDatum: p.fromDatum, tomDatum: p.tomDatum },
    syfte: raw.syfte,
    lagtext: raw.lagtext,
  });
}

/** Reads and parses a mapping file (see parseMapping); a file that cannot be read is one problem. */
export function loadMapping(file: string, options: LoadMappingOptions = {}): Mapping {
  const shown = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'unreadable';
    throw new MappingError([
      {
        file: shown,
        line: 1,
        column: 1,
        path: '',
        message: code === 'ENOENT' ? 'no such mapping file' : `cannot read the file (${code})`,
      },
    ]);
  }
  return parseMapping(text, shown, options);
}

/** The mapping of the simulator's default personas: harness/mappings/default.yaml. */
export function defaultMapping(options: LoadMappingOptions = {}): Mapping {
  return loadMapping(DEFAULT_MAPPING, options);
}
