import type { Exchange } from '../core/types.ts';
import { prettyBody } from './pretty-body.ts';

/** Headers whose values reports never show. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/** Header values as reports show them: credentials replaced by "(hidden)". */
export function shownHeaders(headers: Record<string, string>): [string, string][] {
  return Object.entries(headers).map(([k, v]) => [k, SECRET_HEADERS.has(k.toLowerCase()) ? '(hidden)' : v]);
}

/** One exchange as plain text: request line, headers, body; then the response or the error. */
export function exchangeText(ex: Exchange): string {
  const out: string[] = [];
  const label = ex.label === undefined ? '' : ` (${ex.label})`;
  out.push(`>>> ${ex.request.method} ${ex.request.url}${label}, ${Math.round(ex.durationMs)} ms`);
  for (const [k, v] of shownHeaders(ex.request.headers)) out.push(`${k}: ${v}`);
  if (ex.request.body !== '') out.push('', prettyBody(ex.request.body));
  if (ex.response !== undefined) {
    out.push('', `<<< ${ex.response.status}`);
    for (const [k, v] of shownHeaders(ex.response.headers)) out.push(`${k}: ${v}`);
    if (ex.response.body !== '') out.push('', prettyBody(ex.response.body));
  }
  if (ex.error !== undefined) out.push(`!!! ${ex.error}`);
  return out.join('\n');
}
