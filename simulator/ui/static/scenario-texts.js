// @ts-check
// Swedish one-liners for the scenarios of the library (scenarios/*.yaml), whose own descriptions are
// written in English for developers. A scenario not listed here shows its own description.

/** @type {Record<string, string>} */
export const SCENARIO_TEXTS = {
  default:
    'Standard: femton personer i olika livssituationer, bland annat skyddad identitet och två delvis besvarade frågor.',
  healthy: 'Allt fungerar: varje källa svarar direkt, utan fel.',
  'slow-source':
    'CSN är långsam (oftast 1–2 sekunder, ibland nära tidsgränsen) och Skatteverket något långsam.',
  'high-latency': 'Alla källor svarar långsamt (0,1–2,5 sekunder), utan fel.',
  flaky: 'Slumpmässiga fel hos alla källor: ungefär varannan fråga får fel från någon källa.',
  'source-down': 'Skatteverket är nere: tekniskt fel för varje fråga.',
  'morning-outage':
    'Morgonstörning (klockan står på 08.10): Arbetsförmedlingen svarar inte, a-kassorna och Försäkringskassan har störningar.',
  maintenance: 'Planerat underhåll pågår: SSBTEK avvisar alla frågor (SSBT-031) tills fönstret är slut.',
  unavailable: 'Tjänsten är otillgänglig för de tre första frågorna (SSBT-030), sedan svarar den.',
  'network-failures':
    'Nätverksfel: avbruten förbindelse, tomt eller avkortat svar och HTTP-fel från flera källor.',
  'protected-identities': 'Sex personer med skyddad identitet och en kontrollperson utan.',
  'access-rules':
    'Behörighetsregler: anslutna och avslutade kommuner, återkallade handläggare, avslutade ärenden.',
  'composite-fault': 'Var tredje fråga avvisas helt av SSBTEK (internt fel, SSBT-099).',
  'csn-contract-error':
    'CSN underkänner långa ärendeidentiteter (-1005) och ger ett oläsbart svar för en person.',
  sequence: 'Försäkringskassan växlar: svar, timeout, svar, tekniskt fel – och börjar om.',
};

/** @param {{ name: string, description?: string }} s */
export function scenarioText(s) {
  return SCENARIO_TEXTS[s.name] ?? s.description ?? '';
}
