// @ts-check
// The unemployment funds (INT014 UnemploymentBenefitPayment; docs/sources/so.md): payments per fund.

import { facts, h, table } from './dom.js';
import { arr, date, number, obj, period, sek, str, yesNo } from './format.js';

/** @typedef {import('./render-types').Rendered} Rendered */

const FUND_STATUS = /** @type {Record<string, string>} */ ({
  OK: 'Svarade',
  TEKNISKT_FEL: 'Kunde inte svara (tekniskt fel) – uppgifter från a-kassan saknas',
  EJ_SVAR: 'Svarade inte i tid – uppgifter från a-kassan saknas',
});

/** @param {unknown} data @returns {Rendered} */
export function renderSO(data) {
  const funds = arr(obj(obj(data).ArbetsloshetsersattningLista).Arbetsloshetsersattning).map(obj);
  if (funds.length === 0) {
    return { empty: true, nodes: [h('p', {}, 'Ingen a-kassa har uppgifter om personen.')] };
  }
  /** @type {Node[]} */
  const nodes = [];
  for (const f of funds) {
    const ansokan = obj(f.AnsoktOmErsattning);
    const utbetalningar = arr(f.Utbetalningar)
      .map(obj)
      .sort((a, b) => str(b.Utbetalningsdatum).localeCompare(str(a.Utbetalningsdatum)));
    const avstangningar = arr(f.Avstangningar).map(obj);
    const beslut = ansokan.BeslutOmRattTillErsattning;
    nodes.push(
      h(
        'div',
        { class: 'case' },
        h('h4', {}, str(f.SvarandeOrganisation)),
        facts([
          ['Status', FUND_STATUS[str(f.StatusSvarandeOrganisation)] ?? str(f.StatusSvarandeOrganisation)],
          [
            'Beslut om rätt till ersättning',
            Object.keys(ansokan).length === 0
              ? ''
              : beslut === null || beslut === undefined
                ? 'Inte beslutat ännu'
                : date(beslut),
          ],
          ['Ansökan om utbetalning inlämnad under perioden', yesNo(ansokan.AnsokanOmUtbetalningInlamnad)],
        ]),
        utbetalningar.length > 0
          ? table(
              'Utbetalningar av arbetslöshetsersättning',
              ['Utbetalningsdag', 'Avser', 'Ersättningsdagar', 'Netto efter skatt', 'Utbetalt efter avdrag'],
              utbetalningar.map((u) => [
                date(u.Utbetalningsdatum),
                period(u.AvserFrom, u.AvserTom),
                number(u.Ersattningsdagar),
                sek(u.NettoEfterSkatt),
                sek(u.NettoEfterAvdrag),
              ]),
              { numeric: [2, 3, 4] },
            )
          : h('p', { class: 'muted' }, 'Inga utbetalningar under perioden.'),
        avstangningar.length > 0
          ? table(
              'Avstängningar från ersättning',
              ['Avstängd'],
              avstangningar.map((a) => [period(a.AvstangdFrom, a.AvstangdTom)]),
            )
          : null,
      ),
    );
  }
  return { empty: false, nodes };
}
