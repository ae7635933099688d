// @ts-check
// The seven sources in contract order, with the names a caseworker knows them by.

/** @typedef {import('./types').SourceCode} SourceCode */

/** @type {readonly SourceCode[]} */
export const SOURCE_CODES = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'];

/** @type {Record<SourceCode, string>} */
export const SOURCE_NAMES = {
  AF: 'Arbetsförmedlingen',
  CSN: 'Centrala studiestödsnämnden (CSN)',
  FK: 'Försäkringskassan och Pensionsmyndigheten',
  SKV: 'Skatteverket',
  SO: 'Arbetslöshetskassorna (a-kassorna)',
  TNS: 'Transportstyrelsen',
  MIV: 'Migrationsverket',
};

/** What each source tells the caseworker, in a few words. @type {Record<SourceCode, string>} */
export const SOURCE_TOPICS = {
  AF: 'inskrivning som arbetssökande, aktivitetsrapporter och beslut om ersättning',
  CSN: 'studiemedel, studiehjälp och hemutrustningslån',
  FK: 'förmåner, beslut och utbetalningar från Försäkringskassan och Pensionsmyndigheten',
  SKV: 'taxerad inkomst och slutlig skatt',
  SO: 'utbetalningar av arbetslöshetsersättning',
  TNS: 'ägda fordon',
  MIV: 'uppehålls- och arbetstillstånd',
};

/** @param {string} code @returns {code is SourceCode} */
export function isSourceCode(code) {
  return /** @type {readonly string[]} */ (SOURCE_CODES).includes(code);
}
