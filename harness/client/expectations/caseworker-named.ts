import type { Expectation } from './expectation.ts';
import { NO_QUERY, receivedQueryFields } from './helpers.ts';

/** Ids that name an account many people share, or a system, never one caseworker. */
export const SHARED_ACCOUNT_IDS = [
  'admin',
  'administrator',
  'anonymous',
  'api',
  'default',
  'gemensam',
  'gemensamt',
  'guest',
  'handlaggare',
  'integration',
  'kommun',
  'okand',
  'root',
  'service',
  'shared',
  'socialtjanst',
  'socialtjansten',
  'ssbtek',
  'support',
  'system',
  'test',
  'unknown',
  'user',
] as const;

/** Words that never belong in one person's user id. */
const SHARED_WORDS = ['socialtjanst', 'gemensam', 'shared', 'funktionskonto', 'systemkonto', 'tjanstekonto'];

/** Lower case, å/ä/ö and other accents folded, only letters and digits kept: "Socialtjänst-1" is "socialtjanst1". */
export function foldId(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Why a handlaggare does not name one person, or undefined when it may. The rule
 * (docs/harness-client.md): after folding (foldId) the id must not be empty; not one of
 * SHARED_ACCOUNT_IDS, alone or followed by digits only (admin, test01); not hold socialtjanst,
 * gemensam, shared, funktionskonto, systemkonto or tjanstekonto; not hold the organisation's name
 * (Exempelkommunen, exempelkommunen-soc); and not be its organisationsnummer.
 */
export function sharedAccountReason(
  id: string | undefined,
  org: { namn: string; organisationsnummer: string },
): string | undefined {
  if (id === undefined || id.trim() === '') return 'is empty';
  const folded = foldId(id);
  if (folded === '') return 'has no letters or digits';
  const generic = SHARED_ACCOUNT_IDS.find((name) => new RegExp(`^${name}\\d*$`).test(folded));
  if (generic !== undefined) return `is a shared or technical account ("${generic}"), not a person`;
  const word = SHARED_WORDS.find((w) => folded.includes(w));
  if (word !== undefined) return `names a shared account ("${word}"), not a person`;
  const orgName = foldId(org.namn);
  if (orgName.length >= 3 && folded.includes(orgName))
    return `is the organisation's name (${org.namn}), not a person`;
  if (folded === foldId(org.organisationsnummer)) return "is the organisation's number, not a person";
  return undefined;
}

/**
 * ingivare/handlaggare names the caseworker who asks, not an account shared by many: the terms of
 * use give access only to authorised caseworkers, and the processing history must show which user
 * asked.
 */
export const caseworkerNamed: Expectation = {
  name: 'caseworkerNamed',
  title: 'handlaggare names a person, not a shared account',
  check(obs) {
    const org = { namn: obs.input.organisationsnamn, organisationsnummer: obs.input.organisationsnummer };
    const queries = receivedQueryFields(obs);
    if (queries.length === 0) return [NO_QUERY];
    return queries.flatMap((q, i) => {
      const why = sharedAccountReason(q.handlaggare, org);
      return why === undefined
        ? []
        : [`query ${i + 1}: handlaggare ${JSON.stringify(q.handlaggare ?? '')} ${why}`];
    });
  },
};
