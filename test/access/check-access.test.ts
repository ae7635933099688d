import { describe, expect, it } from 'vitest';
import { checkAccess } from '../../simulator/access/check-access.ts';
import { compiledPatterns } from '../../simulator/access/patterns.ts';
import type { Query } from '../../simulator/composite/query-types.ts';
import { RequestFault } from '../../simulator/faults/soap-fault.ts';
import type { RawScenario } from '../../simulator/scenarios/normalize.ts';
import type { Scenario } from '../../simulator/scenarios/types.ts';
import { makeScenario } from '../support/factories.ts';
import { makeQuery } from '../support/queries.ts';

/** makeQuery's person, and another valid one. */
const PERSON = '198803159824';
const OTHER_PERSON = '197911029911';

const MUNICIPALITIES: RawScenario['municipalities'] = [
  {
    organisationsnummer: '162120000142',
    namn: 'Exempelkommunen',
    aktorsid: '1000001',
    caseworkers: [
      { id: 'HL0001', name: 'Aktiv Handläggare' },
      { id: 'HL0002', status: 'revoked' },
      { id: 'HL0003', instructionsAcknowledged: false },
    ],
    cases: [
      { id: 'ARENDE-2026-0001', personidentitet: PERSON },
      { id: 'ARENDE-2026-0002' },
      { id: 'ARENDE-2025-0099', status: 'closed', personidentitet: PERSON },
    ],
  },
  {
    organisationsnummer: '162120000019',
    namn: 'Provkommunen',
    aktorsid: '1000002',
    status: 'pending',
    caseworkers: [{ id: 'HL0001' }],
  },
  {
    organisationsnummer: '162120009978',
    namn: 'Övningskommunen',
    aktorsid: '1000003',
    status: 'terminated',
    caseworkers: [{ id: 'HL0001' }],
  },
];

const strict = makeScenario({ municipalities: MUNICIPALITIES, access: { strictCases: true } });
const lenient = makeScenario({ municipalities: MUNICIPALITIES, access: {} });

/** makeQuery with ingivare, case, syfte or lagtext overridden. */
function query(g: Record<string, unknown> = {}, personidentitet = PERSON): Query {
  return makeQuery(personidentitet, { generellaFrageparametrar: g });
}

function faultOf(scenario: Scenario, q: Query): { felkod: string; message: string } {
  try {
    checkAccess(scenario, q);
  } catch (e) {
    if (e instanceof RequestFault) return { felkod: e.felkod, message: e.felmeddelande.join(' ') };
    throw e;
  }
  throw new Error('expected a fault');
}

const ingivare = (organisationsnummer: string, handlaggare = 'HL0001'): Record<string, unknown> => ({
  ingivare: { organisationsnummer, namn: 'Kommunen', handlaggare },
});

