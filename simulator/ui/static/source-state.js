// @ts-check
// The state of each source in the trainer panel: the modes a trainer can set (as live faults), what
// GET /admin/sources and the ping say now, and the table with a button per mode.

import { adminJson, describeError, json } from './api.js';
import { byId, h, replace } from './dom.js';
import { seconds } from './format.js';
import { SOURCE_CODES, SOURCE_NAMES } from './sources.js';

/** @typedef {import('./types').SourceCode} SourceCode */
/** @typedef {import('./types').SourceView} SourceView */
/** @typedef {import('./types').Failure} Failure */
/** @typedef {import('./types').PingAnswer} PingAnswer */

/**
 * The states a trainer can give a source, as live faults (docs/admin-api.md). "Långsam" is the fault
 * mode timeout: the source never answers, so SSBTEK waits for its whole timeout and then answers
 * without it. A live fault cannot add a delay that ends in an answer; for that, the library has the
 * scenarios slow-source and high-latency.
 * @type {{ id: string, label: string, fault: Failure | null, help: string }[]}
 */
export const MODES = [
  { id: 'frisk', label: 'I drift', fault: null, help: 'Källan svarar som scenariot säger (normalt direkt).' },
  {
    id: 'langsam',
    label: 'Långsam',
    fault: { mode: 'timeout' },
    help: 'Källan svarar inte alls. SSBTEK väntar tills tidsgränsen har gått ut och svarar sedan utan källan (SSBT-101). Hela svaret dröjer lika länge.',
  },
  {
    id: 'nere',
    label: 'Nere',
    fault: { mode: 'technical-error' },
    help: 'Källan svarar med tekniskt fel på varje fråga (kalla=BT).',
  },
  {
    id: 'storning',
    label: 'Teknisk störning',
    fault: { mode: 'http-error' },
    help: 'Källan svarar med ett HTTP-fel (503) utan felkod (BT-202).',
  },
  {
    id: 'instabil',
    label: 'Instabil',
    fault: { mode: 'technical-error', when: { probability: 0.5 } },
    help: 'Ungefär varannan fråga får tekniskt fel, de andra besvaras. Testanropet kan inte se det.',
  },
];

/** @type {Partial<Record<SourceCode, number>>} */
let timeouts = {};

/** Which of MODES a live fault is, or undefined for another fault. @param {Failure | null} f */
function modeOf(f) {
  if (f === null) return 'frisk';
  const when = f.when ?? {};
  const conditions = Object.keys(when).filter((k) => k !== 'personas' || (when.personas?.length ?? 0) > 0);
  if (f.mode === 'timeout' && conditions.length === 0) return 'langsam';
  if (f.mode === 'technical-error' && conditions.length === 0) return 'nere';
  if (f.mode === 'http-error' && conditions.length === 0) return 'storning';
  if (f.mode === 'technical-error' && conditions.length === 1 && when.probability === 0.5) return 'instabil';
  return undefined;
}

/** The scenario's own failures for a source, in a few words. @param {SourceView} s */
function scenarioNote(s) {
  const b = s.behaviour;
  if (b === null) return '';
  const parts = [];
  if ((b.failures ?? []).length > 0) {
    const some = (b.failures ?? []).some((f) => (f.when?.personas ?? []).length > 0);
    parts.push(some ? 'scenariot ger fel för vissa personer' : 'scenariot ger fel ibland eller alltid');
  }
  if ((b.sequence ?? []).length > 0) parts.push('scenariot växlar svar och fel i en följd');
  if (b.latency !== undefined) parts.push('scenariot fördröjer svaren');
  return parts.join('; ');
}

/** @param {SourceCode} code @param {{ anropad: boolean, error?: import('./types').SourceError } | undefined} answer */
function pingText(code, answer) {
  if (answer === undefined) return h('span', { class: 'muted' }, 'Inget svar');
  if (answer.error === undefined) return h('span', { class: 'badge badge-data' }, 'Svarar');
  const e = answer.error;
  const what = e.felkod === 'SSBT-101' ? 'Svarar inte' : e.kalla === 'SSBT' ? 'Ingen kontakt' : 'Fel';
  return h(
    'span',
    {
      class: `badge badge-${e.felkod === 'SSBT-101' ? 'timeout' : 'error'}`,
      title: e.felmeddelande.join(' '),
    },
    `${what} (${e.felkod})`,
    h('span', { class: 'visually-hidden' }, ` för ${code}`),
  );
}

