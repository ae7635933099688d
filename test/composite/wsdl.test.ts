import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourcePayload } from '../../simulator/base-services/answer.ts';
import type { TnsPayload } from '../../simulator/base-services/tns/generate.ts';
import { tnsSource } from '../../simulator/base-services/tns/module.ts';
import { CONTRACTS_DIR, ContractRegistry } from '../../simulator/contracts/registry.ts';
import {
  SSBT_XSD,
  WSDL_PORT,
  WSDL_SERVICE,
  wsdlDocument,
  xsdDocuments,
  xsdUrl,
} from '../../simulator/composite/wsdl.ts';
import { parseXml } from '../../simulator/xml/parse.ts';
import { makeBaseRequest, makePersona, makeScenario } from '../support/factories.ts';

const OFFICIAL_XSD = resolve(
  import.meta.dirname,
  '../../../shared/reference/ssbtek-v10/contract/se/forsakringskassan/schema/integration/ssbt/_10/sammansatt_bastjanst_v10.xsd',
);
const xmllint = spawnSync('xmllint', ['--version']).status === 0;
const official = xmllint && existsSync(OFFICIAL_XSD);
if (!official && process.env.CI === 'true')
  throw new Error(`CI=true but xmllint or ${OFFICIAL_XSD} is missing`);

/** xmllint's complaints about `xml` by the schema file ('' when valid). */
function problems(xsdFile: string, xml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ssbtek-xml-')), 'doc.xml');
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsdFile, file], { encoding: 'utf8' });
  return run.status === 0 ? '' : `${run.stderr}`.trim() || 'invalid';
}

/**
 * A registry of only the composite schemas and TNS, so these tests do not depend on the other
 * sources' schemas: their data falls back to any content.
 */
function compositeAndTnsOnly(): ContractRegistry {
  const dir = mkdtempSync(join(tmpdir(), 'ssbtek-contracts-'));
  for (const rel of ['query', 'fault', 'error', 'ping-answer']
    .map((n) => `composite/${n}.schema.json`)
    .concat('base-services/tns.schema.json')) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    copyFileSync(join(CONTRACTS_DIR, rel), join(dir, rel));
  }
  return new ContractRegistry(dir);
}

const registry = compositeAndTnsOnly();
const docs = xsdDocuments(undefined, registry);
const dir = mkdtempSync(join(tmpdir(), 'ssbtek-served-xsd-'));
for (const [name, text] of docs) writeFileSync(join(dir, name), text);
const ours = join(dir, SSBT_XSD);

const address = 'http://localhost:8080/ssbtek/v10';
const SSBT = 'xmlns:ssbt="http://schema.forsakringskassan.se/integration/ssbt/10"';

const generella = (extra = ''): string => `<ssbt:generellaFrageparametrar>${extra}
    <ssbt:fraganSkallInkluderasISvaret>false</ssbt:fraganSkallInkluderasISvaret>
    <ssbt:ingivare><ssbt:organisationsnummer>162120000142</ssbt:organisationsnummer><ssbt:namn>Exempelkommunen</ssbt:namn><ssbt:handlaggare>HL0001</ssbt:handlaggare></ssbt:ingivare>
    <ssbt:personidentitet>198507142381</ssbt:personidentitet>
    <ssbt:arendeidentitet>ARENDE-2026-0001</ssbt:arendeidentitet>
    <ssbt:tidsperiod><ssbt:fromDatum>2026-01-01</ssbt:fromDatum><ssbt:tomDatum>2026-06-30</ssbt:tomDatum></ssbt:tidsperiod>
    <ssbt:syfte>Utredning av rätt till ekonomiskt bistånd</ssbt:syfte>
    <ssbt:lagtext>4 kap. 1 § socialtjänstlagen</ssbt:lagtext>
  </ssbt:generellaFrageparametrar>`;
const specifika = `<ssbt:specifikaFrageparametrar>
    <ssbt:AF inkludera="true"/><ssbt:CSN inkludera="true"/><ssbt:FK inkludera="false"/><ssbt:SKV inkludera="true"/>
    <ssbt:SO inkludera="false"/><ssbt:TNS inkludera="true"/><ssbt:MIV inkludera="false"/>
  </ssbt:specifikaFrageparametrar>`;

