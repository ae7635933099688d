// @ts-check
// Försäkringskassan and Pensionsmyndigheten (LEFI v9 JSON; docs/sources/fk.md): person information,
// cases with their decisions, payments, and Pensionsmyndigheten's claims and payments.

import { facts, h, table } from './dom.js';
import { arr, capitalise, date, num, obj, period, sek, str, yesNo } from './format.js';

/** @typedef {import('./render-types').Rendered} Rendered */
/** @typedef {import('./dom.js').Child} Child */

/** Swedish headings of the lists of LEFI's FK model (contracts/base-services/fk/formansinformation.schema.json). */
const LIST_NAMES = /** @type {Record<string, string>} */ ({
  aktivitetsstodsarende: 'Aktivitetsstöd',
  allmanpensionsarende: 'Allmän pension',
  arbetsskadeefterlevandearende: 'Arbetsskadelivränta till efterlevande',
  arbetsskadeegenlivrantearende: 'Arbetsskadelivränta',
  barnbidragsarende: 'Barnbidrag',
  bostadsbidragsarende: 'Bostadsbidrag',
  bostadstillaggsarende: 'Bostadstillägg',
  efterlevandepensionsarende: 'Efterlevandepension',
  mottagareavbarnbidrag: 'Barnbidrag till barnet självt',
  foraldrapenningarende: 'Föräldrapenning',
  forebyggandeSjukpenningsarende: 'Förebyggande sjukpenning',
  handikappersattningsarende: 'Handikappersättning',
  graviditetspenningsarende: 'Graviditetspenning',
  intjanandebehallning: 'Pensionsbehållning',
  intjanandeuppgift: 'Intjänad pensionsrätt',
  levnadsintygsuppgift: 'Levnadsintyg',
  merkostnadsersattningsarende: 'Merkostnadsersättning',
  narstaendepenningarende: 'Närståendepenning',
  omvardnadsbidragsarende: 'Omvårdnadsbidrag',
  programanvisning: 'Anvisning till arbetsmarknadspolitiskt program',
  programersattningsarende: 'Ersättning i arbetsmarknadspolitiskt program',
  programjobdagar: 'Programdagar inom jobb- och utvecklingsgarantin',
  rehabersattningsarende: 'Rehabiliteringsersättning',
  sjukOchAktivitetsersattningsarende: 'Sjuk- och aktivitetsersättning',
  sjukOchAktivitetsersattningSteglosAvrakningHistorik:
    'Sjuk- och aktivitetsersättning, steglös avräkning (historik)',
  sjukOchAktivitetsersattningSteglosAvrakningNulage: 'Sjuk- och aktivitetsersättning, steglös avräkning',
  sjukpenningarende: 'Sjukpenning',
  sjukpenninggrundandeInkomstuppgift: 'Sjukpenninggrundande inkomst (SGI)',
  skatteuppgift: 'Skatteuppgift',
  smittbararersattningsarende: 'Smittbärarersättning',
  studiemedelsavisering: 'Studiemedelsavisering',
  tillfalligForaldrapenningarende: 'Tillfällig föräldrapenning',
  totalforsvarspliktsarende: 'Dagpenning till totalförsvarspliktiga',
  underhallsskuld: 'Underhållsskuld',
  underhallsstodskrav: 'Underhållsstöd, återbetalningskrav',
  underhallsstodsmottag: 'Underhållsstöd',
  vardbidragsarende: 'Vårdbidrag',
  yrkesskadeefterlevandearende: 'Yrkesskadelivränta till efterlevande',
  yrkesskadeegenlivrantearende: 'Yrkesskadelivränta',
});

const NOT_CASES = new Set(['generellPersoninformation', 'utbetalningsuppgift', 'preliminarautbetalningar']);

/** A code's description ({id|kod, beskrivning}). @param {unknown} v */
const text = (v) => str(obj(v).beskrivning) || str(v);
/** An FK amount ({summa, valuta}). @param {unknown} v */
const amount = (v) => sek(obj(v).summa);

/** Any value of LEFI's model, in a word or two. @param {unknown} v @returns {string} */
function plain(v) {
  if (typeof v === 'boolean') return yesNo(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) return date(v);
  if (typeof v !== 'object' || v === null) return str(v);
  if (Array.isArray(v)) return v.map(plain).filter(Boolean).join(', ');
  const o = obj(v);
  if ('summa' in o) return amount(o);
  if ('beskrivning' in o) return str(o.beskrivning);
  if ('fran' in o || 'till' in o) return period(o.fran, o.till);
  if ('from' in o || 'tom' in o) return period(o.from, o.tom);
  if ('namn' in o) return str(o.namn);
  return '';
}

