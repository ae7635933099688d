// @ts-check
// The compiled answer as a caseworker reads it: the protected-identity notice first, an overview, then
// one card per source with its data, "Inga uppgifter", or a plain-Swedish explanation of its error.

import { h, table } from './dom.js';
import { explainFault, explainSourceError } from './explain.js';
import { period, personnummer } from './format.js';
import { renderAF } from './render-af.js';
import { renderCSN } from './render-csn.js';
import { renderFK } from './render-fk.js';
import { renderMIV } from './render-miv.js';
import { renderSKV } from './render-skv.js';
import { renderSO } from './render-so.js';
import { renderTNS } from './render-tns.js';
import { SOURCE_CODES, SOURCE_NAMES } from './sources.js';

/** @typedef {import('./types').SourceCode} SourceCode */
/** @typedef {import('./types').Decoded} Decoded */
/** @typedef {import('./render-types').Rendered} Rendered */
/** @typedef {import('./query.js').QueryInput} QueryInput */

/** @type {Record<SourceCode, (data: unknown) => Rendered>} */
const RENDERERS = {
  AF: renderAF,
  CSN: renderCSN,
  FK: renderFK,
  SKV: renderSKV,
  SO: renderSO,
  TNS: renderTNS,
  MIV: renderMIV,
};

/**
 * The notice that cannot be missed: before any data, in a strong colour, announced at once.
 * @param {SourceCode[]} markedBy
 */
export function protectedNotice(markedBy) {
  return h(
    'div',
    { class: 'protected-alert', role: 'alert', id: 'skyddad-identitet' },
    h('h3', {}, 'Skyddad identitet'),
    h('p', { class: 'lead' }, 'Personen har skyddade personuppgifter (sekretessmarkering).'),
    h('p', {}, 'Det här kräver av dig som handläggare:'),
    h(
      'ul',
      {},
      h('li', {}, 'Hantera uppgifterna med särskild försiktighet.'),
      h(
        'li',
        {},
        'Lämna inte ut adress, vistelseort eller andra uppgifter som kan avslöja var personen finns – inte heller till anhöriga eller andra som frågar.',
      ),
      h(
        'li',
        {},
        'Följ kommunens rutiner för personer med skyddade personuppgifter (till exempel hur akten märks, förvaras och skickas).',
      ),
    ),
    h(
      'p',
      { class: 'small' },
      `Markeringen kommer från: ${markedBy.map((c) => SOURCE_NAMES[c]).join(', ')}.`,
    ),
  );
}

/**
 * @param {{ felkod: string, felmeddelande: string[] }} fault
 * @param {number | undefined} retryAfter seconds, from the answer's Retry-After header
 */
function faultCard(fault, retryAfter) {
  const x = explainFault(fault);
  const minutes = retryAfter === undefined ? undefined : Math.max(1, Math.ceil(retryAfter / 60));
  return h(
    'section',
    { class: 'source-card status-error', 'aria-labelledby': 'fault-title' },
    h('h3', { id: 'fault-title' }, x.title, ' ', h('span', { class: 'badge badge-error' }, fault.felkod)),
    h('p', { class: 'lead' }, x.meaning),
    h('p', {}, h('strong', {}, 'Gör så här: '), x.todo),
    minutes === undefined
      ? null
      : h(
          'p',
          {},
          `SSBTEK räknar med att kunna svara igen om ${minutes === 1 ? 'en minut' : `${minutes} minuter`}.`,
        ),
    h('p', { class: 'small' }, `Meddelande från SSBTEK: ${fault.felmeddelande.join(' ')}`),
  );
}

/**
 * @typedef {object} SourceStatus
 * @property {SourceCode} code
 * @property {'data' | 'empty' | 'error' | 'timeout' | 'missing'} kind
 * @property {string} label
 * @property {Node} card
 */

/**
 * @param {SourceCode} code
 * @param {import('./types').DecodedSource | undefined} answer
 * @returns {SourceStatus}
 */
