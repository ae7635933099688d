import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Where the harness's own scenarios live (loaded into the simulator through its admin API). */
export const HARNESS_SCENARIOS_DIR = fileURLToPath(new URL('../scenarios/', import.meta.url));

/** The composite's default timeout towards a source when a scenario sets none (docs/scenario-reference.md). */
const DEFAULT_COMPOSITE_TIMEOUT_MS = 10_000;

/** One harness scenario: its name, its YAML as sent, and the longest the composite waits for a source under it. */
export interface HarnessScenario {
  name: string;
  file: string;
  yaml: string;
  timeoutMs: number;
}

interface ScenarioShape {
  name?: unknown;
  composite?: { timeoutMs?: unknown };
  sources?: Record<string, { timeoutMs?: unknown } | undefined>;
}

/** The longest the composite waits for any source under a scenario: its own timeouts, or the composite's. */
function longestTimeout(s: ScenarioShape): number {
  const composite =
    typeof s.composite?.timeoutMs === 'number' ? s.composite.timeoutMs : DEFAULT_COMPOSITE_TIMEOUT_MS;
  const own = Object.values(s.sources ?? {}).map((src) =>
    typeof src?.timeoutMs === 'number' ? src.timeoutMs : composite,
  );
  return Math.max(composite, ...own);
}

/** The harness scenarios in a directory (every *.yaml), sorted by file name. */
export function harnessScenarios(dir: string = HARNESS_SCENARIOS_DIR): HarnessScenario[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      const yaml = readFileSync(file, 'utf8');
      const shape = parse(yaml) as ScenarioShape;
      if (typeof shape.name !== 'string') throw new Error(`${file}: a harness scenario needs a name`);
      return { name: shape.name, file, yaml, timeoutMs: longestTimeout(shape) };
    });
}