const minimalQuery = `<ssbt:hamtaBastjanstInformation ${SSBT}>
  ${generella()}
  ${specifika}
</ssbt:hamtaBastjanstInformation>`;

const fullQuery = `<ssbt:hamtaBastjanstInformation ${SSBT}>
  ${generella(
    '<ssbt:frageTidpunkt>2026-11-27T10:00:00Z</ssbt:frageTidpunkt><ssbt:korrelationsid>k-1</ssbt:korrelationsid>',
  ).replace(
    '<ssbt:syfte>',
    '<ssbt:personuppgiftsbitrade><ssbt:ordningsnummer>1</ssbt:ordningsnummer><ssbt:organisationsnummer>165560000000</ssbt:organisationsnummer><ssbt:namn>Ombudet AB</ssbt:namn></ssbt:personuppgiftsbitrade>\n    <ssbt:syfte>',
  )}
  <ssbt:specifikaFrageparametrar>
    <ssbt:AF inkludera="true"><ssbt:tidsperiod><ssbt:fromDatum>2026-02-01</ssbt:fromDatum><ssbt:tomDatum>2026-03-31</ssbt:tomDatum></ssbt:tidsperiod></ssbt:AF>
    <ssbt:CSN inkludera="true"/>
    <ssbt:FK inkludera="true"><ssbt:fraga><ssbt:version>v9</ssbt:version><ssbt:aktorsid>2120000142</ssbt:aktorsid><ssbt:lefiJsonFraga>${Buffer.from('{"grupper":["BOSTADSBIDRAG"]}').toString('base64')}</ssbt:lefiJsonFraga></ssbt:fraga></ssbt:FK>
    <ssbt:SKV inkludera="true"/><ssbt:SO inkludera="true"/><ssbt:TNS inkludera="true"/><ssbt:MIV inkludera="true"/>
  </ssbt:specifikaFrageparametrar>
</ssbt:hamtaBastjanstInformation>`;

const errorXml = (kalla: string, felkod: string): string =>
  `<ssbt:error><ssbt:kalla>${kalla}</ssbt:kalla><ssbt:felkod>${felkod}</ssbt:felkod><ssbt:felmeddelande>Fel</ssbt:felmeddelande><ssbt:felmeddelande>Mer</ssbt:felmeddelande></ssbt:error>`;

const pingRequest = `<ssbt:testaBastjanstInformation ${SSBT}/>`;
const pingAnswer = `<ssbt:testaBastjanstInformationResponse ${SSBT}>
  <ssbt:AF><ssbt:anropad>true</ssbt:anropad></ssbt:AF>
  <ssbt:CSN><ssbt:anropad>true</ssbt:anropad>${errorXml('SSBT', 'SSBT-001')}</ssbt:CSN>
  <ssbt:MIV><ssbt:anropad>false</ssbt:anropad></ssbt:MIV>
</ssbt:testaBastjanstInformationResponse>`;
const fault = (op: string): string => `<ssbt:${op}Fault ${SSBT}>
  <ssbt:felkod>SSBT-010</ssbt:felkod><ssbt:felmeddelande>Ogiltig fråga</ssbt:felmeddelande><ssbt:felmeddelande>personidentitet saknas</ssbt:felmeddelande>
</ssbt:${op}Fault>`;

const scenario = makeScenario({ personas: [makePersona({ id: 'owner', situation: { vehicles: 2 } })] });
const tnsData = tnsSource.soapData(
  sourcePayload(tnsSource, scenario, makeBaseRequest(), new Date('2026-11-27T10:00:00Z')) as TnsPayload,
  '        ',
);

