import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { xsdDocuments } from '../../simulator/composite/wsdl.ts';
import type { Operation } from '../../simulator/composite/soap-request.ts';
import { envelopeXsd, envelopeXsdName } from './envelope-xsd.ts';

/** Checks SOAP answers against the project's generated XSDs with xmllint. */
export interface XsdChecker {
  /** False when xmllint is not installed: checks are then skipped with a note. */
  readonly available: boolean;
  /** xmllint's complaints about the answer ([] when valid); undefined when xmllint is not available. */
  check(answer: string, operation: Operation): Promise<string[] | undefined>;
  close(): void;
}

function hasXmllint(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8', maxBuffer: 8 * 1024 * 1024 }, (error, _stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stderr });
    });
  });
}

/**
 * An XSD checker: writes ssbt.xsd and the sources' XSDs (xsdDocuments(), generated from contracts/)
 * and a SOAP 1.1 envelope schema per operation into a temporary directory on first use, and runs
 * `xmllint --noout --nonet --schema` on each answer.
 */
export function createXsdChecker(command = 'xmllint'): XsdChecker {
  const available = hasXmllint(command);
  let dir: string | undefined;
  let count = 0;
  const ensureDir = (): string => {
    if (dir !== undefined) return dir;
    dir = mkdtempSync(join(tmpdir(), 'ssbtek-harness-xsd-'));
    for (const [name, text] of xsdDocuments()) writeFileSync(join(dir, name), text);
    for (const op of ['hamtaBastjanstInformation', 'testaBastjanstInformation'] as const)
      writeFileSync(join(dir, envelopeXsdName(op)), envelopeXsd(op));
    return dir;
  };
  return {
    available,
    async check(answer, operation) {
      if (!available) return undefined;
      const d = ensureDir();
      const file = join(d, `answer-${++count}.xml`);
      writeFileSync(file, answer);
      const { code, stderr } = await run(command, [
        '--noout',
        '--nonet',
        '--schema',
        join(d, envelopeXsdName(operation)),
        file,
      ]);
      rmSync(file, { force: true });
      if (code === 0) return [];
      const lines = stderr
        .split('\n')
        .map((l) => l.replaceAll(`${file}:`, 'line ').replaceAll(file, 'the answer').trim())
        .filter((l) => l !== '' && !/fails to validate$/.test(l));
      return lines.length > 0 ? lines : [`xmllint exited with ${code}`];
    },
    close() {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}
