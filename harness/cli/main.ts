import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ContractRegistry } from '../../simulator/contracts/registry.ts';
import { EXIT } from '../core/exit-codes.ts';
import { loadMapping } from '../core/load-mapping.ts';
import { displayPath } from '../core/display-path.ts';
import { loadSuite } from '../core/load-suite.ts';
import { ProblemsError } from '../core/problems.ts';
import { exitCodeOf, runCases } from '../core/run.ts';
import { selectCases } from '../core/select-cases.ts';
import { TargetUnreachable, type CaseExecutor, type Reporter } from '../core/types.ts';
import { wantsColor } from '../reporters/console.ts';
import { ReportWriteError } from '../reporters/file-reporter.ts';
import { reporterFromSpec } from '../reporters/from-spec.ts';
import { defaultExecutors, ExecutorUnavailable, type ExecutorRegistry } from './executors.ts';
import { HELP } from './help.ts';
import { parseCommand, UsageError, type Command } from './parse-args.ts';

export { HELP } from './help.ts';

/** What the CLI touches outside itself; tests replace any of it. */
export interface CliDeps {
  out: (text: string) => void;
  err: (text: string) => void;
  executors: ExecutorRegistry;
  env: Record<string, string | undefined>;
  /** Whether `out` is a terminal (colours). */
  isTTY: boolean;
  /** Where case and mapping schemas are found (tests); default: the project's contracts. */
  registry?: ContractRegistry;
}

const defaults = (): CliDeps => ({
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
  executors: defaultExecutors,
  env: process.env,
  isTTY: process.stdout.isTTY,
});

const registryOf = (deps: CliDeps): { registry?: ContractRegistry } =>
  deps.registry === undefined ? {} : { registry: deps.registry };

function list(command: Extract<Command, { kind: 'list' }>, deps: CliDeps): number {
  const present = command.suites.filter((s) => s.explicit || existsSync(s.dir));
  for (const s of present.length === 0 ? command.suites.slice(0, 1) : present) {
    const cases = selectCases(loadSuite(s.dir, s.mode, registryOf(deps)), command.selection);
    deps.out(`${s.mode} suite ${displayPath(s.dir)} (${cases.length} case${cases.length === 1 ? '' : 's'})\n`);
    for (const c of cases)
      deps.out(
        `  ${c.level.padEnd(7)}${c.id.padEnd(20)} ${c.title}${typeof c.body.skip === 'string' ? ' (skip)' : ''}\n`,
      );
  }
  return EXIT.ok;
}

async function run(command: Extract<Command, { kind: 'run' }>, deps: CliDeps): Promise<number> {
  let reporters: Reporter[];
  try {
    reporters = command.reporters.map((spec) =>
      reporterFromSpec(spec, { write: deps.out, color: wantsColor(deps.isTTY, deps.env) }),
    );
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const mapping = loadMapping(command.mapping, registryOf(deps));
  const cases = loadSuite(command.suite, command.mode, registryOf(deps));
  if (selectCases(cases, command.selection).length === 0)
    throw new UsageError(`no case of ${command.suite} matches --grep/--level`);
  let executor: CaseExecutor;
  let target: string;
  if (command.provider !== undefined) {
    executor = await deps.executors.provider({ ...command.provider, mapping });
    target = command.provider.target;
  } else if (command.client !== undefined) {
    executor = await deps.executors.client({ ...command.client, mapping });
    target = command.client.adapter;
  } else throw new Error(`no options for mode ${command.mode}`);
  const result = await runCases(cases, executor, {
    mode: command.mode,
    target,
    ...command.selection,
    bail: command.bail,
    reporters,
  });
  return exitCodeOf(result);
}

/** Runs the harness CLI; resolves with the exit code (0 pass, 1 MUST failed, 2 usage/files, 3 unreachable). */
export async function main(argv: string[], overrides: Partial<CliDeps> = {}): Promise<number> {
  const deps = { ...defaults(), ...overrides };
  try {
    const command = parseCommand(argv, deps.env);
    if (command.kind === 'help') {
      deps.out(HELP);
      return EXIT.ok;
    }
    return command.kind === 'list' ? list(command, deps) : await run(command, deps);
  } catch (e) {
    if (e instanceof UsageError) {
      deps.err(`ssbtek-harness: ${e.message}\nRun ssbtek-harness --help for usage.\n`);
      return EXIT.usage;
    }
    if (e instanceof ProblemsError) {
      const what = e.name === 'MappingError' ? 'mapping' : 'suite';
      deps.err(
        `Invalid ${what} (${e.problems.length} problem${e.problems.length === 1 ? '' : 's'}):\n${e.message}\n`,
      );
      return EXIT.usage;
    }
    if (e instanceof ExecutorUnavailable || e instanceof ReportWriteError) {
      deps.err(`ssbtek-harness: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof TargetUnreachable) {
      deps.err(`ssbtek-harness: the target could not be reached: ${e.message}\n`);
      return EXIT.unreachable;
    }
    throw e;
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (e: unknown) => {
      console.error('ssbtek-harness: internal error:', e);
      process.exit(1);
    },
  );
}