const answer = `<ssbt:hamtaBastjanstInformationResponse ${SSBT}>
  <ssbt:fraga>${generella()}${specifika}</ssbt:fraga>
  <ssbt:frageTidpunkt>2026-11-27T10:00:00Z</ssbt:frageTidpunkt>
  <ssbt:korrelationsid>k-1</ssbt:korrelationsid>
  <ssbt:svarsdata>
    <ssbt:AF>${errorXml('BT', 'AF-500')}</ssbt:AF>
    <ssbt:CSN><ssbt:data><ssbt:svar>${Buffer.from('<CSNSvar/>').toString('base64')}</ssbt:svar></ssbt:data></ssbt:CSN>
    <ssbt:FK><ssbt:data><ssbt:lefiJsonSvar>${Buffer.from('{}').toString('base64')}</ssbt:lefiJsonSvar></ssbt:data></ssbt:FK>
    <ssbt:SKV><ssbt:data><svar>&lt;SvarBeskattningsuppgifterEnligtSFS2008-975/&gt;</svar></ssbt:data></ssbt:SKV>
    <ssbt:SO>${errorXml('SSBT', 'SSBT-001')}</ssbt:SO>
    <ssbt:TNS><ssbt:data>
${tnsData}
    </ssbt:data></ssbt:TNS>
  </ssbt:svarsdata>
</ssbt:hamtaBastjanstInformationResponse>`;

const emptyAnswer = `<ssbt:hamtaBastjanstInformationResponse ${SSBT}><ssbt:svarsdata/></ssbt:hamtaBastjanstInformationResponse>`;

/** The schemaLocation values of a document. */
function locations(text: string): string[] {
  return [...text.matchAll(/schemaLocation="([^"]*)"/g)].map((m) => m[1] ?? '');
}

