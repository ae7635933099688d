// @ts-check
/* global document */
// Tidslinje: a waterfall of the last query. SSBTEK calls every source at once; the answer goes back when
// the last one has answered or its timeout has passed. Drawn as inline SVG, with the same figures in a
// table for screen readers and for reading aloud.

import { ApiError, describeError, json } from './api.js';
import { byId, h, replace, svg, table } from './dom.js';
import { dateTime, obj, seconds } from './format.js';
import { SOURCE_NAMES } from './sources.js';

/** Short names that fit beside a bar. */
const SHORT = /** @type {Record<string, string>} */ ({
  AF: 'Arbetsförmedlingen',
  CSN: 'CSN',
  FK: 'Försäkringskassan',
  SKV: 'Skatteverket',
  SO: 'A-kassorna',
  TNS: 'Transportstyrelsen',
  MIV: 'Migrationsverket',
});

/** @typedef {import('./types').LastQuery} LastQuery */
/** @typedef {import('./types').TimelineSource} TimelineSource */

/** @param {number} ms */
function duration(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : seconds(ms);
}

/** @param {TimelineSource} s */
function outcomeText(s) {
  if (s.outcome === 'data') return 'svarade';
  if (s.felkod === 'SSBT-101') return 'svarade inte i tid';
  if (s.kalla === 'SSBT') return `ingen kontakt (${s.felkod ?? ''})`;
  return `fel (${s.felkod ?? ''})`;
}

/** @param {TimelineSource} s */
function outcomeClass(s) {
  if (s.outcome === 'data') return 'bar-data';
  return s.felkod === 'SSBT-101' ? 'bar-timeout' : 'bar-error';
}

/** A step between axis ticks that gives about five ticks. @param {number} max */
function tickStep(max) {
  const rough = max / 5;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const n = rough / pow;
  return (n < 1.5 ? 1 : n < 3.5 ? 2 : n < 7.5 ? 5 : 10) * pow;
}

/** @param {LastQuery} q */
function longestOf(q) {
  return Math.max(q.durationMs, ...q.sources.map((s) => s.endedMs), 1);
}

