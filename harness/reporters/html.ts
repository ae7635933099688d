import type { CaseResult, Exchange, RunResult } from '../core/types.ts';
import { escapeXml as e } from './escape-xml.ts';
import { shownHeaders } from './exchange-text.ts';
import { HTML_SCRIPT, HTML_STYLE } from './html-assets.ts';
import { prettyBody } from './pretty-body.ts';
import { SUMMARY_COLUMNS, summaryRows, verdictLine } from './summary-rows.ts';

const SYMBOL = { pass: '✓', fail: '✗', skip: '-', error: '!' } as const;

function ms(n: number): string {
  return n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(1)} s`;
}

function message(title: string, headers: Record<string, string>, body: string): string {
  const head = shownHeaders(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  return `<h4>${e(title)}</h4><pre>${e(head === '' ? '' : `${head}\n\n`)}${e(prettyBody(body))}</pre>`;
}

function exchange(ex: Exchange, i: number): string {
  const label = ex.label === undefined ? `Exchange ${i + 1}` : ex.label;
  const parts = [
    `<div class="exchange"><h4>${e(label)}: ${e(ex.request.method)} <code>${e(ex.request.url)}</code> <span class="meta">${ms(ex.durationMs)}</span></h4>`,
  ];
  parts.push(message('Request', ex.request.headers, ex.request.body));
  if (ex.response !== undefined)
    parts.push(message(`Response ${ex.response.status}`, ex.response.headers, ex.response.body));
  if (ex.error !== undefined) parts.push(`<p class="error">${e(ex.error)}</p>`);
  return `${parts.join('')}</div>`;
}

function details(r: CaseResult): string {
  const parts = [`<p class="meta">${e(r.requirement)} · ${e(`${r.file}:${r.line}`)}</p>`];
  if (r.reason !== undefined)
    parts.push(`<p class="${r.verdict}">${r.verdict === 'error' ? 'Could not run: ' : ''}${e(r.reason)}</p>`);
  for (const f of r.failures)
    parts.push(`<p class="failure"><b>${e(f.expectation)}:</b> ${e(f.message)}</p>`);
  parts.push(...r.exchanges.map(exchange));
  return parts.join('');
}

function row(r: CaseResult): string {
  const failed = r.verdict === 'fail' || r.verdict === 'error';
  const title = failed
    ? `<details><summary>${e(r.title)}</summary>${details(r)}</details>`
    : `${e(r.title)}${r.verdict === 'skip' ? `<div class="meta">skipped: ${e(r.reason ?? '')}</div>` : ''}`;
  const text = `${r.id} ${r.title} ${r.requirement}`.toLowerCase();
  return `<tr class="case" data-verdict="${r.verdict}" data-level="${r.level}" data-text="${e(text)}"><td class="${r.verdict}">${SYMBOL[r.verdict]} ${r.verdict}</td><td>${r.level}</td><td><code>${e(r.id)}</code></td><td>${title}</td><td class="n">${ms(r.durationMs)}</td></tr>`;
}

function summaryTable(run: RunResult): string {
  const head = `<tr><th></th>${SUMMARY_COLUMNS.map((c) => `<th class="n">${c}</th>`).join('')}</tr>`;
  const body = summaryRows(run.results).map(
    (r) => `<tr><th>${r.label}</th>${SUMMARY_COLUMNS.map((c) => `<td class="n">${r[c]}</td>`).join('')}</tr>`,
  );
  return `<table class="summary" style="width:auto">${head}${body.join('')}</table>`;
}

const option = (v: string, label: string): string => `<option value="${v}">${label}</option>`;

/**
 * The run as one self-contained HTML page (inline CSS and script, no external resource; a CSP forbids
 * loading any): the verdict, a summary table, and a table of cases filterable by verdict, level and
 * text, each failing case expandable to its failing expectations and the request and answer of each exchange.
 */
export function runHtml(run: RunResult): string {
  const verdict = verdictLine(run);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${e(`SSBTEK harness, ${run.mode} mode: ${verdict}`)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<h1>SSBTEK conformance harness: ${e(run.mode)} mode</h1>
<p class="meta">Target <code>${e(run.target)}</code> · started ${e(run.startedAt)} · took ${ms(run.durationMs)}</p>
<p class="outcome ${run.summary.mustFailed > 0 ? 'fail' : 'pass'}">${e(verdict)}</p>
${summaryTable(run)}
<form id="filters">
<label>Verdict <select name="verdict">${option('', 'all')}${option('failed', 'fail or error')}${option('fail', 'fail')}${option('error', 'error')}${option('skip', 'skip')}${option('pass', 'pass')}</select></label>
<label>Level <select name="level">${option('', 'all')}${option('MUST', 'MUST')}${option('SHOULD', 'SHOULD')}</select></label>
<label>Text <input name="text" type="search" placeholder="id or title"></label>
<span id="shown" class="meta"></span>
</form>
<table id="cases">
<thead><tr><th>Verdict</th><th>Level</th><th>Id</th><th>Title</th><th class="n">Time</th></tr></thead>
<tbody>
${run.results.map(row).join('\n')}
</tbody>
</table>
<script>${HTML_SCRIPT}</script>
</body>
</html>
`;
}
