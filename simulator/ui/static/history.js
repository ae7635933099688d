// @ts-check
/* global document */
// Behandlingshistorik: who asked about whom, for which case, when, and what each source answered
// (GET /admin/history). The personidentiteter are shown whole: every person in the simulator is made up.

import { adminJson, describeError } from './api.js';
import { byId, h, replace, table } from './dom.js';
import { dateTime, personnummer } from './format.js';

/** @typedef {import('./types').HistoryEntry} HistoryEntry */

/** @param {HistoryEntry} e */
function sourcesCell(e) {
  if (e.sources.length === 0) return h('span', { class: 'muted' }, 'Inga källor tillfrågades');
  return h(
    'ul',
    { class: 'chips' },
    e.sources.map((s) =>
      h(
        'li',
        {
          class: `chip ${s.outcome === 'data' ? 'chip-data' : s.felkod === 'SSBT-101' ? 'chip-timeout' : 'chip-error'}`,
        },
        s.outcome === 'data'
          ? `${s.code}: svar`
          : `${s.code}: ${s.felkod === 'SSBT-101' ? 'inte i tid' : 'fel'} ${s.felkod ?? ''}`,
      ),
    ),
  );
}

export async function refreshHistory() {
  const container = byId('historik-innehall');
  try {
    const page = /** @type {{ entries: HistoryEntry[] }} */ (await adminJson('/admin/history?limit=50'));
    if (page.entries.length === 0) {
      replace(container, h('p', {}, 'Behandlingshistoriken är tom. Varje fråga som ställs hamnar här.'));
      return;
    }
    replace(
      container,
      table(
        `De senaste ${page.entries.length} frågorna, nyast först`,
        ['Tid', 'Handläggare', 'Kommun', 'Person', 'Ärende', 'Resultat', 'Källor'],
        page.entries.map((e) => [
          dateTime(e.time),
          e.caseworker,
          e.municipality.namn ?? e.municipality.organisationsnummer,
          personnummer(e.personidentitet),
          e.arendeidentitet,
          e.result === 'answered' ? 'Besvarad' : `Avvisad ${e.felkod ?? ''}`,
          sourcesCell(e),
        ]),
        { className: 'history' },
      ),
    );
  } catch (e) {
    replace(
      container,
      h('p', { class: 'error-text' }, `Behandlingshistoriken kunde inte hämtas: ${describeError(e)}`),
    );
  }
}

export function initHistory() {
  document.addEventListener('query-done', () => void refreshHistory());
  byId('uppdatera-historik').addEventListener('click', () => void refreshHistory());
  void refreshHistory();
}
