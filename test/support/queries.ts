import type { Query } from '../../simulator/composite/query-types.ts';
import { contracts } from '../../simulator/contracts/registry.ts';
import { writeXml } from '../../simulator/xml/schema-codec.ts';
import { deepMerge } from '../../simulator/domain/merge.ts';

/** A valid composite query for a person (all sources but FK included); deep-merge overrides over it. */
export function makeQuery(personidentitet = '198803159824', overrides: Record<string, unknown> = {}): Query {
  const base: Query = {
    generellaFrageparametrar: {
      fraganSkallInkluderasISvaret: false,
      ingivare: { organisationsnummer: '162120000142', namn: 'Exempelkommunen', handlaggare: 'HL0001' },
      personidentitet,
      arendeidentitet: 'ARENDE-2026-0001',
      tidsperiod: { fromDatum: '2026-01-01', tomDatum: '2026-06-30' },
      syfte: 'Utredning av rätt till ekonomiskt bistånd',
      lagtext: '4 kap. 1 § socialtjänstlagen (2025:400)',
    },
    specifikaFrageparametrar: {
      AF: { inkludera: true },
      CSN: { inkludera: true },
      FK: { inkludera: false },
      SKV: { inkludera: true },
      SO: { inkludera: true },
      TNS: { inkludera: true },
      MIV: { inkludera: true },
    },
  };
  return deepMerge(base, overrides) as Query;
}

/** A SOAP 1.1 envelope around any body content. */
export function envelope(body: string, soapPrefix = 'soapenv'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<${soapPrefix}:Envelope xmlns:${soapPrefix}="http://schemas.xmlsoap.org/soap/envelope/">
  <${soapPrefix}:Header/>
  <${soapPrefix}:Body>
${body}
  </${soapPrefix}:Body>
</${soapPrefix}:Envelope>
`;
}

/** The SOAP request for a canonical query, written by the project's codec (prefix ssbt by default). */
export function soapQuery(query: Query | Record<string, unknown>): string {
  const registry = contracts();
  return envelope(writeXml(registry.schema('composite/query.schema.json'), query, registry.resolve, '    '));
}

/** The ping request. */
export function soapPing(prefix = 'ssbt'): string {
  return envelope(`    <${prefix}:testaBastjanstInformation xmlns:${prefix}="http://schema.forsakringskassan.se/integration/ssbt/10"/>`);
}
