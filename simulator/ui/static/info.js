// @ts-check
/* global document */
// The information pages the supplier publishes: Driftinformation (operational notices), Releaseinformation
// (release notes) and Bastjänsterna (what each base service answers).

import { describeError, json } from './api.js';
import { byId, facts, h, replace, table } from './dom.js';
import { dateTime } from './format.js';
import { SOURCE_NAMES } from './sources.js';

/** @typedef {import('./types').Driftinformation} Driftinformation */
/** @typedef {import('./types').Notice} Notice */
/** @typedef {import('./types').SourceDescription} SourceDescription */

const KINDS = /** @type {Record<string, string>} */ ({
  planned: 'Planerat',
  acute: 'Pågår',
  resolved: 'Åtgärdat',
});

/** @param {Notice} n */
function notice(n) {
  const when = n.to === undefined ? `från ${dateTime(n.from)}` : `${dateTime(n.from)} – ${dateTime(n.to)}`;
  return h(
    'article',
    { class: `notice notice-${n.kind}` },
    h(
      'h4',
      {},
      h(
        'span',
        { class: `badge badge-${n.kind === 'acute' ? 'error' : n.kind === 'planned' ? 'timeout' : 'data'}` },
        KINDS[n.kind] ?? n.kind,
      ),
      ' ',
      n.title,
    ),
    h(
      'p',
      { class: 'small' },
      when,
      n.sources === undefined || n.sources.length === 0
        ? ''
        : ` · Berör: ${n.sources.map((c) => SOURCE_NAMES[c] ?? c).join(', ')}`,
    ),
    n.text === undefined ? null : h('p', {}, n.text),
  );
}

export async function refreshDrift() {
  const container = byId('drift-innehall');
  try {
    /** @type {Driftinformation} */
    const d = await json('/ui/api/driftinformation');
    replace(
      container,
      d.now === undefined
        ? null
        : h(
            'p',
            { class: 'muted' },
            `Läget ${dateTime(d.now)} (scenariots klocka${d.scenario ? `, scenario ${d.scenario}` : ''}).`,
          ),
      h('h3', {}, 'Pågående och nyligen åtgärdat'),
      d.active.length === 0 ? h('p', {}, 'Inga kända störningar just nu.') : d.active.map(notice),
      h('h3', {}, 'Planerade arbeten'),
      d.planned.length === 0 ? h('p', {}, 'Inga planerade arbeten.') : d.planned.map(notice),
    );
  } catch (e) {
    replace(
      container,
      h('p', { class: 'error-text' }, `Driftinformationen kunde inte hämtas: ${describeError(e)}`),
    );
  }
}

/**
 * The release notes come as HTML the server has escaped; as a second guard, anything active (scripts,
 * frames, event handlers, javascript: links) is removed before it is shown.
 * @param {string} html
 */
export function safeFragment(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const el of template.content.querySelectorAll(
    'script, style, iframe, object, embed, link, meta, form',
  ))
    el.remove();
  for (const el of template.content.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      const value = attr.value.trim().toLowerCase();
      if (
        attr.name.startsWith('on') ||
        attr.name === 'style' ||
        ((attr.name === 'href' || attr.name === 'src') && value.startsWith('javascript:'))
      )
        el.removeAttribute(attr.name);
    }
  }
  return template.content;
}

async function loadReleaseNotes() {
  const container = byId('release-innehall');
  try {
    const body = /** @type {{ html?: string }} */ (await json('/ui/api/release-notes'));
    replace(container, safeFragment(body.html ?? ''));
  } catch (e) {
    replace(
      container,
      h('p', { class: 'error-text' }, `Releaseinformationen kunde inte hämtas: ${describeError(e)}`),
    );
  }
}

/** @param {SourceDescription} s */
function sourceSection(s) {
  const info = s.information ?? {};
  const elements = s.elements ?? [];
  return h(
    'article',
    { class: 'source-info', id: `bastjanst-${s.code}` },
    h('h3', {}, s.name ?? SOURCE_NAMES[s.code], h('span', { class: 'muted' }, ` (${s.code})`)),
    info.sammanfattning === undefined ? null : h('p', { class: 'lead' }, info.sammanfattning),
    facts([
      ['Period', s.period?.text ?? ''],
      ['Skyddad identitet', info.skyddadIdentitet ?? ''],
      ['Inga uppgifter', info.ingaUppgifter ?? ''],
      ['Svarsformat', [s.rootElement, s.mediaType].filter(Boolean).join(', ')],
      ['Kontrakt', s.schema ?? ''],
    ]),
    elements.length === 0
      ? null
      : h(
          'details',
          {},
          h('summary', {}, `Element i svaret (${elements.length})`),
          table(
            `Element i svaret från ${s.name ?? s.code}`,
            ['Element', 'Beskrivning', 'Typ', 'Värden'],
            elements.map((e) => [
              h('code', { class: `depth-${Math.min(e.depth, 4)}` }, e.path),
              e.description ?? '',
              `${e.type ?? ''}${e.repeated ? ' (lista)' : ''}${e.required ? '' : ', frivilligt'}`,
              (e.values ?? []).map(String).join(', '),
            ]),
            { className: 'elements' },
          ),
        ),
  );
}

async function loadSources() {
  const container = byId('bastjanster-innehall');
  try {
    const body = /** @type {{ sources?: SourceDescription[] } | SourceDescription[]} */ (
      await json('/ui/api/sources')
    );
    const list = Array.isArray(body) ? body : (body.sources ?? []);
    replace(container, list.map(sourceSection));
  } catch (e) {
    replace(
      container,
      h(
        'p',
        { class: 'error-text' },
        `Beskrivningen av bastjänsterna kunde inte hämtas: ${describeError(e)}`,
      ),
    );
  }
}

export function initInfo() {
  for (const event of ['scenario-changed', 'sources-changed', 'query-done'])
    document.addEventListener(event, () => void refreshDrift());
  byId('uppdatera-drift').addEventListener('click', () => void refreshDrift());
  void refreshDrift();
  void loadReleaseNotes();
  void loadSources();
}
