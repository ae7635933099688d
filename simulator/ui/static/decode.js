// @ts-check
/* global fetch */
// Sends the raw SOAP answer to POST /ui/api/decode and reads the result into one shape: svarsdata with
// each source's decoded data (and whether it marks a protected identity) or its error, or the fault.

import { ApiError } from './api.js';
import { obj } from './format.js';
import { SOURCE_CODES } from './sources.js';

/** @typedef {import('./types').Decoded} Decoded */
/** @typedef {import('./types').DecodeBody} DecodeBody */
/** @typedef {import('./types').SourceError} SourceError */

/**
 * @param {unknown} body the helper's JSON
 * @returns {Decoded}
 */
export function readDecodeBody(body) {
  const b = /** @type {DecodeBody | Decoded} */ (body);
  if ('kind' in b) {
    if (b.kind === 'fault') return { fault: b.fault };
    if (b.kind === 'ping') return { svarsdata: {} };
    /** @type {Decoded['svarsdata']} */
    const svarsdata = {};
    const answer = b.answer.svarsdata ?? {};
    for (const code of SOURCE_CODES) {
      const s = answer[code];
      if (s === undefined) continue;
      if (s.error !== undefined) svarsdata[code] = { error: s.error };
      else svarsdata[code] = { data: s.data, protectedMarked: b.protectedMarked?.[code] === true };
    }
    /** @type {Decoded} */
    const out = { svarsdata };
    if (b.answer.korrelationsid !== undefined) out.korrelationsid = b.answer.korrelationsid;
    return out;
  }
  return b;
}

/**
 * @param {string} soapAnswer the SOAP endpoint's answer, as text
 * @returns {Promise<Decoded>}
 */
export async function decode(soapAnswer) {
  let res;
  try {
    res = await fetch('/ui/api/decode', {
      method: 'POST',
      headers: { 'Content-Type': 'text/xml; charset=utf-8' },
      body: soapAnswer,
    });
  } catch {
    throw new ApiError(0, 'Simulatorn svarar inte. Kontrollera att den är igång.');
  }
  const body = /** @type {unknown} */ (await res.json().catch(() => ({})));
  if (!res.ok) {
    const detail = obj(body).detail;
    throw new ApiError(
      res.status,
      `Svaret kunde inte tolkas (${res.status}): ${typeof detail === 'string' ? detail : 'okänt fel'}`,
    );
  }
  return readDecodeBody(body);
}
