// @ts-check
/* global document, sessionStorage, CustomEvent */
// Utbildarpanel: switch scenario, set each source's state live, start a maintenance window, reset.
// Every change goes through the admin API at once; the state of the sources (source-state.js) is read
// again after each change.

import { AdminAccessError, adminSend, describeError, json } from './api.js';
import { byId, h, replace } from './dom.js';
import { scenarioText } from './scenario-texts.js';
import { MODES, refreshSources } from './source-state.js';
import { SOURCE_NAMES } from './sources.js';

export { refreshSources };

/** @typedef {import('./types').SourceCode} SourceCode */
/** @typedef {import('./types').PersonasAnswer} PersonasAnswer */

const BEFORE_MAINTENANCE = 'ssbtek.scenarioForeUnderhall';

/** @param {string} message */
function say(message) {
  replace(byId('utbildare-status'), message);
}

/** Loads the scenario list. */
export async function refreshScenarios() {
  try {
    /** @type {PersonasAnswer} */
    const body = await json('/ui/api/personas');
    const select = /** @type {HTMLSelectElement} */ (byId('scenario'));
    const list = body.scenarios ?? [body.scenario];
    replace(
      select,
      list.map((s) => h('option', { value: s.name }, s.name)),
    );
    select.value = body.scenario.name;
    replace(byId('scenario-aktivt'), body.scenario.name);
    showScenarioText(list);
    select.onchange = () => showScenarioText(list);
  } catch (e) {
    say(`Scenarierna kunde inte hämtas: ${describeError(e)}`);
  }
}

/** @param {{ name: string, description?: string }[]} list */
function showScenarioText(list) {
  const select = /** @type {HTMLSelectElement} */ (byId('scenario'));
  const s = list.find((x) => x.name === select.value);
  replace(byId('scenario-beskrivning'), s === undefined ? '' : scenarioText(s));
}

/** @param {string} name @param {string} message */
async function activate(name, message) {
  await adminSend('PUT', '/admin/scenarios/active', { name });
  document.dispatchEvent(new CustomEvent('scenario-changed', { detail: { name } }));
  await refreshScenarios();
  say(message);
  await refreshSources();
}

/** @param {string} label @param {() => Promise<void>} action */
async function run(label, action) {
  try {
    await action();
  } catch (e) {
    say(`${label} misslyckades: ${describeError(e)}`);
    if (!(e instanceof AdminAccessError)) await refreshSources().catch(() => undefined);
  }
}

/** @param {SourceCode} code @param {string} modeId */
async function setMode(code, modeId) {
  const mode = MODES.find((m) => m.id === modeId);
  if (mode === undefined) return;
  if (mode.fault === null) await adminSend('DELETE', `/admin/sources/${code}/fault`);
  else await adminSend('PUT', `/admin/sources/${code}/fault`, mode.fault);
  document.dispatchEvent(new CustomEvent('sources-changed'));
  say(`${SOURCE_NAMES[code]}: ${mode.label}. ${mode.help}`);
  await refreshSources();
}

async function startMaintenance() {
  const active = byId('scenario-aktivt').textContent ?? '';
  if (active === 'maintenance') {
    say('Underhållsfönstret pågår redan.');
    return;
  }
  try {
    sessionStorage.setItem(BEFORE_MAINTENANCE, active);
  } catch {
    // without storage, "Avsluta" goes back to default
  }
  try {
    await activate(
      'maintenance',
      'Underhållsfönster startat: scenariot "maintenance" är aktivt. Alla frågor avvisas med SSBT-031 tills du avslutar. Se fliken Driftinformation.',
    );
  } catch (e) {
    if (e instanceof AdminAccessError) throw e;
    // Not loaded yet: ask the simulator to load it from its scenarios directory.
    await adminSend('POST', '/admin/scenarios?activate=true', { path: 'maintenance.yaml' });
    document.dispatchEvent(new CustomEvent('scenario-changed', { detail: { name: 'maintenance' } }));
    await refreshScenarios();
    say('Underhållsfönster startat: scenariot "maintenance" laddades och är aktivt.');
    await refreshSources();
  }
}

async function endMaintenance() {
  let back = 'default';
  try {
    back = sessionStorage.getItem(BEFORE_MAINTENANCE) || 'default';
  } catch {
    // default
  }
  if (back === 'maintenance') back = 'default';
  await activate(back, `Underhållet är avslutat: scenariot "${back}" är aktivt igen.`);
}

export function initTrainer() {
  byId('kallor-status').addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target.closest('button[data-mode]') : null;
    if (!(target instanceof HTMLButtonElement)) return;
    const code = /** @type {SourceCode} */ (target.dataset.source);
    const mode = target.dataset.mode ?? '';
    void run('Ändringen', () => setMode(code, mode));
  });
  byId('byt-scenario').addEventListener('click', () => {
    const name = /** @type {HTMLSelectElement} */ (byId('scenario')).value;
    void run('Scenariobytet', () => activate(name, `Scenariot "${name}" är aktivt.`));
  });
  byId('starta-underhall').addEventListener('click', () => void run('Underhållsfönstret', startMaintenance));
  byId('avsluta-underhall').addEventListener(
    'click',
    () => void run('Att avsluta underhållet', endMaintenance),
  );
  byId('aterstall').addEventListener('click', () => {
    void run('Återställningen', async () => {
      await adminSend('POST', '/admin/reset', { faults: true });
      document.dispatchEvent(new CustomEvent('sources-changed'));
      say('Återställt: alla källor är i drift igen (inga störningar kvar) och anropsräknarna börjar om.');
      await refreshSources();
    });
  });
  replace(
    byId('lagen-forklaring'),
    h(
      'dl',
      { class: 'facts' },
      MODES.map((m) => h('div', {}, h('dt', {}, m.label), h('dd', {}, m.help))),
    ),
  );
  void refreshScenarios();
  void refreshSources();
}
