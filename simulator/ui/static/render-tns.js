// @ts-check
// Transportstyrelsen (hamtauppgifterresponder v1; contracts/base-services/tns.schema.json): vehicles owned.

import { h, table } from './dom.js';
import { arr, obj, str } from './format.js';

/** @typedef {import('./render-types').Rendered} Rendered */

/** @param {unknown} data @returns {Rendered} */
export function renderTNS(data) {
  const root = obj(data);
  if (str(root.resultat) === 'FEL') {
    const fel = arr(root.felresultat).map(obj);
    return {
      empty: true,
      nodes: [
        h(
          'p',
          {},
          'Transportstyrelsen kunde inte besvara frågan: ',
          fel.map((f) => `${str(f.feltext)} (${str(f.felkod)})`).join('; '),
        ),
      ],
    };
  }
  const fordon = arr(obj(root.fordonsinnehav).fordon).map(obj);
  if (fordon.length === 0)
    return { empty: true, nodes: [h('p', {}, 'Personen äger inga fordon enligt Transportstyrelsen.')] };
  return {
    empty: false,
    nodes: [
      table(
        'Fordon som personen äger',
        ['Registreringsnummer', 'Fordonsslag', 'Fabrikat', 'Modell', 'Årsmodell'],
        fordon.map((f) => [
          str(f.regnr),
          str(f.fordonsslag),
          str(f.fabrikat),
          str(f.handelsbeteckning),
          str(f.fordonsar),
        ]),
      ),
    ],
  };
}