/** @param {SourceView[]} views @param {PingAnswer | string | undefined} ping */
function renderSources(views, ping) {
  const rows = SOURCE_CODES.map((code) => {
    const v = views.find((x) => x.code === code);
    const current = v === undefined ? undefined : modeOf(v.liveFault);
    const mode = MODES.find((m) => m.id === current);
    const state =
      v === undefined
        ? ''
        : mode?.id === 'frisk'
          ? 'I drift'
          : (mode?.label ?? `Annat fel (${v.liveFault?.mode ?? ''})`);
    const note = v === undefined ? '' : scenarioNote(v);
    const timeout = timeouts[code];
    return h(
      'tr',
      { 'data-source': code },
      h(
        'th',
        { scope: 'row' },
        SOURCE_NAMES[code],
        SOURCE_NAMES[code].includes(`(${code})`) ? null : h('span', { class: 'muted' }, ` (${code})`),
      ),
      h(
        'td',
        {},
        h(
          'span',
          {
            class: `badge badge-${current === 'frisk' ? 'data' : current === 'langsam' ? 'timeout' : 'error'}`,
            id: `lage-${code}`,
          },
          state,
        ),
        note ? h('div', { class: 'small muted' }, note) : null,
        current === 'langsam' && timeout !== undefined
          ? h('div', { class: 'small muted' }, `SSBTEK väntar ${seconds(timeout)} på källan.`)
          : null,
      ),
      h(
        'td',
        {},
        typeof ping === 'string'
          ? h('span', { class: 'muted' }, ping)
          : ping === undefined
            ? h('span', { class: 'muted' }, 'Testar …')
            : pingText(code, ping[code]),
      ),
      h(
        'td',
        {},
        h(
          'div',
          { class: 'mode-buttons', role: 'group', 'aria-label': `Ändra läge för ${SOURCE_NAMES[code]}` },
          MODES.map((m) =>
            h(
              'button',
              {
                type: 'button',
                class: 'mode',
                'data-source': code,
                'data-mode': m.id,
                'aria-pressed': current === m.id ? 'true' : 'false',
              },
              m.label,
            ),
          ),
        ),
      ),
    );
  });
  replace(
    byId('kallor-status'),
    h(
      'table',
      { class: 'status-table' },
      h('caption', {}, 'Källornas läge just nu'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Källa'),
          h('th', { scope: 'col' }, 'Läge'),
          h('th', { scope: 'col' }, 'Testanrop'),
          h('th', { scope: 'col' }, 'Ändra läge'),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

/** The ping over the JSON API: what testaBastjanstInformation says about each source now. */
async function ping() {
  try {
    return /** @type {PingAnswer} */ (
      await json('/api/v1/testaBastjanstInformation', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      })
    );
  } catch (e) {
    return `Testanropet avvisades: ${describeError(e)}`;
  }
}

async function loadTimeouts() {
  try {
    const c = /** @type {{ timeoutMs?: Partial<Record<SourceCode, number>> }} */ (
      await json('/ui/api/config')
    );
    timeouts = c.timeoutMs ?? {};
  } catch {
    timeouts = {};
  }
  const values = Object.values(timeouts);
  const same = values.length > 0 && values.every((v) => v === values[0]);
  replace(
    byId('tidsgrans-text'),
    values.length === 0
      ? ''
      : same
        ? `Tidsgränsen i det här scenariot är ${seconds(/** @type {number} */ (values[0]))} per källa.`
        : `Tidsgränserna i det här scenariot: ${SOURCE_CODES.map((c) => `${c} ${seconds(timeouts[c] ?? 0)}`).join(', ')}.`,
  );
}

/** Reads the sources' state again: the admin API's view at once, the ping when it has answered. */
export async function refreshSources() {
  await loadTimeouts();
  /** @type {SourceView[]} */
  let views = [];
  try {
    const list = /** @type {{ sources: SourceView[] }} */ (await adminJson('/admin/sources'));
    views = list.sources;
  } catch (e) {
    replace(
      byId('kallor-status'),
      h('p', { class: 'error-text' }, `Källornas läge kunde inte hämtas: ${describeError(e)}`),
    );
    return;
  }
  renderSources(views, undefined);
  const answer = await ping();
  renderSources(views, answer);
}