describe('checking access by the terms of use', () => {
  it('Given an active, instructed caseworker of a connected municipality asking in an ongoing case about its person, Then access is allowed', () => {
    expect(() => checkAccess(strict, query())).not.toThrow();
  });

  it.each([
    [
      'an organisation that is not a known municipality',
      'SSBT-020',
      'ingivare/organisationsnummer 165566778899',
      'not a municipality connected',
      query(ingivare('165566778899')),
    ],
    [
      'a municipality whose connection is pending',
      'SSBT-020',
      'ingivare/organisationsnummer 162120000019',
      'not yet in force',
      query(ingivare('162120000019')),
    ],
    [
      'a municipality whose agreement has ended',
      'SSBT-020',
      'ingivare/organisationsnummer 162120009978',
      'agreement for the service has ended',
      query(ingivare('162120009978')),
    ],
    [
      'a handlaggare who is not a caseworker of the municipality',
      'SSBT-021',
      'ingivare/handlaggare HL0099',
      'authorised caseworkers',
      query(ingivare('162120000142', 'HL0099')),
    ],
    [
      'a caseworker whose authority is revoked',
      'SSBT-022',
      'ingivare/handlaggare HL0002',
      'withdrawn',
      query(ingivare('162120000142', 'HL0002')),
    ],
    [
      'a caseworker who has not confirmed the instructions',
      'SSBT-023',
      'ingivare/handlaggare HL0003',
      'instructions',
      query(ingivare('162120000142', 'HL0003')),
    ],
    [
      'a case not in the register',
      'SSBT-024',
      'arendeidentitet ARENDE-2026-9999',
      'ongoing case',
      query({ arendeidentitet: 'ARENDE-2026-9999' }),
    ],
    [
      'a closed case',
      'SSBT-024',
      'arendeidentitet ARENDE-2025-0099',
      'closed case',
      query({ arendeidentitet: 'ARENDE-2025-0099' }),
    ],
    [
      'a case about another person',
      'SSBT-024',
      'arendeidentitet ARENDE-2026-0001',
      'another person',
      query({}, OTHER_PERSON),
    ],
    [
      'a purpose other than economic assistance',
      'SSBT-025',
      'syfte "Kontroll av bidragsfusk"',
      'economic assistance',
      query({ syfte: 'Kontroll av bidragsfusk' }),
    ],
    ['an empty purpose', 'SSBT-025', 'syfte is empty', 'economic assistance', query({ syfte: '' })],
    [
      'another legal basis',
      'SSBT-026',
      'lagtext "Lag (2008:206) om underrättelseskyldighet"',
      '4 kap. 1 § socialtjänstlagen',
      query({ lagtext: 'Lag (2008:206) om underrättelseskyldighet' }),
    ],
    [
      'an empty legal basis',
      'SSBT-026',
      'lagtext is empty',
      '4 kap. 1 § socialtjänstlagen',
      query({ lagtext: ' ' }),
    ],
  ])('Given %s, Then the fault is %s naming %s', (_title, felkod, element, rule, q) => {
    const f = faultOf(strict, q);
    expect(f.felkod).toBe(felkod);
    expect(f.message).toContain(`generellaFrageparametrar/${element}`);
    expect(f.message).toContain(rule);
    expect(f.message).toContain('terms of use');
  });

  it('Given a case about another person, Then the fault does not say whom the case concerns', () => {
    const f = faultOf(strict, query({}, OTHER_PERSON));
    expect(f.message).toContain(OTHER_PERSON);
    expect(f.message).not.toContain(PERSON);
  });

  it('Given a long syfte, Then the fault echoes it cut short', () => {
    const f = faultOf(strict, query({ syfte: 'x'.repeat(500) }));
    expect(f.message).toContain(`"${'x'.repeat(99)}…"`);
    expect(f.message).not.toContain('x'.repeat(100));
  });

  it('Given a case naming no person, Then it may be used for any person (a household member)', () => {
    expect(() =>
      checkAccess(strict, query({ arendeidentitet: 'ARENDE-2026-0002' }, OTHER_PERSON)),
    ).not.toThrow();
  });

  it('Given strictCases false, Then the case is not looked up', () => {
    expect(() => checkAccess(lenient, query({ arendeidentitet: 'ARENDE-2026-9999' }))).not.toThrow();
    expect(() => checkAccess(lenient, query({ arendeidentitet: 'ARENDE-2025-0099' }))).not.toThrow();
    expect(() => checkAccess(lenient, query({}, OTHER_PERSON))).not.toThrow();
  });

  it.each([
    [
      'a terminated municipality, an unknown caseworker, a wrong purpose and a closed case',
      'SSBT-020',
      { ...ingivare('162120009978', 'HL0099'), syfte: 'Kontroll', arendeidentitet: 'ARENDE-2025-0099' },
    ],
    [
      'an unknown caseworker and a wrong purpose',
      'SSBT-021',
      { ...ingivare('162120000142', 'HL0099'), syfte: 'Kontroll' },
    ],
    [
      'a revoked caseworker and a wrong purpose',
      'SSBT-022',
      { ...ingivare('162120000142', 'HL0002'), syfte: 'Kontroll' },
    ],
    [
      'an uninstructed caseworker, a wrong purpose and a wrong legal basis',
      'SSBT-023',
      { ...ingivare('162120000142', 'HL0003'), syfte: 'Kontroll', lagtext: 'Lag (2008:206)' },
    ],
    [
      'a wrong purpose, a wrong legal basis and an unknown case',
      'SSBT-025',
      { syfte: 'Kontroll', lagtext: 'Lag (2008:206)', arendeidentitet: 'X-1' },
    ],
    [
      'a wrong legal basis and an unknown case',
      'SSBT-026',
      { lagtext: 'Lag (2008:206)', arendeidentitet: 'X-1' },
    ],
  ])('Given %s, Then the first rule in order is reported: %s', (_title, felkod, g) => {
    expect(faultOf(strict, query(g)).felkod).toBe(felkod);
  });

  it('Given a scenario without an access section, Then anything is allowed, even an unknown municipality', () => {
    const anything = query(
      {
        ...ingivare('165566778899', 'NOBODY'),
        arendeidentitet: 'X-1',
        syfte: 'Kontroll av bidragsfusk',
        lagtext: 'Lag (2008:206) om underrättelseskyldighet',
      },
      OTHER_PERSON,
    );
    expect(() => checkAccess(makeScenario({ municipalities: MUNICIPALITIES }), anything)).not.toThrow();
    expect(() => checkAccess(makeScenario(), anything)).not.toThrow();
    expect(() =>
      checkAccess(
        makeScenario({ municipalities: MUNICIPALITIES }),
        query(ingivare('162120009978', 'HL0002')),
      ),
    ).not.toThrow();
  });

  it('Given access rules but no municipalities, Then every ingivare is refused, with a hint for the scenario author', () => {
    const f = faultOf(makeScenario({ access: {} }), query());
    expect(f.felkod).toBe('SSBT-020');
    expect(f.message).toContain('lists no municipalities');
  });

  it("Given a scenario's own syfte and lagtext patterns, Then they replace the defaults", () => {
    const own = makeScenario({
      municipalities: MUNICIPALITIES,
      access: { syfte: ['^utredning'], lagtext: ['2025:400'] },
    });
    expect(() =>
      checkAccess(own, query({ syfte: 'UTREDNING av något', lagtext: 'SFS 2025:400' })),
    ).not.toThrow();
    expect(faultOf(own, query({ syfte: 'Handläggning av försörjningsstöd' })).felkod).toBe('SSBT-025');
    expect(faultOf(own, query({ lagtext: '4 kap 1 § SoL' })).felkod).toBe('SSBT-026');
  });
});

