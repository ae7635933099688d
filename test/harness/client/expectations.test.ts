import { describe, expect, it } from 'vitest';
import { EXPECTATIONS } from '../../../harness/client/expectations/index.ts';
import { sharedAccountReason } from '../../../harness/client/expectations/caseworker-named.ts';
import type { ClientObservation, TimedExchange } from '../../../harness/client/observation.ts';
import type { AdapterInput, AdapterOutput } from '../../../harness/client/protocol.ts';

const ORG = { namn: 'Exempelkommunen', organisationsnummer: '162120000142' };

const input: AdapterInput = {
  endpoint: 'http://127.0.0.1:1/ssbtek/v10',
  person: '198803159824',
  case: 'EB-1',
  caseworker: 'HL0001',
  organisationsnummer: ORG.organisationsnummer,
  organisationsnamn: ORG.namn,
  aktorsid: '1000001',
  period: { from: '2026-01-01', tom: '2026-06-30' },
  sources: ['AF', 'SKV'],
  caseId: 'C-TEST',
  timeoutMs: 4000,
};

function soap(fields: {
  handlaggare?: string;
  arendeidentitet?: string;
  syfte?: string;
  person?: string;
}): string {
  const el = (name: string, v: string | undefined): string =>
    v === undefined ? '' : `<s:${name}>${v}</s:${name}>`;
  return `<e:Envelope xmlns:e="http://schemas.xmlsoap.org/soap/envelope/" xmlns:s="http://schema.forsakringskassan.se/integration/ssbt/10"><e:Body><s:hamtaBastjanstInformation><s:generellaFrageparametrar><s:ingivare>${el('handlaggare', fields.handlaggare)}</s:ingivare>${el('personidentitet', fields.person ?? input.person)}${el('arendeidentitet', fields.arendeidentitet)}${el('syfte', fields.syfte)}<s:lagtext>4 kap. 1 § SoL</s:lagtext></s:generellaFrageparametrar></s:hamtaBastjanstInformation></e:Body></e:Envelope>`;
}

function observation(over: Partial<ClientObservation> = {}): ClientObservation {
  return {
    input,
    soapPath: '/ssbtek/v10',
    received: [],
    exchanges: [],
    run: { exitMs: 500, killed: false, exitCode: 0 },
    ...over,
  };
}

function query(
  seq: number,
  receivedMs: number,
  answer?: { answeredMs: number; status: number; retryAfter?: string; date?: string },
): TimedExchange {
  return { seq, path: '/ssbtek/v10', operation: 'hamtaBastjanstInformation', receivedMs, ...answer };
}

const received = (body: string, id = 1): ClientObservation['received'][number] => ({
  id,
  method: 'POST',
  path: '/ssbtek/v10',
  body,
  truncated: false,
  status: 200,
  operation: 'hamtaBastjanstInformation',
});

describe('handlaggare: a person, not a shared account', () => {
  it.each(['HL0001', 'karin.berg', 'KBE01', 'testsson.anna', 'Åsa Öberg'])('accepts %j', (id) => {
    expect(sharedAccountReason(id, ORG)).toBeUndefined();
  });
  it.each([
    '',
    '   ',
    'admin',
    'Admin01',
    'SYSTEM',
    'test',
    'test2',
    'Socialtjänst',
    'socialtjanst-nord',
    'shared',
    'Gemensam',
    'gemensamt-konto',
    'Exempelkommunen',
    'exempelkommunen-soc',
    '162120000142',
    '---',
  ])('refuses %j', (id) => {
    expect(sharedAccountReason(id, ORG)).toBeDefined();
  });
  it('names the query and the reason', () => {
    const obs = observation({
      received: [received(soap({ handlaggare: 'socialtjanst', arendeidentitet: 'EB-1' }))],
    });
    expect(EXPECTATIONS.caseworkerNamed.check(obs, {})).toEqual([
      'query 1: handlaggare "socialtjanst" is a shared or technical account ("socialtjanst"), not a person',
    ]);
  });
});

describe('arendeidentitet, syfte and lagtext', () => {
  it('accepts 31 characters and refuses 32, or none', () => {
    const ok = observation({ received: [received(soap({ arendeidentitet: 'A'.repeat(31) }))] });
    const long = observation({ received: [received(soap({ arendeidentitet: 'A'.repeat(32) }))] });
    const none = observation({ received: [received(soap({}))] });
    expect(EXPECTATIONS.caseIdentity.check(ok, {})).toEqual([]);
    expect(EXPECTATIONS.caseIdentity.check(long, {})).toEqual([
      expect.stringMatching(/is 32 characters; it must be under 32/),
    ]);
    expect(EXPECTATIONS.caseIdentity.check(none, {})).toEqual(['query 1 has no arendeidentitet']);
  });
  it('wants syfte and lagtext not blank', () => {
    const obs = observation({ received: [received(soap({ arendeidentitet: 'EB-1', syfte: ' ' }))] });
    expect(EXPECTATIONS.purposeAndLaw.check(obs, {})).toEqual(['query 1 has an empty syfte']);
  });
  it('fails when there is no query at all', () => {
    expect(EXPECTATIONS.caseIdentity.check(observation(), {})).toEqual([
      expect.stringMatching(/no hamtaBastjanstInformation query/),
    ]);
  });
});

