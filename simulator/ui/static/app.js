// @ts-check
/* global document, localStorage, window, history, location */
// The trainer's demonstration page: tabs, the "Stor text" toggle, the token field for the admin API,
// and the views (each in its own module).

import { adminToken, setAdminToken } from './api.js';
import { initCaseworker } from './caseworker.js';
import { byId, replace } from './dom.js';
import { obj } from './format.js';
import { initHistory, refreshHistory } from './history.js';
import { initInfo } from './info.js';
import { initRaw } from './raw.js';
import { initTimeline } from './timeline.js';
import { initTrainer, refreshScenarios, refreshSources } from './trainer.js';

const BIG_TEXT = 'ssbtek.storText';

/** Tabs after the WAI-ARIA pattern: arrows, Home and End move between tabs; the hash names the open one. */
function initTabs() {
  const tabs = /** @type {HTMLButtonElement[]} */ ([...document.querySelectorAll('[role="tab"]')]);
  /** @param {HTMLButtonElement} tab @param {boolean} focus */
  const select = (tab, focus) => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute('aria-selected', String(selected));
      t.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(t.getAttribute('aria-controls') ?? '');
      if (panel !== null) panel.hidden = !selected;
    }
    if (focus) tab.focus();
    const id = tab.getAttribute('aria-controls') ?? '';
    if (location.hash !== `#/${id}`) history.replaceState(null, '', `#/${id}`);
  };
  for (const [i, tab] of tabs.entries()) {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (e) => {
      const last = tabs.length - 1;
      const to = {
        ArrowRight: i === last ? 0 : i + 1,
        ArrowLeft: i === 0 ? last : i - 1,
        Home: 0,
        End: last,
      }[e.key];
      const next = to === undefined ? undefined : tabs[to];
      if (next !== undefined) {
        e.preventDefault();
        select(next, true);
      }
    });
  }
  // #/utbildarpanel opens that view (a path-like hash matches no element, so the page does not jump).
  const fromHash = tabs.find((t) => `#/${t.getAttribute('aria-controls') ?? ''}` === location.hash);
  const first = fromHash ?? tabs[0];
  if (first !== undefined) select(first, false);
  document.addEventListener('show-tab', (e) => {
    /** @type {unknown} */
    const detail = e instanceof CustomEvent ? e.detail : undefined;
    const id = typeof detail === 'string' ? detail : '';
    const tab = tabs.find((t) => t.getAttribute('aria-controls') === id);
    if (tab !== undefined) select(tab, true);
  });
}

function initBigText() {
  const button = byId('stor-text');
  /** @param {boolean} on */
  const apply = (on) => {
    document.documentElement.classList.toggle('stor-text', on);
    button.setAttribute('aria-pressed', String(on));
  };
  let on = false;
  try {
    on = localStorage.getItem(BIG_TEXT) === '1';
  } catch {
    // storage disabled: the toggle still works for this visit
  }
  apply(on);
  button.addEventListener('click', () => {
    on = !on;
    apply(on);
    try {
      localStorage.setItem(BIG_TEXT, on ? '1' : '0');
    } catch {
      // not remembered
    }
  });
}

/** Shows the token field when the admin API refuses the page, and hides it again once it answers. */
function initAccess() {
  const box = byId('behorighet');
  const field = /** @type {HTMLInputElement} */ (byId('token'));
  field.value = adminToken();
  document.addEventListener('admin-access', (e) => {
    /** @type {unknown} */
    const detail = e instanceof CustomEvent ? e.detail : undefined;
    const status = Number(obj(detail).status ?? 0);
    if (status === 401 || status === 403) {
      replace(
        byId('behorighet-text'),
        status === 401
          ? 'Simulatorns administrationsgränssnitt kräver en token (simulatorn startades med --admin-token). Ange token här för att använda utbildarpanelen och behandlingshistoriken.'
          : 'Simulatorns administrationsgränssnitt svarar bara på anrop från samma dator. Öppna sidan på den dator där simulatorn körs (http://127.0.0.1:…), eller starta simulatorn med --admin-token och ange token här.',
      );
      box.hidden = false;
    } else if (status >= 200 && status < 300) {
      box.hidden = true;
    }
  });
  byId('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    setAdminToken(field.value.trim());
    replace(
      byId('behorighet-status'),
      field.value.trim() === '' ? 'Token borttagen.' : 'Token sparad för den här fliken. Försöker igen …',
    );
    void Promise.all([refreshSources(), refreshScenarios(), refreshHistory()]);
  });
  byId('glom-token').addEventListener('click', () => {
    field.value = '';
    setAdminToken('');
    replace(byId('behorighet-status'), 'Token borttagen.');
  });
}

function start() {
  initBigText();
  initTabs();
  initAccess();
  initRaw();
  initTimeline();
  initHistory();
  initInfo();
  initTrainer();
  void initCaseworker();
  window.addEventListener('hashchange', () => {
    document.dispatchEvent(new CustomEvent('show-tab', { detail: location.hash.replace(/^#\/?/, '') }));
  });
}

start();
