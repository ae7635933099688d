// @ts-check
/* global document, fetch, window, performance, CustomEvent */
// Handläggarvy: the caseworker's form, sent the way a municipality's case system sends it (a SOAP
// request to the SOAP endpoint), and the answer rendered from the raw SOAP answer.

import { ApiError, describeError, json } from './api.js';
import { renderAnswer } from './answer.js';
import { decode } from './decode.js';
import { byId, h, replace } from './dom.js';
import { isoDay, personnummer, seconds } from './format.js';
import { buildSoapRequest, newKorrelationsid } from './query.js';
import { isSourceCode, SOURCE_CODES } from './sources.js';

/** @typedef {import('./types').PersonasAnswer} PersonasAnswer */
/** @typedef {import('./types').Persona} Persona */
/** @typedef {import('./query.js').QueryInput} QueryInput */

/**
 * The last exchange, for the raw view.
 * @typedef {object} Exchange
 * @property {string} url
 * @property {string} request
 * @property {number} status
 * @property {string} contentType
 * @property {string} answer
 * @property {unknown} decoded
 */

/** @type {Persona[]} */
let personas = [];
let soapPath = '/ssbtek/v10';

/** @param {string} id @returns {HTMLInputElement} */
function input(id) {
  const el = byId(id);
  if (!(el instanceof HTMLInputElement)) throw new Error(`#${id} är inte ett inmatningsfält`);
  return el;
}

/** Today minus six months, and today, in the browser's time zone. */
function defaultPeriod() {
  const to = new Date();
  const from = new Date(to.getFullYear(), to.getMonth() - 6, to.getDate());
  return { from: isoDay(from), to: isoDay(to) };
}

function showPersonaDescription() {
  const select = /** @type {HTMLSelectElement} */ (byId('persona'));
  const p = personas.find((x) => x.id === select.value);
  const box = byId('persona-beskrivning');
  if (p === undefined) {
    replace(
      box,
      'Ange ett personnummer eller samordningsnummer (12 siffror). Alla personer i simulatorn är påhittade.',
    );
    return;
  }
  replace(
    box,
    h('strong', {}, p.name ?? p.id),
    ` (${personnummer(p.personidentitet)}): ${p.description ?? ''}`,
    p.protected === true ? h('span', { class: 'tag tag-protected' }, 'Skyddad identitet') : null,
  );
}

/**
 * Loads the personas of the active scenario into the list.
 * @returns {Promise<void>}
 */
export async function loadPersonas() {
  const select = /** @type {HTMLSelectElement} */ (byId('persona'));
  const previous = select.value;
  try {
    /** @type {PersonasAnswer} */
    const body = await json('/ui/api/personas');
    personas = body.personas;
    replace(byId('aktivt-scenario'), body.scenario.name);
    replace(
      select,
      h('option', { value: '' }, '– Ange personnummer själv –'),
      personas.map((p) => h('option', { value: p.id }, `${p.name ?? p.id} – ${p.description ?? ''}`)),
    );
    const keep = personas.find((p) => p.id === previous) ?? personas[0];
    select.value = keep?.id ?? '';
    if (keep !== undefined) input('personnummer').value = keep.personidentitet;
    showPersonaDescription();
  } catch (e) {
    replace(
      byId('persona-beskrivning'),
      h('span', { class: 'error-text' }, `Personerna kunde inte hämtas: ${describeError(e)}`),
    );
  }
}

/** @returns {QueryInput} */
function readForm() {
  const sources = [...document.querySelectorAll('input[name="kalla"]')]
    .filter((el) => el instanceof HTMLInputElement && el.checked)
    .map((el) => /** @type {HTMLInputElement} */ (el).value)
    .filter(isSourceCode);
  return {
    personidentitet: input('personnummer').value.replace(/\D/g, ''),
    arendeidentitet: input('arende').value.trim(),
    fromDatum: input('fran').value,
    tomDatum: input('till').value,
    sources,
    ingivare: {
      organisationsnummer: input('orgnr').value.trim(),
      namn: input('kommun').value.trim(),
      handlaggare: input('handlaggare').value.trim(),
    },
    aktorsid: input('aktorsid').value.trim(),
    syfte: input('syfte').value.trim(),
    lagtext: input('lagtext').value.trim(),
    korrelationsid: newKorrelationsid(),
  };
}

/** @param {string} message @param {boolean} [busy] */
function status(message, busy = false) {
  const el = byId('fraga-status');
  el.classList.toggle('busy', busy);
  replace(el, message);
}

