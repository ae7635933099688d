/**
 * Scenarios loaded at start, kept between starts (issue 7, cold start): parsing YAML with positions and validating
 * it takes longer than anything else at start (the default scenario and the library of 15 files: ~0.6 s), although the
 * files rarely change. A scenario that loaded is stored as JSON under a hash of its file name and text; the next
 * start with the same text reads it back instead of parsing. A file that does not load is never stored, so its
 * problems are found and reported exactly as without the cache.
 *
 * The cache lives in the start-up bundle's directory (simulator/cli/build.ts), whose key covers every simulator
 * source: parsing or normalising code that changed means another bundle, and an empty cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { deepFreeze } from '../domain/lru.ts';
import { loadScenarioFile, parseScenario } from '../scenarios/load.ts';
import type { Scenario } from '../scenarios/types.ts';

export interface ScenarioCache {
  /** As parseScenario(text, file). */
  parse: (text: string, file: string) => Scenario;
  /** As loadScenarioFile(file). */
  load: (file: string) => Scenario;
}

/** A cache of loaded scenarios in `dir` (created when first written; a directory that cannot be written is no cache). */
export function scenarioCache(dir: string): ScenarioCache {
  let writable = true;
  let sequence = 0;
  const parse = (text: string, file: string): Scenario => {
    const key = createHash('sha256').update(file).update('\0').update(text).digest('hex');
    const path = join(dir, `${key}.json`);
    try {
      return deepFreeze(JSON.parse(readFileSync(path, 'utf8')) as Scenario);
    } catch {
      // Not stored yet (or unreadable): parse.
    }
    const scenario = parseScenario(text, file);
    if (writable) {
      const json = JSON.stringify(scenario);
      // Only what JSON gives back unchanged is stored (a scenario holds plain data; this makes sure).
      if (isDeepStrictEqual(JSON.parse(json), scenario)) {
        try {
          mkdirSync(dir, { recursive: true });
          const tmp = `${path}.${process.pid}.${sequence++}.tmp`;
          writeFileSync(tmp, json);
          renameSync(tmp, path);
        } catch {
          writable = false;
        }
      }
    }
    return scenario;
  };
  return { parse, load: (file: string): Scenario => loadScenarioFile(file, parse) };
}
