// @ts-check
/* global document */
// Small helpers to build the page with DOM calls only: text is always set as text, never parsed as HTML.

/** @typedef {import('./types').Child} Child */
/** @typedef {Record<string, string | number | boolean | null | undefined>} Attrs */

/**
 * @param {Element} el
 * @param {Attrs} attrs
 */
function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
}

/**
 * @param {Node} parent
 * @param {Child[]} children
 */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === 'string' || typeof child === 'number')
      parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child);
  }
}

/**
 * An HTML element with attributes and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * An SVG element with attributes and children.
 * @param {string} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/**
 * Replaces an element's content.
 * @param {Element} el
 * @param {...Child} children
 */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * The element with this id; fails loudly when the page lacks it (a bug in index.html).
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @returns {T}
 */
export function byId(id) {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`#${id} saknas på sidan`);
  return /** @type {T} */ (el);
}

/**
 * A table with a caption, column headings and rows.
 * @param {string} caption
 * @param {string[]} headings
 * @param {Child[][]} rows
 * @param {{ numeric?: number[], className?: string }} [options] numeric: the columns to right-align
 */
export function table(caption, headings, rows, options = {}) {
  const numeric = new Set(options.numeric ?? []);
  const cls = (/** @type {number} */ i) => (numeric.has(i) ? 'num' : undefined);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: options.className },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headings.map((x, i) => h('th', { scope: 'col', class: cls(i) }, x)),
        ),
      ),
      h(
        'tbody',
        {},
        // Short text (a date, an amount, a code) is kept on one line; longer text wraps.
        rows.map((row) =>
          h(
            'tr',
            {},
            row.map((cell, i) =>
              h(
                'td',
                { class: cls(i) ?? (typeof cell === 'string' && cell.length <= 14 ? 'nowrap' : undefined) },
                cell,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * A list of label/value pairs (a definition list); pairs with an empty value are left out.
 * @param {[string, Child][]} pairs
 */
export function facts(pairs) {
  return h(
    'dl',
    { class: 'facts' },
    pairs
      .filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false)
      .map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))),
  );
}
