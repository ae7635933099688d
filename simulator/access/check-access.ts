import type { Query } from '../composite/query-types.ts';
import { RequestFault } from '../faults/soap-fault.ts';
import type { AccessRules, Municipality, Scenario } from '../scenarios/types.ts';
import { compiledPatterns, matchesAny } from './patterns.ts';

const AT = 'generellaFrageparametrar';

/** Free text as a fault message echoes it: quoted, and cut short when long. */
function quoted(text: string): string {
  return JSON.stringify(text.length > 100 ? `${text.slice(0, 99)}…` : text);
}

function checkMunicipality(scenario: Scenario, orgnr: string): Municipality {
  const at = `${AT}/ingivare/organisationsnummer ${orgnr}`;
  const m = scenario.municipalities.find((x) => x.organisationsnummer === orgnr);
  if (m === undefined) {
    const hint =
      scenario.municipalities.length === 0
        ? ' (The scenario has access rules but lists no municipalities.)'
        : '';
    throw new RequestFault(
      'SSBT-020',
      `${at} is not a municipality connected to the service: the terms of use give access only to connected municipalities. No one can ask on behalf of this organisation.${hint}`,
    );
  }
  if (m.status === 'pending') {
    throw new RequestFault(
      'SSBT-020',
      `${at}: ${m.namn} has an agreement, but its connection to the service is not yet in force; the terms of use give access only to connected municipalities. No caseworker of ${m.namn} can ask until the connection is in force.`,
    );
  }
  if (m.status === 'terminated') {
    throw new RequestFault(
      'SSBT-020',
      `${at}: ${m.namn}'s agreement for the service has ended; the terms of use give access only to connected municipalities, and access ended with the agreement. No caseworker of ${m.namn} can ask.`,
    );
  }
  return m;
}

function checkCaseworker(m: Municipality, id: string): void {
  const at = `${AT}/ingivare/handlaggare ${id}`;
  const w = m.caseworkers.find((x) => x.id === id);
  if (w === undefined) {
    throw new RequestFault(
      'SSBT-021',
      `${at} is not a caseworker of ${m.namn}: the terms of use give access only to the municipality's authorised caseworkers. The caseworker must be authorised by ${m.namn} before asking.`,
    );
  }
  if (w.status === 'revoked') {
    throw new RequestFault(
      'SSBT-022',
      `${at}: the caseworker's authority at ${m.namn} has been withdrawn (left the municipality, or misuse); the terms of use give access only to caseworkers whose authority is in force. The caseworker may no longer ask.`,
    );
  }
  if (!w.instructionsAcknowledged) {
    throw new RequestFault(
      'SSBT-023',
      `${at} has not confirmed reading the instructions for the service; the terms of use require it before the first query. The caseworker must confirm the instructions with ${m.namn} before asking.`,
    );
  }
}

function checkPurpose(access: AccessRules, syfte: string, lagtext: string): void {
  const patterns = compiledPatterns(access);
  if (!matchesAny(syfte, patterns.syfte)) {
    const at =
      syfte.trim() === ''
        ? `${AT}/syfte is empty`
        : `${AT}/syfte ${quoted(syfte)} is not the purpose the service is for`;
    throw new RequestFault(
      'SSBT-025',
      `${at}: the terms of use give access only to handle a case of economic assistance (ekonomiskt bistånd). The service may not be used for any other purpose.`,
    );
  }
  if (!matchesAny(lagtext, patterns.lagtext)) {
    const at =
      lagtext.trim() === ''
        ? `${AT}/lagtext is empty`
        : `${AT}/lagtext ${quoted(lagtext)} is not the legal basis of economic assistance`;
    throw new RequestFault(
      'SSBT-026',
      `${at}: the terms of use give access only on the basis of 4 kap. 1 § socialtjänstlagen. The service may not be used under any other law.`,
    );
  }
}

function checkCase(m: Municipality, arendeidentitet: string, personidentitet: string): void {
  const at = `${AT}/arendeidentitet ${arendeidentitet}`;
  const k = m.cases.find((x) => x.id === arendeidentitet);
  if (k === undefined) {
    throw new RequestFault(
      'SSBT-024',
      `${at} is not a case in ${m.namn}'s register of cases of economic assistance: the terms of use give access only for an ongoing case. Check the case number.`,
    );
  }
  if (k.status === 'closed') {
    throw new RequestFault(
      'SSBT-024',
      `${at} is a closed case at ${m.namn}: the terms of use give access only for an ongoing case of economic assistance. A closed case gives no access.`,
    );
  }
  // Never say whom the case does concern: that is itself personal data.
  if (k.personidentitet !== undefined && k.personidentitet !== personidentitet) {
    throw new RequestFault(
      'SSBT-024',
      `${at} concerns another person than ${AT}/personidentitet ${personidentitet}: the terms of use give access only to data about the person the case concerns. Ask in that person's own case.`,
    );
  }
}

/**
 * Applies the access rules of the terms of use (Allmänna villkor) to a query that passed the
 * contract's checks: the ingivare must be a connected municipality of the scenario; the handlaggare
 * one of its caseworkers, with authority in force, who has confirmed the instructions; syfte and
 * lagtext those of economic assistance; and, with strictCases, arendeidentitet an ongoing case of the
 * municipality about this person. Checked in that order; the first rule broken is thrown as a
 * RequestFault (SSBT-020..SSBT-026) naming the element. A scenario without access rules allows all.
 */
export function checkAccess(scenario: Scenario, query: Query): void {
  const access = scenario.access;
  if (access === undefined) return;
  const g = query.generellaFrageparametrar;
  const m = checkMunicipality(scenario, g.ingivare.organisationsnummer);
  checkCaseworker(m, g.ingivare.handlaggare);
  checkPurpose(access, g.syfte, g.lagtext);
  if (access.strictCases) checkCase(m, g.arendeidentitet, g.personidentitet);
}