/** @param {LastQuery} q */
function chart(q) {
  const sources = q.sources;
  const timeouts = sources.map((s) => s.timeoutMs).filter((t) => typeof t === 'number');
  const timeout = timeouts.length > 0 ? Math.max(...timeouts) : undefined;
  let domain = longestOf(q) * 1.12;
  const showTimeout = timeout !== undefined && timeout <= longestOf(q) * 1.6;
  if (showTimeout) domain = Math.max(domain, timeout * 1.12);
  const left = 190;
  const width = 900;
  const plot = width - left - 20;
  const rowH = 40;
  const top = 34;
  const height = top + sources.length * rowH + 40;
  const x = (/** @type {number} */ ms) => left + (ms / domain) * plot;
  const step = tickStep(domain);
  /** @type {SVGElement[]} */
  const parts = [
    svg(
      'defs',
      {},
      svg(
        'pattern',
        { id: 'hatch', width: 8, height: 8, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
        svg('rect', { width: 8, height: 8, class: 'hatch-bg' }),
        svg('line', { x1: 0, y1: 0, x2: 0, y2: 8, class: 'hatch-line' }),
      ),
    ),
  ];
  for (let t = 0; t <= domain; t += step) {
    parts.push(svg('line', { x1: x(t), y1: top - 6, x2: x(t), y2: height - 30, class: 'grid' }));
    parts.push(svg('text', { x: x(t), y: height - 12, class: 'tick', 'text-anchor': 'middle' }, duration(t)));
  }
  sources.forEach((s, i) => {
    const y = top + i * rowH;
    const x0 = x(s.startedMs);
    const w = Math.max(x(s.endedMs) - x0, 3);
    parts.push(
      svg(
        'text',
        { x: left - 12, y: y + rowH / 2 + 5, class: 'label', 'text-anchor': 'end' },
        SHORT[s.code] ?? s.code,
      ),
    );
    parts.push(
      svg(
        'rect',
        {
          x: x0,
          y: y + 8,
          width: w,
          height: rowH - 16,
          rx: 3,
          class: outcomeClass(s),
          'data-source': s.code,
        },
        svg('title', {}, `${s.code}: ${outcomeText(s)} efter ${duration(s.endedMs - s.startedMs)}`),
      ),
    );
    const labelX = x0 + w + 8;
    const anchorEnd = labelX > width - 160;
    parts.push(
      svg(
        'text',
        {
          x: anchorEnd ? x0 + w - 8 : labelX,
          y: y + rowH / 2 + 5,
          class: anchorEnd
            ? s.felkod === 'SSBT-101'
              ? 'bar-label inside-timeout'
              : 'bar-label inside'
            : 'bar-label',
          'text-anchor': anchorEnd ? 'end' : 'start',
        },
        `${duration(s.endedMs - s.startedMs)} – ${outcomeText(s)}`,
      ),
    );
  });
  parts.push(
    svg('line', {
      x1: x(q.durationMs),
      y1: top - 10,
      x2: x(q.durationMs),
      y2: height - 30,
      class: 'done-line',
    }),
  );
  parts.push(
    svg(
      'text',
      {
        x: x(q.durationMs),
        y: top - 14,
        class: 'done-label',
        'text-anchor': x(q.durationMs) > width - 200 ? 'end' : 'start',
      },
      `Svaret klart: ${duration(q.durationMs)}`,
    ),
  );
  if (showTimeout && timeout !== undefined) {
    parts.push(
      svg('line', { x1: x(timeout), y1: top - 6, x2: x(timeout), y2: height - 30, class: 'timeout-line' }),
    );
    parts.push(
      svg(
        'text',
        { x: x(timeout) - 6, y: height - 34, class: 'timeout-label', 'text-anchor': 'end' },
        `Tidsgräns ${duration(timeout)}`,
      ),
    );
  }
  const label = `Tidslinje för senaste frågan: ${sources.map((s) => `${SOURCE_NAMES[s.code] ?? s.code} ${outcomeText(s)} efter ${duration(s.endedMs - s.startedMs)}`).join('; ')}. Hela svaret tog ${duration(q.durationMs)}.`;
  return svg(
    'svg',
    {
      viewBox: `0 0 ${width} ${height}`,
      class: 'waterfall',
      role: 'img',
      'aria-label': label,
      preserveAspectRatio: 'xMinYMin meet',
    },
    parts,
  );
}

/** @param {LastQuery} q */
function render(q) {
  const container = byId('tidslinje-innehall');
  const meta = h(
    'p',
    {},
    `Fråga ${q.id}, ${dateTime(q.time)}, person ${q.personidentitet}, scenario ${q.scenario}, via ${q.via}.`,
  );
  if (q.result === 'refused' || q.sources.length === 0) {
    replace(
      container,
      meta,
      h(
        'p',
        { class: 'lead' },
        `Frågan avvisades av SSBTEK${q.felkod ? ` (${q.felkod})` : ''} innan någon källa tillfrågades. Det tog ${duration(q.durationMs)}.`,
      ),
    );
    return;
  }
  const slowest = q.sources.reduce((a, b) => (b.endedMs > a.endedMs ? b : a));
  const timeouts = q.sources.map((s) => s.timeoutMs).filter((t) => typeof t === 'number');
  const timeout = timeouts.length > 0 ? Math.max(...timeouts) : undefined;
  const waited = slowest.felkod === 'SSBT-101';
  replace(
    container,
    meta,
    h(
      'p',
      { class: 'lead' },
      `SSBTEK frågade ${q.sources.length} källor samtidigt. Svaret skickas först när den sista källan har svarat eller tidsgränsen har gått ut. `,
      waited
        ? `Den här gången väntade SSBTEK på ${SOURCE_NAMES[slowest.code] ?? slowest.code}, som inte svarade i tid: hela svaret dröjde ${duration(q.durationMs)} fast de andra källorna svarade snabbare.`
        : `Den här gången tog ${SOURCE_NAMES[slowest.code] ?? slowest.code} längst tid (${duration(slowest.endedMs - slowest.startedMs)}), och hela svaret tog ${duration(q.durationMs)}.`,
    ),
    h('div', { class: 'chart-wrap' }, chart(q)),
    h(
      'ul',
      { class: 'legend' },
      h('li', {}, h('span', { class: 'swatch bar-data' }), 'Svarade'),
      h('li', {}, h('span', { class: 'swatch bar-error' }), 'Fel från källan eller ingen kontakt'),
      h('li', {}, h('span', { class: 'swatch bar-timeout' }), 'Svarade inte i tid (SSBTEK gav upp)'),
      timeout === undefined
        ? null
        : h(
            'li',
            {},
            h('span', { class: 'swatch swatch-line' }),
            `Tidsgräns ${duration(timeout)}${timeout > longestOf(q) * 1.6 ? ' (långt till höger om skalan)' : ''}`,
          ),
    ),
    h(
      'details',
      {},
      h('summary', {}, 'Visa tiderna som tabell'),
      table(
        'Tider för varje källa (millisekunder från frågans start)',
        ['Källa', 'Anropad', 'Klar', 'Tid', 'Utfall', 'Tidsgräns'],
        q.sources.map((s) => [
          SOURCE_NAMES[s.code] ?? s.code,
          `${s.startedMs} ms`,
          `${s.endedMs} ms`,
          duration(s.endedMs - s.startedMs),
          outcomeText(s),
          typeof s.timeoutMs === 'number' ? duration(s.timeoutMs) : '',
        ]),
        { numeric: [1, 2, 3] },
      ),
    ),
  );
}

/** Reads the last query (or the one with this korrelationsid) and draws it. @param {string} [korrelationsid] */
export async function refreshTimeline(korrelationsid) {
  const container = byId('tidslinje-innehall');
  try {
    const url =
      korrelationsid === undefined
        ? '/ui/api/last-query'
        : `/ui/api/last-query?korrelationsid=${encodeURIComponent(korrelationsid)}`;
    render(/** @type {LastQuery} */ (await json(url)));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404)
      replace(
        container,
        h('p', {}, 'Ingen fråga har ställts ännu. Ställ en fråga i Handläggarvyn, så visas den här.'),
      );
    else
      replace(
        container,
        h('p', { class: 'error-text' }, `Tidslinjen kunde inte hämtas: ${describeError(e)}`),
      );
  }
}

export function initTimeline() {
  document.addEventListener('query-done', (e) => {
    /** @type {unknown} */
    const detail = e instanceof CustomEvent ? e.detail : undefined;
    const id = obj(detail).korrelationsid;
    void refreshTimeline(typeof id === 'string' ? id : undefined);
  });
  byId('uppdatera-tidslinje').addEventListener('click', () => void refreshTimeline());
  void refreshTimeline();
}
