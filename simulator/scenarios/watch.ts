import { readdirSync, readFileSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScenario, ScenarioError } from './load.ts';
import { replaceFromFile, type LiveScenarioStore, type ScenarioFileError } from './store.ts';
import type { Scenario } from './types.ts';

export interface WatchOptions {
  /** A file was edited and its scenario applied (already in the store). */
  onReload?: (scenario: Scenario, file: string) => void;
  /** A file was edited but is invalid (or unreadable); the last good scenario stays. */
  onError?: (error: ScenarioError, file: string) => void;
  /** How long to wait for a burst of events to settle before reading the file (default 100 ms). */
  debounceMs?: number;
  /** How often to look for a file that disappeared (default 250 ms). */
  pollMs?: number;
}

const sameFile = (a: string, b: string): boolean => resolve(a) === resolve(b);

function readProblem(file: string, e: unknown): ScenarioError {
  const code = (e as { code?: string }).code ?? 'unreadable';
  return new ScenarioError([{ file, line: 1, column: 1, path: '', message: `cannot read the file (${code})` }]);
}

function inode(file: string): number | undefined {
  try {
    return statSync(file).ino;
  } catch {
    return undefined;
  }
}

/** Watches one file; see watchScenarioFiles. */
function watchOne(store: LiveScenarioStore, file: string, options: WatchOptions): () => void {
  const debounceMs = options.debounceMs ?? 100;
  const pollMs = options.pollMs ?? 250;
  let name = store.list().find((e) => sameFile(e.origin, file))?.name;
  let lastText: string | undefined;
  try {
    lastText = readFileSync(file, 'utf8');
  } catch {
    lastText = undefined;
  }
  let watcher: FSWatcher | undefined;
  let watchedInode: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const fail = (error: ScenarioError): void => {
    store.recordError(file, error.problems);
    options.onError?.(error, file);
  };

  const reload = (): void => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      fail(readProblem(file, e));
      return;
    }
    if (text === lastText && store.lastError(file) === undefined && name !== undefined) return;
    let scenario: Scenario;
    try {
      scenario = parseScenario(text, file);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      fail(e instanceof ScenarioError ? e : new ScenarioError([{ file, line: 1, column: 1, path: '', message: `internal error while loading: ${message}` }]));
      return;
    }
    lastText = text;
    replaceFromFile(store, name, scenario);
    name = scenario.name;
    options.onReload?.(scenario, file);
  };

  const disarm = (): void => {
    watcher?.close();
    watcher = undefined;
    watchedInode = undefined;
  };

  /** Watches the file as it is now; false when it does not exist (yet). */
  const arm = (): boolean => {
    disarm();
    const ino = inode(file);
    if (ino === undefined) return false;
    try {
      watcher = watch(file, { persistent: false }, schedule);
      watcher.on('error', schedule);
      watchedInode = ino;
      return true;
    } catch {
      return false;
    }
  };

  /** After the events settle: read the file, and watch again when an editor replaced it (rename). */
  function settle(): void {
    timer = undefined;
    if (closed) return;
    const ino = inode(file);
    if (ino === undefined) {
      disarm();
      reload(); // reports the missing file
      timer = setTimeout(poll, pollMs).unref();
      return;
    }
    if (ino !== watchedInode) arm();
    reload();
  }

  function poll(): void {
    timer = undefined;
    if (closed) return;
    if (inode(file) === undefined) {
      timer = setTimeout(poll, pollMs).unref();
      return;
    }
    arm();
    reload();
  }

  function schedule(): void {
    if (closed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(settle, debounceMs).unref();
  }

  if (!arm()) timer = setTimeout(poll, pollMs).unref();
  return () => {
    closed = true;
    if (timer !== undefined) clearTimeout(timer);
    disarm();
  };
}

/**
 * Watches scenario files and applies every valid edit at once (store.add; the active selection is
 * kept). An invalid edit keeps the last good scenario and is reported with every problem
 * (file:line:column) through onError and store.lastError. Survives editors that save by writing a
 * new file and renaming it over the old one. Returns a function that stops watching.
 */
export function watchScenarioFiles(store: LiveScenarioStore, files: string[], options: WatchOptions = {}): () => void {
  const closers = files.map((file) => watchOne(store, file, options));
  return () => {
    for (const close of closers) close();
  };
}

/** What loadScenarioDir found. */
export interface ScenarioDir {
  /** Every *.yaml / *.yml file in the directory (those that failed too, so they can be watched and fixed). */
  files: string[];
  /** The scenarios that loaded. */
  scenarios: Scenario[];
  /** The files that did not, each with every problem. */
  errors: ScenarioFileError[];
}

/**
 * Loads every *.yaml (and *.yml) file of a directory; a bad file is reported and does not stop the others.
 * `parse` reads one file's text (parseScenario; the CLI passes a cached equivalent, simulator/cli/scenario-cache.ts).
 */
export function loadScenarioDir(dir: string, parse: (text: string, file: string) => Scenario = parseScenario): ScenarioDir {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isFile() && /\.ya?ml$/i.test(d.name))
      .map((d) => d.name)
      .sort();
  } catch (e) {
    return { files: [], scenarios: [], errors: [{ origin: dir, problems: readProblem(dir, e).problems }] };
  }
  const out: ScenarioDir = { files: names.map((n) => join(dir, n)), scenarios: [], errors: [] };
  const seen = new Map<string, string>();
  for (const file of out.files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      out.errors.push({ origin: file, problems: readProblem(file, e).problems });
      continue;
    }
    try {
      const scenario = parse(text, file);
      const other = seen.get(scenario.name);
      if (other !== undefined) {
        const line = Math.max(1, text.split('\n').findIndex((l) => /^name\s*:/.test(l)) + 1);
        out.errors.push({ origin: file, problems: [{ file, line, column: 1, path: 'name', message: `duplicate scenario name "${scenario.name}" (also in ${other})` }] });
        continue;
      }
      seen.set(scenario.name, file);
      out.scenarios.push(scenario);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      out.errors.push({ origin: file, problems: e.problems });
    }
  }
  return out;
}
