// @ts-check
// Skatteverket (beskattningsuppgifter enligt SFS 2008:975; docs/sources/skv.md): assessed income and tax per year.

import { facts, h, table } from './dom.js';
import { arr, obj, sek, str } from './format.js';

/** @typedef {import('./render-types').Rendered} Rendered */

/** @param {unknown} data @returns {Rendered} */
export function renderSKV(data) {
  const people = arr(obj(obj(data).PersonuppgiftLista).Personuppgift).map(obj);
  const p = people[0];
  if (p === undefined || str(p.StatusPersonuppgiftKod) === '100') {
    return { empty: true, nodes: [h('p', {}, 'Personen finns inte i Skatteverkets beskattningsuppgifter.')] };
  }
  if (str(p.StatusPersonuppgiftKod) === '200') {
    return {
      empty: true,
      label: 'Uppgifter lämnas inte ut',
      nodes: [
        h(
          'p',
          {},
          'Skatteverket lämnar inte ut uppgifter om personen: skyddad identitet (sekretessmarkering). Namn och beskattningsuppgifter är undanhållna.',
        ),
      ],
    };
  }
  /** @type {Map<string, { k?: Record<string, unknown>, f?: Record<string, unknown> }>} */
  const years = new Map();
  for (const k of arr(p.Kapitaluppgift).map(obj))
    years.set(str(k.Taxeringsar), { ...years.get(str(k.Taxeringsar)), k });
  for (const f of arr(p.Forvarvsinkomstuppgift).map(obj))
    years.set(str(f.Taxeringsar), { ...years.get(str(f.Taxeringsar)), f });
  const sorted = [...years.entries()].sort(([a], [b]) => b.localeCompare(a));
  /** @type {Node[]} */
  const nodes = [facts([['Namn', [str(p.Fornamn), str(p.Efternamn)].filter(Boolean).join(' ')]])];
  if (sorted.length === 0) {
    nodes.push(h('p', { class: 'muted' }, 'Inga fastställda beskattningsuppgifter för perioden.'));
  } else {
    nodes.push(
      table(
        'Taxerad inkomst per taxeringsår',
        [
          'Taxeringsår',
          'Inkomst av tjänst',
          'Fastställd förvärvsinkomst',
          'Slutlig skatt',
          'Intäkter av kapital',
          'Överskott av kapital',
        ],
        sorted.map(([year, { k, f }]) => {
          return [
            `${year} (inkomstår ${Number(year) - 1})`,
            sek(f?.SummaInkomstAvTjanst),
            sek(f?.FaststalldForvarvsinkomst),
            sek(f?.SlutligSkatt),
            sek(k?.SummaIntakterPaKapital),
            sek(k?.OverskottPaKapital),
          ];
        }),
        { numeric: [1, 2, 3, 4, 5] },
      ),
    );
  }
  return { empty: false, nodes };
}
