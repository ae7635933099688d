import { SOURCES } from '../../../simulator/base-services/registry.ts';
import { contracts } from '../../../simulator/contracts/registry.ts';
import type { SourceCode } from '../../../simulator/domain/sources.ts';
import type { XmlValue } from '../../../simulator/xml/parse.ts';
import { readXml } from '../../../simulator/xml/schema-codec.ts';
import { childText } from './xml-text.ts';

/** The sources whose data is their payload's XML content itself. */
const XML_CONTENT: readonly SourceCode[] = ['AF', 'SO', 'TNS', 'MIV'];

function base64Text(text: string, where: string): string {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw new Error(`${where} is not base64`);
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}

function required(node: XmlValue, name: string, where: string): string {
  const text = childText(node, name);
  if (text === undefined) throw new Error(`${where} has no ${name} element`);
  return text;
}

/**
 * Decodes one source's `data` element (prefixes stripped) into the canonical JSON of its own schema
 * (contracts/base-services/<code>.schema.json), the way the simulator's base services read their
 * documents. Throws an Error saying what could not be read; the result is not yet validated.
 */
export function decodeSourceData(code: SourceCode, data: XmlValue): unknown {
  const source = SOURCES[code];
  const where = `svarsdata/${code}/data`;
  if (XML_CONTENT.includes(code)) {
    const registry = contracts();
    return readXml(registry.schema(source.schemaPath), data, registry.resolve, `/${where}`);
  }
  switch (code) {
    case 'CSN':
      return source.fromDocument(base64Text(required(data, 'svar', where), `${where}/svar`));
    case 'FK':
      return source.fromDocument(base64Text(required(data, 'lefiJsonSvar', where), `${where}/lefiJsonSvar`));
    case 'SKV':
      return source.fromDocument(required(data, 'svar', where));
    default:
      throw new Error(`no decoder for ${code}`);
  }
}
