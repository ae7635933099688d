// @ts-check
/* global crypto, btoa, TextEncoder */
// Builds the SOAP request hamtaBastjanstInformation (SSBTEK v10) from the caseworker's form, with the
// elements in the contract's order, exactly as a municipality's case system would send it.

import { SOURCE_CODES } from './sources.js';

/** @typedef {import('./types').SourceCode} SourceCode */

export const SSBT_NS = 'http://schema.forsakringskassan.se/integration/ssbt/10';
export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** LEFI v9's groups (simulator/base-services/fk/codes.ts): every FK group, and Pensionsmyndigheten's. */
export const FK_GROUPS = [
  'FK:ABB',
  'FK:AP',
  'FK:AS',
  'FK:BOB',
  'FK:BST',
  'FK:BTI',
  'FK:DPE',
  'FK:EJO',
  'FK:ET',
  'FK:FP',
  'FK:FSJP',
  'FK:GP',
  'FK:HE',
  'FK:MABB',
  'FK:MEK',
  'FK:NP',
  'FK:OMV',
  'FK:PJOB',
  'FK:PROG',
  'FK:RBE',
  'FK:SA',
  'FK:SBP',
  'FK:SJP',
  'FK:TFP',
  'FK:US',
  'FK:VB',
  'FK:YL',
];
export const PM_GROUPS = ['PM:AP', 'PM:BTI', 'PM:EF'];

/**
 * @typedef {object} QueryInput
 * @property {string} personidentitet 12 digits
 * @property {string} arendeidentitet
 * @property {string} fromDatum YYYY-MM-DD
 * @property {string} tomDatum YYYY-MM-DD
 * @property {SourceCode[]} sources the sources to include
 * @property {{ organisationsnummer: string, namn: string, handlaggare: string }} ingivare
 * @property {string} aktorsid the municipality's actor id at LEFI (FK)
 * @property {string} syfte
 * @property {string} lagtext
 * @property {string} korrelationsid
 */

/** @param {string} s */
export function escapeXml(s) {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** UTF-8 text in base64. @param {string} s */
export function base64(s) {
  let binary = '';
  for (const byte of new TextEncoder().encode(s)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A fresh correlation id for one query (also outside secure contexts, where randomUUID is missing). */
export function newKorrelationsid() {
  if (typeof crypto.randomUUID === 'function') return `utbildning-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `utbildning-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * LEFI's own JSON query for FK: every FK group, Pensionsmyndigheten's claims, every payment, and the
 * general person information (where FK marks a protected identity).
 * @param {QueryInput} q
 */
export function lefiQuery(q) {
  return {
    personnummer: q.personidentitet,
    period: { from: q.fromDatum, tom: q.tomDatum },
    formansinformation: FK_GROUPS,
    ansprak: PM_GROUPS,
    utbetalningar: [...FK_GROUPS, ...PM_GROUPS],
    ovrigInformation: ['FK:GEPI'],
  };
}

/**
 * @param {string} name
 * @param {string} value
 * @param {string} indent
 */
const el = (name, value, indent) => `${indent}<ssbt:${name}>${escapeXml(value)}</ssbt:${name}>`;

/**
 * The whole SOAP 1.1 envelope.
 * @param {QueryInput} q
 */
export function buildSoapRequest(q) {
  const i3 = '      ';
  const i4 = '        ';
  const i5 = '          ';
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<soapenv:Envelope xmlns:soapenv="${SOAP_NS}" xmlns:ssbt="${SSBT_NS}">`,
    '  <soapenv:Body>',
    '    <ssbt:hamtaBastjanstInformation>',
    `${i3}<ssbt:generellaFrageparametrar>`,
    el('korrelationsid', q.korrelationsid, i4),
    el('fraganSkallInkluderasISvaret', 'false', i4),
    `${i4}<ssbt:ingivare>`,
    el('organisationsnummer', q.ingivare.organisationsnummer, i5),
    el('namn', q.ingivare.namn, i5),
    el('handlaggare', q.ingivare.handlaggare, i5),
    `${i4}</ssbt:ingivare>`,
    el('personidentitet', q.personidentitet, i4),
    el('arendeidentitet', q.arendeidentitet, i4),
    `${i4}<ssbt:tidsperiod>`,
    el('fromDatum', q.fromDatum, i5),
    el('tomDatum', q.tomDatum, i5),
    `${i4}</ssbt:tidsperiod>`,
    el('syfte', q.syfte, i4),
    el('lagtext', q.lagtext, i4),
    `${i3}</ssbt:generellaFrageparametrar>`,
    `${i3}<ssbt:specifikaFrageparametrar>`,
  ];
  for (const code of SOURCE_CODES) {
    const included = q.sources.includes(code);
    if (code === 'FK' && included) {
      lines.push(
        `${i4}<ssbt:FK inkludera="true">`,
        `${i5}<ssbt:fraga>`,
        el('version', 'v9', `${i5}  `),
        el('aktorsid', q.aktorsid, `${i5}  `),
        el('lefiJsonFraga', base64(JSON.stringify(lefiQuery(q))), `${i5}  `),
        `${i5}</ssbt:fraga>`,
        `${i4}</ssbt:FK>`,
      );
    } else {
      lines.push(`${i4}<ssbt:${code} inkludera="${included ? 'true' : 'false'}"/>`);
    }
  }
  lines.push(
    `${i3}</ssbt:specifikaFrageparametrar>`,
    '    </ssbt:hamtaBastjanstInformation>',
    '  </soapenv:Body>',
    '</soapenv:Envelope>',
    '',
  );
  return lines.join('\n');
}
