// @ts-check
// Arbetsförmedlingen (SvarMeddelande, ersattningsstod v2; docs/sources/af.md).

import { facts, h, table } from './dom.js';
import { arr, date, num, obj, percent, str, yesNo } from './format.js';

/** @typedef {import('./render-types').Rendered} Rendered */

/** @param {unknown} data @returns {Rendered} */
export function renderAF(data) {
  const svar = obj(obj(data).Svar);
  const kod = num(svar.StatusSokandeinformationKod);
  const info = obj(svar.ArbetssokandeInfo);
  const rapport = obj(info.AktivetetsRapportDatum);
  const beslut = arr(obj(obj(svar.BeslutInfo).EkonomiskaBeslut).Beslut).map(obj);
  if (kod === 1 || Object.keys(info).length === 0) {
    return {
      empty: true,
      nodes: [
        h(
          'p',
          {},
          str(svar.StatusSokandeinformationKodText) ||
            'Personen är inte inskriven som arbetssökande hos Arbetsförmedlingen.',
        ),
      ],
    };
  }
  const namn = [str(svar.Fornamn), str(svar.Efternamn)].filter(Boolean).join(' ');
  const rapportText = str(rapport.AktivitetsRapportMeddelande).replace(/^\d{3} - /, '');
  /** @type {Node[]} */
  const nodes = [
    facts([
      ['Namn', namn],
      [
        'Inskriven som arbetssökande',
        info.Arbetssokande === false ? 'Nej' : `Ja, sedan ${date(info.ArbetssokandeRegistrerad)}`,
      ],
      ['Sökandekategori', str(info.ArbetssokandeSKAT)],
      [
        'Söker arbete',
        info.ArbetssokandeOmfattning === undefined
          ? ''
          : `${percent(info.ArbetssokandeOmfattning)} av heltid`,
      ],
      ['Avaktualiserad', date(info.ArbetssokandeAvaktualiserad)],
      ['Aktivitetsrapport', rapportText],
      ['Senaste aktivitetsrapport', date(rapport.SenasteAktivitetsRapportDatum)],
      ['A-kassa', str(svar.Akassetillhorighet)],
      ['Sekretessmarkering', yesNo(svar.Sekretessmarkering)],
    ]),
  ];
  if (beslut.length > 0) {
    nodes.push(
      table(
        'Beslut om ersättning',
        ['Ersättning', 'Omfattning', 'Från', 'Till'],
        beslut.map((b) => [
          str(b.ErsattningTyp),
          percent(b.Omfattning),
          date(b.BeslutFrom),
          date(b.BeslutTom),
        ]),
        { numeric: [1] },
      ),
    );
  } else {
    nodes.push(h('p', { class: 'muted' }, 'Inga beslut om ersättning under perioden.'));
  }
  return { empty: false, nodes };
}
