import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Reporter, RunResult } from '../core/types.ts';

/** A report file could not be written. */
export class ReportWriteError extends Error {
  constructor(file: string, cause: unknown) {
    super(`cannot write the report ${file}: ${(cause as Error).message}`);
    this.name = 'ReportWriteError';
  }
}

/**
 * A reporter that writes `render(run)` to `file` at the end of the run ("-" writes to `stdout`).
 * The file's directory is created when the run starts, so a bad path fails before any case runs.
 */
export function fileReporter(
  file: string,
  render: (run: RunResult) => string,
  stdout: (text: string) => void = (t) => void process.stdout.write(t),
): Reporter {
  const guard = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      throw new ReportWriteError(file, e);
    }
  };
  return {
    onStart() {
      if (file !== '-') guard(() => mkdirSync(dirname(file), { recursive: true }));
    },
    onEnd(run) {
      const text = render(run);
      if (file === '-') stdout(text);
      else guard(() => writeFileSync(file, text));
    },
  };
}
