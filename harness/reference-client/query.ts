/**
 * Builds the SOAP request of hamtaBastjanstInformation (SSBTEK v10) from what the caseworker asks.
 * Plain string building with escaping: no generated code, so it is easy to read and to port.
 */
import type { Defect } from './defects.ts';

export const SSBT_NS = 'http://schema.forsakringskassan.se/integration/ssbt/10';
export const SOAP_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** The seven sources, in the order the contract requires them. */
export const SOURCE_CODES = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'] as const;
export type SourceCode = (typeof SOURCE_CODES)[number];

/** What the caseworker asks: about whom, under which case, for which period and sources. */
export interface Question {
  /** Personnummer or samordningsnummer, 12 digits. */
  personidentitet: string;
  /** The case of economic assistance the question is asked under (under 32 characters). */
  arendeidentitet: string;
  /** The user id of the caseworker who asks: a person, never a shared account. */
  caseworker: string;
  period: { from: string; tom: string };
  sources: readonly SourceCode[];
}

/** Who the municipality is: fixed configuration of the case system. */
export interface Municipality {
  organisationsnummer: string;
  namn: string;
  /** The municipality's actor id at LEFI (Försäkringskassan), needed to ask FK. */
  aktorsid: string;
}

/** The purpose and legal basis every question is asked under (the terms of use allow no other). */
export const SYFTE = 'Utredning av rätt till ekonomiskt bistånd';
export const LAGTEXT = '4 kap. 1 § socialtjänstlagen (2025:400)';

/**
 * The LEFI groups the client asks FK for: the benefits that matter for economic assistance, their
 * payments, and FK:GEPI (general person information, which is where LEFI marks a protected identity).
 */
export const LEFI_GROUPS = {
  // barnbidrag, aktivitetsstöd, bostadsbidrag, bostads- och inkomststöd, föräldrapenning, programersättning,
  // sjuk- och aktivitetsersättning, sjukpenning, tillfällig föräldrapenning, underhållsstöd
  formansinformation: [
    'FK:ABB',
    'FK:AS',
    'FK:BOB',
    'FK:BTI',
    'FK:FP',
    'FK:PROG',
    'FK:SA',
    'FK:SJP',
    'FK:TFP',
    'FK:US',
  ],
  // Pensionsmyndigheten: allmän pension, bostadstillägg
  ansprak: ['PM:AP', 'PM:BTI'],
  utbetalningar: [
    'FK:ABB',
    'FK:AS',
    'FK:BOB',
    'FK:BTI',
    'FK:FP',
    'FK:PROG',
    'FK:SA',
    'FK:SJP',
    'FK:TFP',
    'FK:US',
    'PM:AP',
    'PM:BTI',
  ],
  ovrigInformation: ['FK:GEPI'],
} as const;

/** XML text escaping for element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** LEFI's own JSON query for the person and period, base64-encoded as lefiJsonFraga carries it. */
export function lefiJsonFraga(question: Question): string {
  const lefi = {
    personnummer: question.personidentitet,
    period: { from: question.period.from, tom: question.period.tom },
    formansinformation: LEFI_GROUPS.formansinformation,
    ansprak: LEFI_GROUPS.ansprak,
    utbetalningar: LEFI_GROUPS.utbetalningar,
    ovrigInformation: LEFI_GROUPS.ovrigInformation,
  };
  return Buffer.from(JSON.stringify(lefi), 'utf8').toString('base64');
}

function el(name: string, text: string): string {
  return `<ssbt:${name}>${escapeXml(text)}</ssbt:${name}>`;
}

/**
 * The whole SOAP 1.1 envelope. Every source element is written (the contract requires all seven),
 * with inkludera="true" for the asked ones; FK, when asked, carries LEFI's query.
 */
export function buildQuery(
  question: Question,
  municipality: Municipality,
  korrelationsid: string,
  defect?: Defect,
): string {
  // DEFECT(shared-account): the query names a shared account instead of the caseworker who asks.
  const handlaggare = defect === 'shared-account' ? 'socialtjanst' : question.caseworker;
  const asked = new Set<SourceCode>(question.sources);
  const specific = SOURCE_CODES.map((code) => {
    const inkludera = asked.has(code) ? 'true' : 'false';
    if (code === 'FK' && asked.has('FK')) {
      return (
        `<ssbt:FK inkludera="true"><ssbt:fraga>${el('version', 'v9')}${el('aktorsid', municipality.aktorsid)}` +
        `${el('lefiJsonFraga', lefiJsonFraga(question))}</ssbt:fraga></ssbt:FK>`
      );
    }
    return `<ssbt:${code} inkludera="${inkludera}"/>`;
  }).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_NS}" xmlns:ssbt="${SSBT_NS}"><soapenv:Body><ssbt:hamtaBastjanstInformation>` +
    `<ssbt:generellaFrageparametrar>` +
    el('korrelationsid', korrelationsid) +
    el('fraganSkallInkluderasISvaret', 'false') +
    `<ssbt:ingivare>${el('organisationsnummer', municipality.organisationsnummer)}${el('namn', municipality.namn)}${el('handlaggare', handlaggare)}</ssbt:ingivare>` +
    el('personidentitet', question.personidentitet) +
    el('arendeidentitet', question.arendeidentitet) +
    `<ssbt:tidsperiod>${el('fromDatum', question.period.from)}${el('tomDatum', question.period.tom)}</ssbt:tidsperiod>` +
    el('syfte', SYFTE) +
    el('lagtext', LAGTEXT) +
    `</ssbt:generellaFrageparametrar>` +
    `<ssbt:specifikaFrageparametrar>${specific}</ssbt:specifikaFrageparametrar>` +
    `</ssbt:hamtaBastjanstInformation></soapenv:Body></soapenv:Envelope>`
  );
}