function sourceCard(code, answer) {
  const name = SOURCE_NAMES[code];
  const titleId = `kalla-${code}-rubrik`;
  /** @param {string} kind @param {string} label @param {...import('./dom.js').Child} body */
  const card = (kind, label, ...body) =>
    h(
      'section',
      {
        class: `source-card status-${kind}`,
        id: `kalla-${code}`,
        'aria-labelledby': titleId,
        'data-source': code,
      },
      h('h3', { id: titleId }, name, ' ', h('span', { class: `badge badge-${kind}` }, label)),
      ...body,
    );
  if (answer === undefined) {
    const label = 'Saknas i svaret';
    return {
      code,
      kind: 'missing',
      label,
      card: card('error', label, h('p', {}, 'Källan efterfrågades men finns inte med i svaret.')),
    };
  }
  if (answer.error !== undefined) {
    const x = explainSourceError(answer.error, name);
    const e = answer.error;
    return {
      code,
      kind: x.tone,
      label: x.title,
      card: card(
        x.tone,
        x.title,
        h(
          'div',
          { class: 'explanation' },
          h('p', { class: 'lead' }, x.meaning),
          h('p', {}, h('strong', {}, 'Gör så här: '), x.todo),
          h(
            'p',
            { class: 'small' },
            `Teknisk information: ${e.kalla === 'SSBT' ? 'felet uppstod i SSBTEK (kalla=SSBT)' : 'källan rapporterade felet (kalla=BT)'}, felkod ${e.felkod}: ${e.felmeddelande.join(' ')}`,
          ),
        ),
      ),
    };
  }
  let rendered;
  try {
    rendered = RENDERERS[code](answer.data);
  } catch (err) {
    rendered = {
      empty: false,
      nodes: [
        h(
          'p',
          {},
          `Svaret kunde inte visas: ${err instanceof Error ? err.message : String(err)}. Se Rådata.`,
        ),
      ],
    };
  }
  if (rendered.empty) {
    const label = rendered.label ?? 'Inga uppgifter';
    return { code, kind: 'empty', label, card: card('empty', label, rendered.nodes) };
  }
  return {
    code,
    kind: 'data',
    label: 'Uppgifter finns',
    card: card('data', 'Uppgifter finns', rendered.nodes),
  };
}

/**
 * The whole answer view.
 * @param {Decoded} decoded
 * @param {QueryInput} query
 * @param {string | undefined} personaName
 * @param {number} [retryAfter] seconds, when the answer said when to try again (Retry-After)
 * @returns {{ nodes: Node[], summary: string, protectedMarked: boolean }}
 */
export function renderAnswer(decoded, query, personaName, retryAfter) {
  const heading = h(
    'div',
    { class: 'answer-head' },
    h('h2', { id: 'svar-rubrik', tabindex: '-1' }, 'Svar från SSBTEK'),
    h(
      'p',
      {},
      `Person ${personnummer(query.personidentitet)}${personaName ? ` (${personaName})` : ''} · ärende ${query.arendeidentitet} · period ${period(query.fromDatum, query.tomDatum)} · handläggare ${query.ingivare.handlaggare}, ${query.ingivare.namn}`,
    ),
  );
  if (decoded.fault !== undefined) {
    return {
      nodes: [heading, faultCard(decoded.fault, retryAfter)],
      summary: `Frågan avvisades av SSBTEK (${decoded.fault.felkod}). Inga källor tillfrågades.`,
      protectedMarked: false,
    };
  }
  const svarsdata = decoded.svarsdata ?? {};
  const asked = SOURCE_CODES.filter((c) => query.sources.includes(c) || svarsdata[c] !== undefined);
  const markedBy = asked.filter((c) => {
    const a = svarsdata[c];
    return a !== undefined && a.error === undefined && a.protectedMarked === true;
  });
  const statuses = asked.map((c) => sourceCard(c, svarsdata[c]));
  /** @type {Node[]} */
  const nodes = [heading];
  if (markedBy.length > 0) nodes.push(protectedNotice(markedBy));
  nodes.push(
    table(
      'Översikt: vad varje källa svarade',
      ['Källa', 'Svar'],
      statuses.map((s) => [
        h('a', { href: `#kalla-${s.code}` }, SOURCE_NAMES[s.code]),
        h('span', { class: `badge badge-${s.kind === 'missing' ? 'error' : s.kind}` }, s.label),
      ]),
      { className: 'overview' },
    ),
  );
  for (const s of statuses) nodes.push(s.card);
  const failed = statuses.filter((s) => s.kind === 'error' || s.kind === 'timeout' || s.kind === 'missing');
  const parts = [`Svar mottaget från ${asked.length - failed.length} av ${asked.length} källor.`];
  if (failed.length > 0)
    parts.push(`Fel eller inget svar från: ${failed.map((s) => SOURCE_NAMES[s.code]).join(', ')}.`);
  if (markedBy.length > 0) parts.unshift('Observera: personen har skyddad identitet.');
  return { nodes, summary: parts.join(' '), protectedMarked: markedBy.length > 0 };
}
