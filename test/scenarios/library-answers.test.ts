import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  libraryFiles,
  sampleAnswers,
  transportProblem,
  type SampleAnswer,
} from '../ci/write-library-samples.ts';
import { xsdAvailable, xsdProblems } from '../support/xsd.ts';

/*
 * Every scenario of the library, served for real (composite and base services over HTTP, 300 ms
 * timeout, fixed base clock): one full query per persona (at most four), the extra queries a scenario
 * is about, and the ping. Only the contract is asserted, never which outcome a scenario produces:
 * HTTP 200 with an answer, or a SOAP Fault with 500 or 503 (503 with Retry-After), and every body
 * valid by the official v10 XSD (skipped when xmllint/xsltproc are missing, except in CI).
 */
describe.each(libraryFiles({ includeDefault: true }).map((file) => [basename(file), file]))(
  'scenario %s',
  (_name, file) => {
    let answers: SampleAnswer[] = [];

    beforeAll(async () => {
      answers = (await sampleAnswers(file)).answers;
    }, 60_000);

    it('answers every query and the ping with HTTP 200, or a SOAP Fault with 500 or 503 (Retry-After)', () => {
      expect(answers.length).toBeGreaterThanOrEqual(2);
      const problems = answers.flatMap((a) => {
        const problem = transportProblem(a);
        return problem === undefined ? [] : [`${a.label}: ${problem}`];
      });
      expect(problems).toEqual([]);
      for (const a of answers) {
        const operation = a.label === 'ping' ? 'testaBastjanstInformation' : 'hamtaBastjanstInformation';
        if (a.status === 200) expect(a.text, a.label).toContain(`${operation}Response`);
        else expect(a.text, a.label).toMatch(/<(\w+:)?Fault[\s>]/);
      }
    });

    it.skipIf(!xsdAvailable)('gives answers and faults that are valid by the official v10 XSD', () => {
      // One run of the checker for the whole scenario; only when it fails, one per answer to name the culprits.
      if (xsdProblems(...answers.map((a) => a.text)) === '') return;
      const invalid = answers.flatMap((a) => {
        const problems = xsdProblems(a.text);
        return problems === '' ? [] : [`${a.label} (HTTP ${a.status}): ${problems}`];
      });
      expect(invalid).toEqual([]);
    });
  },
);