describe('the default syfte and lagtext', () => {
  it.each([
    'Utredning av rätt till ekonomiskt bistånd',
    'Handläggning av försörjningsstöd',
    'Handläggning av ärende om EKONOMISKT BISTÅND',
    'FÖRSÖRJNINGSSTÖD',
    'Utredning av rätt till ekonomiskt bista\u030And', // bistånd in NFD (a + combining ring), as some clients send it
    'Utredning av rätt till ekonomiskt\u00A0 bistånd',
  ])('accept the syfte %j', (syfte) => {
    expect(() => checkAccess(lenient, query({ syfte }))).not.toThrow();
  });

  it.each(['Kontroll av bidragsfusk', 'Utredning av bostadsbidrag', 'Felaktiga utbetalningar', ''])(
    'refuse the syfte %j with SSBT-025',
    (syfte) => {
      expect(faultOf(lenient, query({ syfte })).felkod).toBe('SSBT-025');
    },
  );

  it.each([
    '4 kap. 1 § socialtjänstlagen (2025:400)',
    '4 kap 1 § SoL',
    '4 kap. 1§ SoL',
    '4 kap.\u00A01\u00A0§ socialtjänstlagen',
    'Socialtjänstlagen (2001:453)',
    'SoL 4:1 ',
  ])('accept the lagtext %j', (lagtext) => {
    expect(() => checkAccess(lenient, query({ lagtext }))).not.toThrow();
  });

  it.each([
    'Lag (2008:206) om underrättelseskyldighet',
    'Förvaltningslagen (2017:900)',
    'Solidaritetslagen',
    '',
  ])('refuse the lagtext %j with SSBT-026', (lagtext) => {
    expect(faultOf(lenient, query({ lagtext })).felkod).toBe('SSBT-026');
  });
});

describe('compiled patterns', () => {
  it('are compiled once per scenario and reused', () => {
    const access = strict.access;
    if (access === undefined) throw new Error('the scenario has access rules');
    const first = compiledPatterns(access);
    checkAccess(strict, query());
    expect(compiledPatterns(access)).toBe(first);
    expect(first.syfte.every((r) => r.flags === 'i')).toBe(true);
    const other = makeScenario({ municipalities: MUNICIPALITIES, access: { strictCases: true } });
    expect(compiledPatterns(other.access ?? access)).not.toBe(first);
  });
});
