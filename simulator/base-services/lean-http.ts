import type { IncomingMessage } from 'node:http';
import { deepFreeze } from '../domain/lru.ts';
import { plainBodyLength } from '../http/plain-body.ts';
import { TextMemo } from '../http/text-memo.ts';

/**
 * The parts of a base service's query route that run without express (issue 7): which requests take
 * the lean path, reading their body, and parsing it exactly as express.json({ limit: '1mb', type:
 * ['application/json', 'application/*+json'] }) (body-parser 2) does. Only requests whose headers
 * alone show that body-parser would read them as plain UTF-8 JSON within the limit take this path;
 * every other request (another content type or charset, a compressed or chunked body, a body over the
 * limit, a path in another spelling) goes through the express app as before, so its answer is the
 * same by construction.
 */

/** express.json's limit: '1mb' is 1 048 576 bytes (the `bytes` package). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/** A route's path pattern (`/a/:x/b`) compiled for the exact spelling; undefined when the path is not it. */
export type RouteMatcher = (url: string) => Record<string, string> | undefined;

/**
 * Matches a request target against a route pattern in its exact spelling: the same literal segments
 * in the same case, no trailing slash, no query string, and `:param` segments that are non-empty and
 * need no percent-decoding. Every other spelling express's router may still accept (other case, a
 * trailing slash, a query string, encoded parameters) is left to it (undefined).
 */
export function compileRoute(pattern: string): RouteMatcher {
  const segments = pattern.split('/');
  const params = segments.map((s) => (s.startsWith(':') ? s.slice(1) : undefined));
  if (params.every((p) => p === undefined)) return (url) => (url === pattern ? {} : undefined);
  return (url) => {
    if (url.includes('?') || url.includes('%')) return undefined;
    const parts = url.split('/');
    if (parts.length !== segments.length) return undefined;
    const found: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const name = params[i];
      const part = parts[i] as string;
      if (name === undefined) {
        if (part !== segments[i]) return undefined;
      } else {
        if (part === '') return undefined;
        found[name] = part;
      }
    }
    return found;
  };
}

/** The content types the lean path takes (body-parser reads them as UTF-8 JSON); others go through express. */
const LEAN_CONTENT_TYPES = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

/**
 * The declared length of a body the lean path can read, or undefined when the request must go through
 * express: a JSON content type in UTF-8, and a plain body within the limit (http/plain-body.ts).
 */
export function leanBodyLength(req: IncomingMessage): number | undefined {
  const type = req.headers['content-type'];
  if (type === undefined || !LEAN_CONTENT_TYPES.has(type.toLowerCase())) return undefined;
  return plainBodyLength(req, BODY_LIMIT_BYTES);
}

/** The body's text as body-parser decodes UTF-8 (iconv-lite: a leading byte order mark is dropped). */
export function utf8Text(body: Buffer): string {
  return bodyTexts.text(body);
}

function decodeUtf8(body: Buffer): string {
  const text = body.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A parsed JSON body, or the message body-parser's SyntaxError would carry. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false; message: string };

// eslint-disable-next-line no-control-regex -- body-parser's own pattern: JSON's blanks are space, tab, LF and CR
const FIRST_NON_WHITESPACE = /^[\x20\x09\x0a\x0d]*([^\x20\x09\x0a\x0d]|$)/;

/**
 * Parses a body as body-parser's strict JSON parser does (body-parser 2.4, lib/types/json.js): an
 * empty body is `{}`; a body whose first non-blank character is neither `{` nor `[` is refused with
 * the message JSON.parse gives for it up to that character; otherwise JSON.parse, with its message.
 */
export function parseJsonBody(text: string): ParsedBody {
  if (text.length === 0) return { ok: true, value: {} };
  if (text[0] !== '{' && text[0] !== '[') {
    const first = FIRST_NON_WHITESPACE.exec(text)?.[1] || undefined;
    if (first !== '{' && first !== '[') return { ok: false, message: strictViolation(text, first) };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/** body-parser's createStrictSyntaxError message: JSON.parse's message for the text with '#' from `char` on, the '#'s put back. */
function strictViolation(text: string, char: string | undefined): string {
  // body-parser calls str.indexOf(char) with char possibly undefined, which searches for "undefined".
  const index = text.indexOf(String(char));
  const partial = index === -1 ? '' : text.substring(0, index) + '#'.repeat(text.length - index);
  try {
    JSON.parse(partial);
    return 'strict violation';
  } catch (e) {
    return (e as Error).message.replace(/#+/g, (placeholder) => text.substring(index, index + placeholder.length));
  }
}

/** The longest body text whose parse is remembered (the composite's queries are a few hundred bytes). */
const MEMO_MAX_TEXT = 4 * 1024;
/** How many body texts are remembered; when full, all are forgotten at once (cheaper than an LRU's bookkeeping). */
const MEMO_SIZE = 128;
const parsedBodies = new Map<string, ParsedBody>();
/** The texts of the bodies whose parse is remembered, by their bytes: the same body gives the same string, found in parsedBodies at once. */
const bodyTexts = new TextMemo(decodeUtf8, MEMO_SIZE, MEMO_MAX_TEXT * 3);

/**
 * parseJsonBody with a memory shared by every base service in the process: the same text (up to
 * 4 KB, 128 texts) gives the same deep-frozen value, so the work that follows is remembered per value
 * (the query check, the payload key). The composite sends the same body to six of the seven sources,
 * so even a query seen once is parsed and checked once. A value is frozen also when not remembered.
 */
export function parseBodyRemembered(text: string): ParsedBody {
  if (text.length > MEMO_MAX_TEXT) return frozen(parseJsonBody(text));
  let parsed = parsedBodies.get(text);
  if (parsed === undefined) {
    parsed = frozen(parseJsonBody(text));
    if (parsedBodies.size >= MEMO_SIZE) parsedBodies.clear();
    parsedBodies.set(text, parsed);
  }
  return parsed;
}

/** Forgets every remembered body (for tests and measurements). */
export function clearParsedBodies(): void {
  parsedBodies.clear();
  bodyTexts.clear();
}

function frozen(parsed: ParsedBody): ParsedBody {
  if (parsed.ok) deepFreeze(parsed.value);
  return Object.freeze(parsed);
}
