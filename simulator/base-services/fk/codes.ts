/** LEFI v9's code lists (contracts/base-services/fk/common.schema.json) and how the simulator reads them. */

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
] as const;
export type FkGroup = (typeof FK_GROUPS)[number];

export const PM_GROUPS = ['PM:AP', 'PM:BTI', 'PM:EF'] as const;
export type PmGroup = (typeof PM_GROUPS)[number];

export type Group = FkGroup | PmGroup;
export const ALL_GROUPS: readonly Group[] = [...FK_GROUPS, ...PM_GROUPS];

export const OVRIG_TYPES = [
  'FK:GEPI',
  'FK:PANV',
  'FK:SGI',
  'FK:SKUP',
  'FK:STAV',
  'PM:LINT',
  'PM:PBH',
  'PM:PU',
] as const;
export type OvrigType = (typeof OVRIG_TYPES)[number];

/** Swedish descriptions of the groups and other information types, as LEFI writes them beside a code. */
export const BESKRIVNING: Record<Group | OvrigType, string> = {
  'FK:ABB': 'Barnbidrag',
  'FK:AP': 'Allmän pension',
  'FK:AS': 'Aktivitetsstöd',
  'FK:BOB': 'Bostadsbidrag',
  'FK:BST': 'Bostadstillägg',
  'FK:BTI': 'Bostads- och inkomststöd',
  'FK:DPE': 'Dagpenning till totalförsvarspliktiga',
  'FK:EJO': 'EJO',
  'FK:ET': 'Efterlevandepension',
  'FK:FP': 'Föräldrapenning',
  'FK:FSJP': 'Förebyggande sjukpenning',
  'FK:GP': 'Graviditetspenning',
  'FK:HE': 'Handikappersättning',
  'FK:MABB': 'Barnbidrag till barnet självt',
  'FK:MEK': 'Merkostnadsersättning',
  'FK:NP': 'Närståendepenning',
  'FK:OMV': 'Omvårdnadsbidrag',
  'FK:PJOB': 'Programdagar inom jobb- och utvecklingsgarantin',
  'FK:PROG': 'Ersättning i arbetsmarknadspolitiskt program',
  'FK:RBE': 'Rehabiliteringsersättning',
  'FK:SA': 'Sjuk- och aktivitetsersättning',
  'FK:SBP': 'Smittbärarersättning',
  'FK:SJP': 'Sjukpenning',
  'FK:TFP': 'Tillfällig föräldrapenning',
  'FK:US': 'Underhållsstöd',
  'FK:VB': 'Vårdbidrag',
  'FK:YL': 'Yrkesskadelivränta',
  'PM:AP': 'Allmän pension',
  'PM:BTI': 'Bostads- och inkomststöd',
  'PM:EF': 'Efterlevandeförmåner',
  'FK:GEPI': 'Generell personinformation',
  'FK:PANV': 'Programanvisning',
  'FK:SGI': 'Sjukpenninggrundande inkomst',
  'FK:SKUP': 'Skatteuppgift',
  'FK:STAV': 'Studiemedelsavisering',
  'PM:LINT': 'Levnadsintyg',
  'PM:PBH': 'Pensionsbehållning',
  'PM:PU': 'Pensionsunderlag',
};

/**
 * The lists of LEFI's FK model (keys of formansinformation) the simulator fills for each FK group
 * asked in `formansinformation`. LEFI's OpenAPI names the groups but not this mapping: it is the
 * simulator's reading of the names (docs/sources/fk.md). FK:EJO's meaning is not stated: no list.
 */
export const FK_GROUP_KEYS: Record<FkGroup, readonly string[]> = {
  'FK:ABB': ['barnbidragsarende'],
  'FK:AP': ['allmanpensionsarende'],
  'FK:AS': ['aktivitetsstodsarende'],
  'FK:BOB': ['bostadsbidragsarende'],
  'FK:BST': ['bostadstillaggsarende'],
  'FK:BTI': ['bostadstillaggsarende'],
  'FK:DPE': ['totalforsvarspliktsarende'],
  'FK:EJO': [],
  'FK:ET': ['efterlevandepensionsarende'],
  'FK:FP': ['foraldrapenningarende'],
  'FK:FSJP': ['forebyggandeSjukpenningsarende'],
  'FK:GP': ['graviditetspenningsarende'],
  'FK:HE': ['handikappersattningsarende'],
  'FK:MABB': ['mottagareavbarnbidrag'],
  'FK:MEK': ['merkostnadsersattningsarende'],
  'FK:NP': ['narstaendepenningarende'],
  'FK:OMV': ['omvardnadsbidragsarende'],
  'FK:PJOB': ['programjobdagar'],
  'FK:PROG': ['programersattningsarende'],
  'FK:RBE': ['rehabersattningsarende'],
  'FK:SA': [
    'sjukOchAktivitetsersattningsarende',
    'sjukOchAktivitetsersattningSteglosAvrakningHistorik',
    'sjukOchAktivitetsersattningSteglosAvrakningNulage',
  ],
  'FK:SBP': ['smittbararersattningsarende'],
  'FK:SJP': ['sjukpenningarende'],
  'FK:TFP': ['tillfalligForaldrapenningarende'],
  'FK:US': ['underhallsstodskrav', 'underhallsstodsmottag', 'underhallsskuld'],
  'FK:VB': ['vardbidragsarende'],
  'FK:YL': [
    'yrkesskadeegenlivrantearende',
    'yrkesskadeefterlevandearende',
    'arbetsskadeegenlivrantearende',
    'arbetsskadeefterlevandearende',
  ],
};

/** The list of LEFI's FK model each FK type of other information fills. */
export const FK_OVRIG_KEYS: Record<Extract<OvrigType, `FK:${string}`>, string> = {
  'FK:GEPI': 'generellPersoninformation',
  'FK:PANV': 'programanvisning',
  'FK:SGI': 'sjukpenninggrundandeInkomstuppgift',
  'FK:SKUP': 'skatteuppgift',
  'FK:STAV': 'studiemedelsavisering',
};

export function isFkGroup(code: string): code is FkGroup {
  return (FK_GROUPS as readonly string[]).includes(code);
}

export function isPmGroup(code: string): code is PmGroup {
  return (PM_GROUPS as readonly string[]).includes(code);
}

export function isOvrigType(code: string): code is OvrigType {
  return (OVRIG_TYPES as readonly string[]).includes(code);
}

/** A code with its description, in the FK model's form (a Bokstavskod). */
export function bokstavskod(id: string, beskrivning: string): { id: string; beskrivning: string } {
  return { id, beskrivning };
}

/** A code with its description, in the FK model's form (a Sifferkod). */
export function sifferkod(id: number, beskrivning: string): { id: number; beskrivning: string } {
  return { id, beskrivning };
}

/** A group with its description, in the PM model's form. */
export function pmGrupp(code: PmGroup): { kod: PmGroup; beskrivning: string } {
  return { kod: code, beskrivning: BESKRIVNING[code] };
}
