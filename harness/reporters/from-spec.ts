import type { Reporter } from '../core/types.ts';
import { createConsoleReporter } from './console.ts';
import { fileReporter } from './file-reporter.ts';
import { runHtml } from './html.ts';
import { runJson } from './json.ts';
import { junitXml } from './junit.ts';

/** The reporter names --reporter takes; all but console need `:FILE`. */
export const REPORTER_KINDS = ['console', 'junit', 'json', 'html'] as const;

const RENDER = { junit: junitXml, json: runJson, html: runHtml };

export interface ReporterIo {
  write: (text: string) => void;
  color: boolean;
}

/** A --reporter value (`console`, `junit:FILE`, `json:FILE`, `html:FILE`; FILE `-` is stdout) as a Reporter; throws on a bad one. */
export function reporterFromSpec(spec: string, io: ReporterIo): Reporter {
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const file = colon < 0 ? '' : spec.slice(colon + 1);
  if (kind === 'console') {
    if (colon >= 0) throw new Error(`--reporter console takes no file, got "${spec}"`);
    return createConsoleReporter(io);
  }
  if (kind === 'junit' || kind === 'json' || kind === 'html') {
    if (file === '') throw new Error(`--reporter ${kind} needs a file: ${kind}:FILE`);
    return fileReporter(file, RENDER[kind], io.write);
  }
  throw new Error(
    `--reporter: unknown reporter "${kind}" (use ${REPORTER_KINDS.join(', ')}; files as junit:FILE)`,
  );
}