describe('Retry-After and bounded retries', () => {
  it('accepts a retry after the wait and refuses an earlier one (seconds and HTTP date)', () => {
    const late = observation({
      exchanges: [query(1, 10, { answeredMs: 100, status: 503, retryAfter: '1' }), query(2, 1100)],
    });
    const early = observation({
      exchanges: [query(1, 10, { answeredMs: 100, status: 503, retryAfter: '1' }), query(2, 1050)],
    });
    const byDate = observation({
      exchanges: [
        query(1, 10, {
          answeredMs: 100,
          status: 503,
          retryAfter: 'Wed, 21 Oct 2026 07:28:02 GMT',
          date: 'Wed, 21 Oct 2026 07:28:00 GMT',
        }),
        query(2, 1500),
      ],
    });
    expect(EXPECTATIONS.honoursRetryAfter.check(late, {})).toEqual([]);
    expect(EXPECTATIONS.honoursRetryAfter.check(early, {})).toEqual([
      'request 2 came 950 ms after the 503 answer to request 1, whose Retry-After (1) asked for 1000 ms',
    ]);
    expect(EXPECTATIONS.honoursRetryAfter.check(byDate, {})).toHaveLength(1);
    expect(EXPECTATIONS.honoursRetryAfter.notApplicable?.(observation({ exchanges: [query(1, 10)] }))).toBe(
      'SSBTEK sent no Retry-After',
    );
  });
  it('counts the queries sent against maxRequests', () => {
    const four = observation({
      exchanges: [1, 2, 3, 4].map((n) =>
        query(n, n * 1000, { answeredMs: n * 1000 + 5, status: 503, retryAfter: '1' }),
      ),
    });
    expect(EXPECTATIONS.boundedRetries.check(four, {})).toEqual([
      'sent 4 queries for one question; at most 3 (one try and 2 retries) are expected',
    ]);
    expect(EXPECTATIONS.boundedRetries.check(four, { maxRequests: 4 })).toEqual([]);
  });
  it('wants a retry when the 503 came early enough', () => {
    const gaveUpAtOnce = observation({
      exchanges: [query(1, 10, { answeredMs: 20, status: 503, retryAfter: '1' })],
    });
    const waitTooLong = observation({
      exchanges: [query(1, 10, { answeredMs: 20, status: 503, retryAfter: '30' })],
    });
    expect(EXPECTATIONS.retriesWhenUnavailable.check(gaveUpAtOnce, {})).toEqual([
      expect.stringMatching(/did not try again after the 503 to query 1/),
    ]);
    expect(EXPECTATIONS.retriesWhenUnavailable.check(waitTooLong, {})).toEqual([]);
  });
});

describe('conclusions without an answer, giving up, history', () => {
  const output = (over: Partial<AdapterOutput>): AdapterOutput => ({
    sources: { AF: { status: 'error' }, SKV: { status: 'error' } },
    protectedIdentityShown: false,
    ...over,
  });
  it('without an answer, accepts gaveUp or every source an error, and refuses "no data"', () => {
    expect(EXPECTATIONS.conclusionsMatch.check(observation({ output: output({}) }), {})).toEqual([]);
    expect(
      EXPECTATIONS.conclusionsMatch.check(observation({ output: output({ gaveUp: true, sources: {} }) }), {}),
    ).toEqual([]);
    expect(
      EXPECTATIONS.conclusionsMatch.check(
        observation({ output: output({ sources: { AF: { status: 'nodata' }, SKV: { status: 'error' } } }) }),
        {},
      ),
    ).toEqual(['AF: SSBTEK gave no answer, but it reports nodata and does not say it gave up']);
  });
  it('judges giving up from the first query to the end of the output', () => {
    const inTime = observation({
      exchanges: [query(1, 800)],
      output: output({ gaveUp: true }),
      run: { exitMs: 9000, outputMs: 6500, killed: false, exitCode: 0 },
    });
    const late = observation({
      exchanges: [query(1, 800)],
      output: output({ gaveUp: true }),
      run: { exitMs: 9000, outputMs: 7000, killed: false, exitCode: 0 },
    });
    expect(EXPECTATIONS.givesUpInTime.check(inTime, {})).toEqual([]);
    expect(EXPECTATIONS.givesUpInTime.check(late, {})).toEqual([
      'concluded 6200 ms after its first query: later than its timeout of 4000 ms (+ 2000 ms margin)',
    ]);
    expect(EXPECTATIONS.givesUpInTime.check(late, { marginMs: 2500 })).toEqual([]);
  });
  it('wants every question in the history under the caseworker who asked', () => {
    const asked = [received(soap({ arendeidentitet: 'EB-1' }))];
    const good = observation({
      received: asked,
      output: output({
        history: [{ caseworker: 'HL0001', personidentitet: input.person, arendeidentitet: 'EB-1' }],
      }),
    });
    const wrong = observation({
      received: asked,
      output: output({
        history: [{ caseworker: 'socialtjanst', personidentitet: input.person, arendeidentitet: 'EB-1' }],
      }),
    });
    expect(EXPECTATIONS.historyComplete.check(good, {})).toEqual([]);
    expect(EXPECTATIONS.historyComplete.check(wrong, {})).toEqual([
      `no history entry says that HL0001 asked about ${input.person} under case "EB-1"`,
      'history entry 1 names "socialtjanst" as the user, not the caseworker who asked (HL0001)',
    ]);
    expect(EXPECTATIONS.historyComplete.notApplicable?.(observation({ output: output({}) }))).toBe(
      'the adapter reports no history',
    );
  });
});
