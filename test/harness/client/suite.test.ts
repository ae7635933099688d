import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPECTATION_NAMES, readCaseBody } from '../../../harness/client/case-body.ts';
import { loadClientScenarios } from '../../../harness/client/client-scenarios.ts';
import { EXPECTATIONS } from '../../../harness/client/expectations/index.ts';
import { adapterEnvironment, type AdapterInput } from '../../../harness/client/protocol.ts';
import { DEFECTS } from '../../../harness/reference-client/defects.ts';
import { contracts } from '../../../simulator/contracts/registry.ts';
import { clientCases, ROOT } from './support.ts';

const doc = readFileSync(join(ROOT, 'docs/harness-client.md'), 'utf8');
const caseSchema = contracts().schema('harness/client-case.schema.json') as unknown as {
  properties: { scenario: { enum: string[] } };
  $defs: { Expectation: { oneOf: [{ enum: string[] }, unknown] } };
};

describe('the client suite, its scenarios and docs/harness-client.md agree', () => {
  const cases = clientCases();

  it('every case reads by the client case schema, with ids C-REQ, C-CONC, C-FAULT, C-HIST', () => {
    for (const c of cases) {
      expect(() => readCaseBody(c)).not.toThrow();
      expect(c.id).toMatch(/^C-(REQ|CONC|FAULT|HIST)-\d{3}$/);
    }
  });

  it('every expectation is used by a case, and the schema, the code and the docs list the same ones', () => {
    const used = new Set(cases.flatMap((c) => readCaseBody(c).expect.map((u) => u.name)));
    expect([...used].sort()).toEqual([...EXPECTATION_NAMES].sort());
    expect(Object.keys(EXPECTATIONS).sort()).toEqual([...EXPECTATION_NAMES].sort());
    expect([...caseSchema.$defs.Expectation.oneOf[0].enum].sort()).toEqual([...EXPECTATION_NAMES].sort());
    for (const name of EXPECTATION_NAMES) expect(doc, name).toContain(`| \`${name}\` |`);
  });

  it('every client scenario loads, is used by a case, is in the schema and the docs', () => {
    const names = loadClientScenarios()
      .map((s) => s.name)
      .sort();
    expect(caseSchema.properties.scenario.enum.slice().sort()).toEqual(names);
    expect([...new Set(cases.map((c) => readCaseBody(c).scenario))].sort()).toEqual(names);
    for (const name of names) expect(doc, name).toContain(`| \`${name}\` |`);
  });

  it('the docs name every case with its level, every variable of the protocol and every broken variant', () => {
    for (const c of cases) expect(doc, c.id).toMatch(new RegExp(`\\| ${c.id} \\| ${c.level} \\|`));
    const input: AdapterInput = {
      endpoint: '',
      person: '',
      case: '',
      caseworker: '',
      organisationsnummer: '',
      organisationsnamn: '',
      aktorsid: '',
      period: { from: '', tom: '' },
      sources: [],
      caseId: '',
      timeoutMs: 0,
    };
    for (const name of Object.keys(adapterEnvironment(input))) expect(doc, name).toContain(`\`${name}\``);
    for (const defect of DEFECTS) expect(doc, defect).toContain(`| \`${defect}\` |`);
  });

  it('the shared account and the history are SHOULD, as the terms-of-use cases without a contract element', () => {
    const should = cases.filter((c) => c.level === 'SHOULD').map((c) => c.id);
    expect(should).toEqual(expect.arrayContaining(['C-REQ-005', 'C-HIST-001', 'C-HIST-002', 'C-HIST-003']));
  });
});
