/**
 * The content of SKV/data: the unqualified element `svar` (BeskattningsuppgifterResponseTYPE declares
 * no elementFormDefault, so its local element is in no namespace) holding the taxation document as
 * text, in a CDATA section as Skatteverket's published example has it. A `]]>` in the document is
 * split over two sections, so any text survives.
 */
export function svarElement(document: string, indent: string): string {
  const cdata = document.replaceAll(']]>', ']]]]><![CDATA[>');
  return `${indent}<svar><![CDATA[${cdata}]]></svar>`;
}
