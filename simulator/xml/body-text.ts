import { TextDecoder } from 'node:util';

/**
 * Turning a request body's bytes into text, strictly: the charset the Content-Type names (UTF-8 when
 * it names none) and no silent replacement of bytes that are not valid in it. Used for the SOAP
 * endpoint's XML and the JSON API's JSON alike.
 */

/** The media type of a Content-Type header, lower-cased without parameters ('' when there is none). */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** The charset parameter of a Content-Type header, or undefined. */
export function charsetOf(header: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(header ?? '');
  const value = m?.[1] ?? m?.[2];
  return value === undefined || value === '' ? undefined : value;
}

/** The text of a body, or why it has none: an unknown charset, or bytes not valid in the charset (1-based line, byte offset). */
export type BodyText =
  | { ok: true; text: string }
  | { ok: false; problem: 'charset'; charset: string }
  | { ok: false; problem: 'bytes'; charset: string; line: number; offset: number };

/** The first byte offset at which the bytes stop decoding (binary search over prefixes decoded in streaming mode). */
function firstUndecodable(bytes: Uint8Array, label: string): number {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    try {
      new TextDecoder(label, { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  return good;
}

/** Decodes a body by the charset its Content-Type names (default UTF-8), refusing bytes that are not valid in it. A BOM is dropped. */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): BodyText {
  const charset = charsetOf(contentType) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    return { ok: false, problem: 'charset', charset };
  }
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const offset = firstUndecodable(bytes, charset);
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i >= 0 && i < offset; i = bytes.indexOf(0x0a, i + 1)) line++;
    return { ok: false, problem: 'bytes', charset: decoder.encoding, line, offset };
  }
}