describe('the WSDL', () => {
  const wsdl = wsdlDocument(address);
  const defs = parseXml(wsdl).definitions as Record<string, unknown>;
  const names = (node: unknown): string[] =>
    (Array.isArray(node) ? node : [node]).map((n) => (n as Record<string, string>)['@_name'] ?? '');

  it('is well-formed WSDL 1.1 naming both operations in portType and binding, document/literal, soapAction ""', () => {
    const portType = defs.portType as Record<string, unknown>;
    const binding = defs.binding as Record<string, unknown>;
    expect(names(portType.operation)).toEqual(['hamtaBastjanstInformation', 'testaBastjanstInformation']);
    expect(names(binding.operation)).toEqual(['hamtaBastjanstInformation', 'testaBastjanstInformation']);
    expect(wsdl).toContain(
      '<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>',
    );
    expect(wsdl.match(/<soap:operation soapAction="" style="document"\/>/g)).toHaveLength(2);
    expect(wsdl.match(/<soap:body use="literal"\/>/g)).toHaveLength(4);
    expect(wsdl).toContain('xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"');
  });

  it('names input, output and fault messages by the contract elements', () => {
    const parts = [...wsdl.matchAll(/<wsdl:part name="[^"]+" element="ssbt:(\w+)"\/>/g)].map((m) => m[1]);
    expect(parts).toEqual([
      'hamtaBastjanstInformation',
      'hamtaBastjanstInformationResponse',
      'hamtaBastjanstInformationFault',
      'testaBastjanstInformation',
      'testaBastjanstInformationResponse',
      'testaBastjanstInformationFault',
    ]);
    const globals = [...(docs.get(SSBT_XSD) ?? '').matchAll(/^ {2}<xs:element name="(\w+)"/gm)].map(
      (m) => m[1],
    );
    for (const part of parts) expect(globals).toContain(part);
  });

  it('has the given address as its port address', () => {
    const service = defs.service as Record<string, unknown>;
    expect(service['@_name']).toBe(WSDL_SERVICE);
    const port = service.port as Record<string, unknown>;
    expect(port['@_name']).toBe(WSDL_PORT);
    expect((port.address as Record<string, string>)['@_location']).toBe(address);
  });

  it('imports the served ssbt.xsd by absolute URL, and every XSD imports served XSDs by absolute URL', () => {
    expect(locations(wsdl)).toEqual([`${address}?xsd=ssbt.xsd`]);
    const served = xsdDocuments(address, registry);
    expect([...served.keys()]).toEqual([...docs.keys()]);
    for (const [name, text] of served) {
      for (const location of locations(text)) {
        expect(location.startsWith(`${address}?xsd=`), `${name}: ${location}`).toBe(true);
        expect(
          served.has(decodeURIComponent(location.slice(`${address}?xsd=`.length))),
          `${name}: ${location}`,
        ).toBe(true);
      }
    }
    expect(locations(served.get(SSBT_XSD) ?? '')).toEqual([`${address}?xsd=tns.xsd`]);
  });

  it('escapes the address and joins xsd= to an address that has a query already', () => {
    expect(xsdUrl('http://h/s?a=1', 'ssbt.xsd')).toBe('http://h/s?a=1&xsd=ssbt.xsd');
    expect(wsdlDocument('http://h/s?a=1&b=2')).toContain('location="http://h/s?a=1&amp;b=2"');
  });
});

describe('the served XSDs', () => {
  it('are one per namespace: ssbt and the TNS payload (whose vehicles are in their own namespace)', () => {
    expect([...docs.keys()].sort()).toEqual(['fordon.xsd', 'ssbt.xsd', 'tns.xsd']);
  });

  it.skipIf(!xmllint)('all compile', () => {
    for (const name of docs.keys()) {
      const out = problems(join(dir, name), '<compile-check/>');
      expect(out.includes('failed to compile') || out.includes('parser error') ? out : '', name).toBe('');
    }
  });

  it('give the sources whose payload schema is missing lax data, and say so', () => {
    const ssbt = docs.get(SSBT_XSD) ?? '';
    expect(ssbt).toContain(
      'contracts/base-services/af.schema.json was not available (or not generable) when this document was generated',
    );
    expect(ssbt).toContain('<xs:element name="data" type="tns:HamtaUppgifterResponseType"/>');
  });
});

describe.skipIf(!official)('messages valid by the official XSD are valid by ours', () => {
  it.each([
    ['a minimal query', minimalQuery],
    ['a query with every optional part', fullQuery],
    ['the ping', pingRequest],
    ['a ping answer', pingAnswer],
    ['a fault detail of hamtaBastjanstInformation', fault('hamtaBastjanstInformation')],
    ['a fault detail of testaBastjanstInformation', fault('testaBastjanstInformation')],
    ['an answer with data and errors, echoing the query', answer],
    ['an answer with no sources', emptyAnswer],
  ])('%s', (_, xml) => {
    expect(problems(OFFICIAL_XSD, xml)).toBe('');
    expect(problems(ours, xml)).toBe('');
  });

  it('data of a source whose schema is missing is accepted whatever its content', () => {
    const lax = answer.replace(
      /<ssbt:AF>.*<\/ssbt:AF>/,
      '<ssbt:AF><ssbt:data><x:Anything xmlns:x="urn:x" a="1"><x:y/></x:Anything></ssbt:data></ssbt:AF>',
    );
    expect(problems(ours, lax)).toBe('');
  });
});

describe.skipIf(!official)('messages invalid by the official XSD are invalid by ours', () => {
  it.each([
    [
      'a query without specifikaFrageparametrar',
      minimalQuery.replace(/<ssbt:specifikaFrageparametrar>[\s\S]*<\/ssbt:specifikaFrageparametrar>/, ''),
    ],
    [
      'a query without the inkludera attribute',
      minimalQuery.replace('<ssbt:SKV inkludera="true"/>', '<ssbt:SKV/>'),
    ],
    ['a query with a malformed personidentitet', minimalQuery.replace('198507142381', '19850714-2381')],
    [
      'a source answering both data and error',
      answer.replace('</ssbt:CSN>', `${errorXml('BT', 'X')}</ssbt:CSN>`),
    ],
    [
      'sources out of contract order',
      answer.replace(/(<ssbt:AF>.*<\/ssbt:AF>)([\s\S]*)(<ssbt:TNS>[\s\S]*<\/ssbt:TNS>)/, '$3$2$1'),
    ],
    [
      'an error with a kalla not in the code list',
      pingAnswer.replace('<ssbt:kalla>SSBT<', '<ssbt:kalla>XYZ<'),
    ],
    [
      'a fault without felmeddelande',
      fault('hamtaBastjanstInformation').replace(/<ssbt:felmeddelande>.*<\/ssbt:felmeddelande>/, ''),
    ],
    ['TNS data without resultat', answer.replace(/<tns:resultat[^>]*>OK<\/tns:resultat>/, '')],
  ])('%s', (_, xml) => {
    expect(problems(OFFICIAL_XSD, xml)).not.toBe('');
    expect(problems(ours, xml)).not.toBe('');
  });
});
