import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml } from '../../../harness/reporters/escape-xml.ts';
import { junitXml } from '../../../harness/reporters/junit.ts';
import { makeResult, makeRun, mixedRun } from './support.ts';

describe('the JUnit reporter', () => {
  const xml = junitXml(mixedRun());
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  });
  type Doc = {
    testsuites: {
      tests: string;
      failures: string;
      errors: string;
      skipped: string;
      testsuite: {
        name: string;
        tests: string;
        failures: string;
        errors: string;
        skipped: string;
        testcase: Record<string, unknown>[];
      }[];
    };
  };
  const doc = parser.parse(xml) as Doc;

  it('is well-formed XML with the right counts, one testsuite per suite', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(doc.testsuites).toMatchObject({ tests: '4', failures: '1', errors: '1', skipped: '1' });
    expect(doc.testsuites.testsuite.map((s) => [s.name, s.tests, s.failures, s.errors, s.skipped])).toEqual([
      ['provider', '3', '1', '1', '0'],
      ['extra', '1', '0', '0', '1'],
    ]);
  });

  it('names each testcase by suite, id and title; failure message, error, skipped and the exchanges as system-out', () => {
    const [pass, fail, error] = doc.testsuites.testsuite[0]?.testcase ?? [];
    expect(pass).toEqual({
      classname: 'provider',
      name: 'P-PASS-001 Given x, when y, then z',
      time: '0.012',
    });
    expect(fail).toMatchObject({
      failure: {
        message: 'echoes korrelationsid: expected <script>alert("x")</script> & more',
        type: 'MUST',
      },
    });
    expect((fail as { failure: { '#text': string } }).failure['#text']).toContain('requirement: r');
    expect(fail?.['system-out']).toContain('>>> POST http://127.0.0.1:8080/ssbtek/v10 (query), 20 ms');
    expect(fail?.['system-out']).toContain('authorization: (hidden)');
    expect(xml).not.toContain('c2VjcmV0');
    expect(error).toMatchObject({ error: { message: 'could not run: adapter crashed', type: 'SHOULD' } });
    expect(doc.testsuites.testsuite[1]?.testcase[0]).toMatchObject({
      skipped: { message: 'needs --control' },
    });
  });

  it('stays well-formed with characters XML cannot hold', () => {
    const odd = junitXml(
      makeRun([
        makeResult({
          verdict: 'fail',
          failures: [{ expectation: 'x', message: 'bell \u0007 and ]]> and \uD800' }],
        }),
      ]),
    );
    expect(XMLValidator.validate(odd)).toBe(true);
    expect(escapeXml('a\u0000b')).toBe('a\uFFFDb');
  });
});
