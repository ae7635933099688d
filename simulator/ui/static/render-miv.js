// @ts-check
// Migrationsverket (findByPersonnummerResponse; docs/sources/miv.md): residence and work permits.

import { facts, h, table } from './dom.js';
import { arr, capitalise, date, obj, str } from './format.js';

/** @typedef {import('./render-types').Rendered} Rendered */

/** @param {unknown} data @returns {Rendered} */
export function renderMIV(data) {
  const r = obj(obj(data).response);
  const svar = arr(obj(r.svarCollection).svar).map(obj);
  const known = str(r.fornamn) !== '' || str(r.efternamn) !== '' || svar.length > 0;
  if (!known) return { empty: true, nodes: [h('p', {}, 'Migrationsverket har inga ärenden om personen.')] };
  /** @type {Node[]} */
  const nodes = [
    facts([
      ['Namn', [str(r.fornamn), str(r.efternamn)].filter(Boolean).join(' ')],
      ['Hemland', capitalise(str(r.hemland))],
      ['Inresedatum', date(r.inresedatum)],
    ]),
  ];
  if (svar.length === 0) {
    nodes.push(h('p', { class: 'muted' }, 'Inga tillstånd eller beslut som gäller perioden.'));
  } else {
    nodes.push(
      table(
        'Tillstånd och beslut',
        ['Ärende', 'Grund', 'Ansökt', 'Beslut', 'Beslutsdatum', 'Giltigt'],
        svar.map((s) => [
          capitalise(str(s.arendeTypNamn) || str(s.arendeTyp)),
          capitalise(str(s.anledningNamn) || str(s.anledning)),
          date(s.ansokningsdatum),
          s.beslutsKod === undefined
            ? 'Ansökan handläggs'
            : [
                capitalise(str(s.beslutsKodNamn) || str(s.beslutsKod)),
                s.beslutsTypNamn === undefined ? '' : ` – ${capitalise(str(s.beslutsTypNamn))}`,
              ].join(''),
          date(s.beslutsdatum),
          s.giltighetstid === 'PERMANENT'
            ? `Permanent från ${date(s.fromDatum)}`
            : s.fromDatum === undefined
              ? ''
              : `${date(s.fromDatum)} – ${date(s.tomDatum)}`,
        ]),
      ),
    );
  }
  return { empty: false, nodes };
}