/** @param {Event} event */
async function submit(event) {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (byId('fraga'));
  const query = readForm();
  if (query.sources.length === 0) {
    status('Välj minst en källa att fråga.');
    byId('kallor').querySelector('input')?.focus();
    return;
  }
  if (query.fromDatum > query.tomDatum) {
    status('Från-datum måste vara före till-datum.');
    input('fran').focus();
    return;
  }
  const button = /** @type {HTMLButtonElement} */ (byId('skicka'));
  button.disabled = true;
  form.setAttribute('aria-busy', 'true');
  const started = performance.now();
  const timer = window.setInterval(() => {
    replace(byId('fraga-tid'), `Väntat ${seconds(performance.now() - started)}`);
  }, 250);
  status('Frågan är skickad till SSBTEK. Väntar på svar från källorna …', true);
  const request = buildSoapRequest(query);
  const results = byId('svar');
  try {
    let res;
    try {
      res = await fetch(soapPath, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '""' },
        body: request,
      });
    } catch {
      throw new ApiError(0, 'SSBTEK svarar inte. Kontrollera att simulatorn är igång.');
    }
    const answer = await res.text();
    /** @type {Exchange} */
    const exchange = {
      url: soapPath,
      request,
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      answer,
      decoded: undefined,
    };
    document.dispatchEvent(new CustomEvent('exchange', { detail: exchange }));
    const decoded = await decode(answer);
    exchange.decoded = decoded;
    document.dispatchEvent(new CustomEvent('exchange', { detail: exchange }));
    const persona = personas.find((p) => p.personidentitet === query.personidentitet);
    const retryAfter = Number(res.headers.get('retry-after') ?? '');
    const view = renderAnswer(
      decoded,
      query,
      persona?.name,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
    replace(results, view.nodes);
    status(`${view.summary} Svarstid ${seconds(performance.now() - started)}.`);
    // The answer comes into view at its top (the protected-identity notice right under the heading).
    const head = byId('svar-rubrik');
    head.scrollIntoView({ block: 'start' });
    head.focus({ preventScroll: true });
    document.dispatchEvent(
      new CustomEvent('query-done', { detail: { korrelationsid: query.korrelationsid } }),
    );
  } catch (e) {
    replace(results, h('p', { class: 'error-text' }, describeError(e)));
    status(`Frågan kunde inte genomföras: ${describeError(e)}`);
  } finally {
    window.clearInterval(timer);
    replace(byId('fraga-tid'), '');
    button.disabled = false;
    form.removeAttribute('aria-busy');
  }
}

/** Sets up the form: defaults, the persona list, the source checkboxes. */
export async function initCaseworker() {
  try {
    const config = /** @type {{ soapPath?: string }} */ (await json('/ui/api/config'));
    if (typeof config.soapPath === 'string') soapPath = config.soapPath;
  } catch {
    // The default path is right unless the simulator was started with --soap-path.
  }
  const { from, to } = defaultPeriod();
  input('fran').value = from;
  input('till').value = to;
  input('arende').value = `EB-${new Date().getFullYear()}-0101`;
  replace(
    byId('kallor-lista'),
    SOURCE_CODES.map((code) =>
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', name: 'kalla', value: code, checked: true }),
        ` ${sourceLabel(code)} `,
        h('span', { class: 'muted' }, `(${code})`),
      ),
    ),
  );
  byId('persona').addEventListener('change', () => {
    const p = personas.find((x) => x.id === /** @type {HTMLSelectElement} */ (byId('persona')).value);
    if (p !== undefined) input('personnummer').value = p.personidentitet;
    showPersonaDescription();
  });
  input('personnummer').addEventListener('input', () => {
    const value = input('personnummer').value.replace(/\D/g, '');
    const p = personas.find((x) => x.personidentitet === value);
    /** @type {HTMLSelectElement} */ (byId('persona')).value = p?.id ?? '';
    showPersonaDescription();
  });
  byId('alla-kallor').addEventListener('click', () => setAllSources(true));
  byId('inga-kallor').addEventListener('click', () => setAllSources(false));
  byId('fraga').addEventListener('submit', (e) => void submit(e));
  document.addEventListener('scenario-changed', () => void loadPersonas());
  await loadPersonas();
}

/** @param {boolean} checked */
function setAllSources(checked) {
  for (const el of document.querySelectorAll('input[name="kalla"]'))
    if (el instanceof HTMLInputElement) el.checked = checked;
}

/** @param {import('./types').SourceCode} code */
function sourceLabel(code) {
  return {
    AF: 'Arbetsförmedlingen',
    CSN: 'Centrala studiestödsnämnden',
    FK: 'Försäkringskassan och Pensionsmyndigheten',
    SKV: 'Skatteverket',
    SO: 'a-kassorna',
    TNS: 'Transportstyrelsen',
    MIV: 'Migrationsverket',
  }[code];
}
