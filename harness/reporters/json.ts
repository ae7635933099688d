import type { RunResult } from '../core/types.ts';

/** The run as JSON (the RunResult itself, indented); JSON.parse gives it back unchanged. */
export function runJson(run: RunResult): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