/** @param {Record<string, unknown>} p */
function personInfo(p) {
  const adresser = arr(p.adress).map(obj);
  const barn = arr(p.barn).map(obj);
  const adress =
    p.skyddad === true
      ? 'Lämnas inte ut (skyddade personuppgifter)'
      : adresser
          .map((a) =>
            [...arr(a.utdelningadress).map(str), `${str(a.postnummer)} ${str(a.postort)}`.trim()]
              .filter(Boolean)
              .join(', '),
          )
          .join('; ');
  return h(
    'div',
    { class: 'case' },
    h('h4', {}, 'Personuppgifter'),
    facts([
      ['Namn', str(p.namn)],
      ['Född', date(p.foddes)],
      ['Civilstånd', text(p.civilstand)],
      ['Adress', adress],
      [
        'Medborgarskap',
        arr(p.medborgarskap)
          .map((m) => capitalise(str(obj(obj(m).land).namn) || str(obj(obj(m).land).kod)))
          .join(', '),
      ],
      [
        'Barn',
        barn.length === 0 ? '' : barn.map((b) => `${str(b.namn)} (född ${date(b.foddes)})`).join(', '),
      ],
    ]),
  );
}

/** @param {Record<string, unknown>} b */
function beloppCell(b) {
  const value = amount(b.beslutatBruttobelopp);
  const per = text(b.periodicitet);
  if (value === '') return '';
  return per === 'Månadsvis' ? `${value}/mån` : value;
}

/** One case with its decisions. @param {string} label @param {Record<string, unknown>} arende */
function renderCase(label, arende) {
  const grund = obj(arende.grunduppgifter);
  const barn = obj(grund.barn);
  const beslut = arr(arende.beslut).map(obj);
  const title =
    Object.keys(barn).length > 0 ? `${label} – ${str(barn.namn)} (född ${date(barn.foddes)})` : label;
  const fakta = facts([
    ['Ärendet startade', date(arende.startades)],
    ['Pågående', yesNo(arende.aktivt)],
    ['Avslaget', arende.avslaget === true ? 'Ja' : ''],
    ['Åtgärd', text(grund.atgardstyp)],
  ]);
  if (beslut.length === 0) {
    const pairs = /** @type {[string, Child][]} */ (
      Object.entries(arende)
        .filter(([k]) => k !== 'grunduppgifter')
        .map(([k, v]) => [k, plain(v)])
    );
    return h('div', { class: 'case' }, h('h4', {}, title), fakta, facts(pairs));
  }
  return h(
    'div',
    { class: 'case' },
    h('h4', {}, title),
    fakta,
    table(
      'Beslut',
      ['Förmån', 'Period', 'Belopp (brutto)', 'Dagar', 'Beslutat', 'Slutligt'],
      beslut.map((b) => [
        [text(b.forman), b.delforman === undefined ? '' : ` (${text(b.delforman)})`].join(''),
        period(obj(b.period).fran, obj(b.period).till),
        beloppCell(b),
        str(b.dagar),
        date(b.fattades),
        yesNo(b.definitivt),
      ]),
      { numeric: [2, 3] },
    ),
  );
}

/** FK's payments (UtbetalningUppgift), newest first. @param {string} caption @param {unknown[]} list */
function fkPayments(caption, list) {
  const rows = list.map(obj).sort((a, b) => str(b.datum).localeCompare(str(a.datum)));
  return table(
    caption,
    ['Utbetalningsdag', 'Förmån', 'Avser', 'Brutto', 'Skatt', 'Avdrag totalt', 'Netto', 'Utbetalare'],
    rows.map((u) => [
      date(u.datum),
      text(u.formansfamilj),
      period(obj(u.period).fran, obj(u.period).till),
      amount(u.bruttobelopp),
      amount(u.skattebelopp),
      amount(u.avdragsbelopp),
      amount(u.nettobelopp),
      text(u.foretag),
    ]),
    { numeric: [3, 4, 5, 6] },
  );
}

