/** The seven sources in the contract's order (the order of specifikaFrageparametrar and svarsdata). */
export const SOURCE_CODES = ['AF', 'CSN', 'FK', 'SKV', 'SO', 'TNS', 'MIV'] as const;
export type SourceCode = (typeof SOURCE_CODES)[number];

/** The agency behind each source, in Swedish as the service's documentation names them. */
export const SOURCE_NAMES: Record<SourceCode, string> = {
  AF: 'Arbetsförmedlingen',
  CSN: 'Centrala studiestödsnämnden',
  FK: 'Försäkringskassan och Pensionsmyndigheten',
  SKV: 'Skatteverket',
  SO: 'Arbetslöshetskassorna (Akademikernas och övriga a-kassor via Sveriges a-kassor)',
  TNS: 'Transportstyrelsen',
  MIV: 'Migrationsverket',
};

export function isSourceCode(text: string): text is SourceCode {
  return (SOURCE_CODES as readonly string[]).includes(text);
}
