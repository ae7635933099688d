import type { XmlValue } from '../../../simulator/xml/parse.ts';

/** The text of an element as parsed (a string, or `#text` of an element with attributes); undefined for element content. */
export function textOf(node: XmlValue | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return undefined;
  const t = node['#text'];
  if (typeof t === 'string') return t;
  const children = Object.keys(node).filter((k) => !k.startsWith('@_') && k !== '#text');
  return children.length === 0 ? '' : undefined;
}

/** The text of the single child element `name` of a (prefix-stripped) node. */
export function childText(node: XmlValue, name: string): string | undefined {
  if (typeof node !== 'object' || Array.isArray(node)) return undefined;
  return textOf(node[name]);
}