/** Pensionsmyndigheten's payments (PmFormanUtbetalning), newest first. @param {string} caption @param {unknown[]} list */
function pmPayments(caption, list) {
  const rows = list.map(obj).sort((a, b) => str(b.utbetalningsdatum).localeCompare(str(a.utbetalningsdatum)));
  return table(
    caption,
    ['Utbetalningsdag', 'Avser', 'Förmåner', 'Brutto', 'Avdrag', 'Netto'],
    rows.map((u) => {
      const avdrag = arr(u.avdrag).map(obj);
      const sum = avdrag.reduce((s, a) => s + (num(a.belopp) ?? 0), 0);
      return [
        date(u.utbetalningsdatum),
        period(obj(u.utbetalningsperiod).from, obj(u.utbetalningsperiod).tom),
        h(
          'ul',
          { class: 'plain' },
          arr(u.utbetalningsrader)
            .map(obj)
            .map((r) => h('li', {}, `${text(r.beloppstyp) || text(r.utbetalningsforman)}: ${sek(r.belopp)}`)),
        ),
        sek(u.bruttobelopp),
        avdrag.length === 0 ? '' : `${sek(sum)} (${avdrag.map((a) => text(a.avdragstyp)).join(', ')})`,
        sek(u.nettobelopp),
      ];
    }),
    { numeric: [3, 4, 5] },
  );
}

/** @param {unknown} data @returns {Rendered} */
export function renderFK(data) {
  const root = obj(data);
  const fi = obj(root.formansinformation);
  /** @type {Node[]} */
  const nodes = [];
  const unavailable = arr(root.utlamnare)
    .map(obj)
    .filter((u) => str(obj(u.tillstand).kod) !== 'OK' && str(obj(u.tillstand).kod) !== '');
  for (const u of unavailable) {
    nodes.push(
      h(
        'p',
        { class: 'notice-inline' },
        `${text(u.utlamnare) || str(obj(u.utlamnare).namn)}: ${text(u.tillstand)}. Uppgifter därifrån saknas.`,
      ),
    );
  }
  const person = obj(arr(fi.generellPersoninformation)[0]);
  if (Object.keys(person).length > 0) nodes.push(personInfo(person));

  let content = 0;
  for (const [key, value] of Object.entries(fi)) {
    if (NOT_CASES.has(key)) continue;
    for (const item of arr(value)) {
      nodes.push(renderCase(LIST_NAMES[key] ?? key, obj(item)));
      content++;
    }
  }
  const ansprak = arr(root.ansprak).map(obj);
  if (ansprak.length > 0) {
    content++;
    nodes.push(
      h(
        'div',
        { class: 'case' },
        h('h4', {}, 'Pensionsmyndigheten: ansökningar'),
        table(
          'Ansökningar (anspråk)',
          ['Förmån', 'Ansökan kom in', 'Ansökt period'],
          ansprak.map((a) => [
            text(a.formansgrupp),
            date(a.ankomstdatum),
            period(obj(a.yrkadPeriod).from, obj(a.yrkadPeriod).tom),
          ]),
        ),
      ),
    );
  }
  for (const b of arr(root.beslut)) {
    content++;
    nodes.push(renderCase('Pensionsmyndigheten: beslut', obj(b)));
  }
  const fkPaid = arr(fi.utbetalningsuppgift);
  const fkPlanned = arr(fi.preliminarautbetalningar);
  const pmPaid = arr(root.utbetalningar);
  const pmPlanned = arr(root.preliminaraUtbetalningar);
  if (fkPaid.length > 0) nodes.push(fkPayments('Utbetalningar från Försäkringskassan', fkPaid));
  if (fkPlanned.length > 0)
    nodes.push(fkPayments('Kommande utbetalningar från Försäkringskassan (preliminära)', fkPlanned));
  if (pmPaid.length > 0) nodes.push(pmPayments('Utbetalningar från Pensionsmyndigheten', pmPaid));
  if (pmPlanned.length > 0)
    nodes.push(pmPayments('Kommande utbetalningar från Pensionsmyndigheten (preliminära)', pmPlanned));
  content += fkPaid.length + fkPlanned.length + pmPaid.length + pmPlanned.length;

  if (content === 0 && Object.keys(person).length === 0) {
    return {
      empty: true,
      nodes: [
        ...nodes,
        h('p', {}, 'Försäkringskassan och Pensionsmyndigheten har inga uppgifter om personen.'),
      ],
    };
  }
  if (content === 0)
    nodes.push(h('p', { class: 'muted' }, 'Inga förmåner, beslut eller utbetalningar under perioden.'));
  return { empty: false, nodes };
}
