// @ts-check
/* global document */
// Rådata: the SOAP request the page sent and the raw answer it got, as text (never parsed as HTML),
// for the technically curious.

import { byId, h, replace } from './dom.js';

/** @typedef {import('./caseworker.js').Exchange} Exchange */

/** @param {string} title @param {string} note @param {string} content @param {string} id */
function block(title, note, content, id) {
  return h(
    'section',
    { class: 'raw-block', 'aria-labelledby': `${id}-rubrik` },
    h('h3', { id: `${id}-rubrik` }, title),
    h('p', { class: 'muted' }, note),
    h('pre', { id, tabindex: '0', 'aria-label': title }, h('code', {}, content)),
  );
}

/** @param {Exchange} x */
function show(x) {
  replace(
    byId('radata-innehall'),
    block(
      'Fråga (SOAP-anrop)',
      `POST ${x.url}, Content-Type: text/xml; charset=utf-8, SOAPAction: ""`,
      x.request,
      'radata-fraga',
    ),
    block('Svar (SOAP-svar)', `HTTP ${x.status}, ${x.contentType}`, x.answer, 'radata-svar'),
    x.decoded === undefined
      ? null
      : block(
          'Avkodat svar (JSON)',
          'Svaret som sidan fick tillbaka från POST /ui/api/decode: varje källas data avkodad (CSN och FK är base64 i SOAP-svaret).',
          JSON.stringify(x.decoded, null, 2),
          'radata-json',
        ),
  );
}

export function initRaw() {
  document.addEventListener('exchange', (e) => {
    /** @type {unknown} */
    const detail = e instanceof CustomEvent ? e.detail : undefined;
    if (detail !== undefined) show(/** @type {Exchange} */ (detail));
  });
}
