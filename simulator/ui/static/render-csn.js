// @ts-check
// CSN (CSNSvar, kommunfraga v4; docs/sources/csn.md): student aid cases, granted periods and payments.

import { h, table } from './dom.js';
import { arr, date, obj, percent, sek, str, week } from './format.js';

/** @typedef {import('./render-types').Rendered} Rendered */

/** The kinds of aid, in the document's order, with their Swedish names. */
const KINDS = /** @type {const} */ ([
  ['Studiemedel', 'Studiemedel'],
  ['Studiehjalp', 'Studiehjälp'],
  ['HemutrustningsLan', 'Hemutrustningslån'],
  ['Studiestartsstod', 'Studiestartsstöd'],
  ['Omstallningsstudiestod', 'Omställningsstudiestöd'],
]);

/** The amounts of a period or payment, one line per kind of amount. @param {unknown} beloppen */
function amounts(beloppen) {
  const rows = arr(obj(beloppen).Belopp).map(obj);
  if (rows.length === 0) return '';
  return h(
    'ul',
    { class: 'plain' },
    rows.map((b) => h('li', {}, `${str(b.klartext) || str(b.beloppstyp)}: ${sek(b.totbelopp || b.belopp)}`)),
  );
}

/** @param {Record<string, unknown>} arende @param {string} kind */
function renderCase(arende, kind) {
  const beviljade = arr(obj(arende.BeviljadeTider).BeviljadTid).map(obj);
  const utbetalningar = arr(obj(arende.UtbetalningsPlan).Utbetalning).map(obj);
  const status = str(arende.status);
  const title = `${kind}: ${str(arende.klartext) || str(arende.stodform)}`;
  return h(
    'div',
    { class: 'case' },
    h(
      'h4',
      {},
      title,
      status
        ? h(
            'span',
            { class: 'tag' },
            status === 'AVSLUTAT' ? 'Avslutat' : status === 'BESLUTAT' ? 'Beslutat' : status,
          )
        : null,
    ),
    beviljade.length > 0
      ? table(
          'Beviljade perioder',
          ['Period', 'Studietakt', 'Belopp', 'Totalt'],
          beviljade.map((t) => [
            `${week(t.starttid)} – ${week(t.sluttid)}`,
            percent(t.takt),
            amounts(t.Beloppen),
            sek(t.totbelopp),
          ]),
          { numeric: [1, 3] },
        )
      : null,
    utbetalningar.length > 0
      ? table(
          'Utbetalningar',
          ['Datum', 'Status', 'Avser', 'Belopp', 'Totalt'],
          utbetalningar.map((u) => {
            const tider = arr(obj(u.Utbetaldatider).Utbetaldtid).map(obj);
            return [
              date(u.utbetdatum),
              str(u.utbetstatus),
              tider.map((t) => `${week(t.startvecka)} – ${week(t.slutvecka)}`).join(', '),
              tider.map((t) => amounts(t.Beloppen)),
              sek(u.totbelopp),
            ];
          }),
          { numeric: [4] },
        )
      : h('p', { class: 'muted' }, 'Inga utbetalningar under perioden.'),
  );
}

/** @param {unknown} data @returns {Rendered} */
export function renderCSN(data) {
  const persons = arr(obj(obj(data).Personer).Person).map(obj);
  if (persons.length === 0) {
    return {
      empty: true,
      nodes: [
        h('p', {}, 'CSN har inga uppgifter om personen (ett samordningsnummer kan inte sökas hos CSN).'),
      ],
    };
  }
  /** @type {Node[]} */
  const nodes = [];
  for (const person of persons) {
    for (const [key, label] of KINDS) {
      for (const arende of arr(obj(obj(person[key]).Arenden).Arende).map(obj))
        nodes.push(renderCase(arende, label));
    }
  }
  if (nodes.length === 0)
    return {
      empty: true,
      nodes: [h('p', {}, 'CSN har inga ärenden om studiestöd för personen under perioden.')],
    };
  return { empty: false, nodes };
}
