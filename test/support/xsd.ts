import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { SourceCode } from '../../simulator/domain/sources.ts';

/** The official-schema checker shipped beside the repository (../shared/tools/ssbtek-xsd-check). */
export const XSD_CHECK = resolve(import.meta.dirname, '../../../shared/tools/ssbtek-xsd-check');

function hasTools(): boolean {
  return existsSync(XSD_CHECK) && spawnSync('sh', ['-c', 'command -v xmllint && command -v xsltproc']).status === 0;
}

/** True when the official XSD check can run here; in CI (CI=true) a missing checker is an error. */
export const xsdAvailable = hasTools();
if (!xsdAvailable && process.env.CI === 'true') {
  throw new Error(`CI=true but the official XSD check cannot run (${XSD_CHECK}, xmllint, xsltproc)`);
}

/** Runs the official XSD check on SOAP envelopes; returns its output when a file is invalid, '' when all are valid. */
export function xsdProblems(...envelopes: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ssbtek-xsd-'));
  const files = envelopes.map((xml, i) => {
    const f = join(dir, `msg-${i}.xml`);
    writeFileSync(f, xml);
    return f;
  });
  try {
    execFileSync(XSD_CHECK, files, { encoding: 'utf8' });
    return '';
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `${err.stdout ?? ''}${err.stderr ?? ''}` || 'invalid';
  }
}

/** A composite answer envelope holding one source's data content (for checking a source's payload alone). */
export function envelopeWithSourceData(code: SourceCode, dataContent: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <ssbt:hamtaBastjanstInformationResponse xmlns:ssbt="http://schema.forsakringskassan.se/integration/ssbt/10">
      <ssbt:svarsdata>
        <ssbt:${code}>
          <ssbt:data>
${dataContent}
          </ssbt:data>
        </ssbt:${code}>
      </ssbt:svarsdata>
    </ssbt:hamtaBastjanstInformationResponse>
  </soap:Body>
</soap:Envelope>
`;
}
