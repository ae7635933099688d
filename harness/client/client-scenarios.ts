import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../simulator/scenarios/load.ts';
import type { Scenario } from '../../simulator/scenarios/types.ts';

/** Where the harness's client scenarios are (harness/client-scenarios/<name>.yaml). */
export const CLIENT_SCENARIOS_DIR = fileURLToPath(new URL('../client-scenarios/', import.meta.url));

/**
 * Loads every client scenario, checked like any scenario file (a broken one throws ScenarioError with
 * file:line:column). Each file's scenario name is its file name without .yaml.
 */
export function loadClientScenarios(dir: string = CLIENT_SCENARIOS_DIR): Scenario[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return files.map((f) => {
    const scenario = loadScenarioFile(join(dir, f));
    const expected = f.replace(/\.yaml$/, '');
    if (scenario.name !== expected)
      throw new Error(
        `${join(dir, f)}: the scenario's name must be "${expected}", like its file, not "${scenario.name}"`,
      );
    return scenario;
  });
}

/**
 * A copy of a scenario under another name. Each case gets its own copy, so call counters (firstN,
 * sequences), the journal's x-ssbtek-scenario header and the processing history are the case's own,
 * whatever ran before it or runs beside it.
 */
export function renamedScenario(scenario: Scenario, name: string): Scenario {
  return Object.freeze({ ...scenario, name });
}
