import type { CaseResult, RunResult } from '../core/types.ts';
import { escapeXml as x } from './escape-xml.ts';
import { exchangeText } from './exchange-text.ts';

const secs = (ms: number): string => (ms / 1000).toFixed(3);

function counts(results: readonly CaseResult[]): string {
  const n = (v: CaseResult['verdict']): number => results.filter((r) => r.verdict === v).length;
  const time = results.reduce((t, r) => t + r.durationMs, 0);
  return `tests="${results.length}" failures="${n('fail')}" errors="${n('error')}" skipped="${n('skip')}" time="${secs(time)}"`;
}

function failureText(r: CaseResult): string {
  const lines = [`${r.level} ${r.id}: ${r.title}`, `requirement: ${r.requirement}`, `at ${r.file}:${r.line}`];
  if (r.reason !== undefined) lines.push(`could not run: ${r.reason}`);
  for (const f of r.failures) lines.push(`- ${f.expectation}: ${f.message}`);
  return lines.join('\n');
}

function testcase(r: CaseResult): string {
  const open = `    <testcase classname="${x(r.suite)}" name="${x(`${r.id} ${r.title}`)}" time="${secs(r.durationMs)}"`;
  if (r.verdict === 'pass') return `${open}/>`;
  if (r.verdict === 'skip')
    return `${open}>\n      <skipped message="${x(r.reason ?? '')}"/>\n    </testcase>`;
  const first = r.failures[0];
  const message =
    r.verdict === 'error'
      ? `could not run: ${r.reason ?? ''}`
      : first === undefined
        ? (r.reason ?? 'failed')
        : `${first.expectation}: ${first.message}`;
  const tag = r.verdict === 'error' ? 'error' : 'failure';
  const out = r.exchanges.map(exchangeText).join('\n\n');
  return [
    `${open}>`,
    `      <${tag} message="${x(message)}" type="${r.level}">${x(failureText(r))}</${tag}>`,
    ...(out === '' ? [] : [`      <system-out>${x(out)}</system-out>`]),
    '    </testcase>',
  ].join('\n');
}

/**
 * The run as JUnit XML (the Ant format Jenkins and GitLab read): one testsuite per suite, a
 * testcase per case (classname the suite, name the id and title), failure or error with the
 * failing expectations, the exchanges as system-out, skipped with its reason.
 */
export function junitXml(run: RunResult): string {
  const suites = [...new Set(run.results.map((r) => r.suite))];
  const timestamp = run.startedAt.slice(0, 19);
  const parts = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${x(`ssbtek-harness ${run.mode}`)}" ${counts(run.results)}>`,
  ];
  for (const suite of suites) {
    const results = run.results.filter((r) => r.suite === suite);
    parts.push(`  <testsuite name="${x(suite)}" ${counts(results)} timestamp="${x(timestamp)}">`);
    parts.push(
      `    <properties>`,
      `      <property name="mode" value="${x(run.mode)}"/>`,
      `      <property name="target" value="${x(run.target)}"/>`,
      `    </properties>`,
    );
    for (const r of results) parts.push(testcase(r));
    parts.push('  </testsuite>');
  }
  parts.push('</testsuites>', '');
  return parts.join('\n');
}
