import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_MAPPING } from '../core/load-mapping.ts';
import {
  DEFAULT_TIMEOUT_MS,
  type ClientOptions,
  type ProviderOptions,
  type TlsOptions,
} from '../core/options.ts';
import type { Selection } from '../core/select-cases.ts';
import type { Mode } from '../core/types.ts';

/** A command line the harness cannot act on (exit code 2). */
export class UsageError extends Error {}

/** The suites shipped with the harness. */
export function defaultSuiteDir(mode: Mode): string {
  return fileURLToPath(new URL(`../suites/${mode}/`, import.meta.url));
}

export type Command =
  | { kind: 'help' }
  | { kind: 'list'; suites: { dir: string; mode: Mode; explicit: boolean }[]; selection: Selection }
  | {
      kind: 'run';
      mode: Mode;
      suite: string;
      mapping: string;
      selection: Selection;
      bail: boolean;
      reporters: string[];
      provider?: Omit<ProviderOptions, 'mapping'>;
      client?: Omit<ClientOptions, 'mapping'>;
    };

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  target: { type: 'string' },
  control: { type: 'string' },
  'control-token': { type: 'string' },
  adapter: { type: 'string' },
  mapping: { type: 'string' },
  suite: { type: 'string' },
  timeout: { type: 'string' },
  deadline: { type: 'string' },
  ca: { type: 'string' },
  cert: { type: 'string' },
  key: { type: 'string' },
  passphrase: { type: 'string' },
  grep: { type: 'string' },
  level: { type: 'string' },
  bail: { type: 'boolean' },
  reporter: { type: 'string', multiple: true },
} as const;

type Option = keyof typeof OPTIONS;
const COMMON: Option[] = ['help', 'suite', 'grep', 'level'];
const REPORT: Option[] = [...COMMON, 'mapping', 'bail', 'reporter', 'timeout'];
const ALLOWED: Record<'provider' | 'client' | 'list', Option[]> = {
  provider: [...REPORT, 'target', 'control', 'control-token', 'deadline', 'ca', 'cert', 'key', 'passphrase'],
  client: [...REPORT, 'adapter'],
  list: COMMON,
};

function ms(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1)
    throw new UsageError(`--${name} must be a positive number of milliseconds, got "${text}"`);
  return n;
}

function httpUrl(name: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--${name} must be a URL, got "${text}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--${name} must be an http or https URL, got "${text}"`);
  return text;
}

function selection(values: { grep?: string; level?: string }): Selection {
  const out: Selection = {};
  if (values.grep !== undefined) {
    try {
      out.grep = new RegExp(values.grep, 'i');
    } catch (e) {
      throw new UsageError(`--grep: not a regular expression: ${(e as Error).message}`);
    }
  }
  if (values.level !== undefined) {
    if (values.level !== 'must' && values.level !== 'should')
      throw new UsageError(`--level must be must or should, got "${values.level}"`);
    out.level = values.level;
  }
  return out;
}

function pem(name: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    accessSync(file, constants.R_OK);
    return file;
  } catch (e) {
    throw new UsageError(`--${name}: cannot read ${file} (${(e as { code?: string }).code ?? 'unreadable'})`);
  }
}

function tls(
  values: { ca?: string; cert?: string; key?: string; passphrase?: string },
  env: Record<string, string | undefined>,
): TlsOptions | undefined {
  if ((values.cert === undefined) !== (values.key === undefined))
    throw new UsageError('--cert and --key go together');
  const passphrase = values.passphrase ?? env.SSBTEK_HARNESS_PASSPHRASE;
  if (values.passphrase !== undefined && values.key === undefined)
    throw new UsageError('--passphrase is for --key');
  const out: TlsOptions = {};
  const ca = pem('ca', values.ca);
  const cert = pem('cert', values.cert);
  const key = pem('key', values.key);
  if (ca !== undefined) out.ca = ca;
  if (cert !== undefined) out.cert = cert;
  if (key !== undefined) out.key = key;
  if (key !== undefined && passphrase !== undefined) out.passphrase = passphrase;
  return Object.keys(out).length === 0 ? undefined : out;
}

/** Reads the command line into a Command; throws UsageError for anything it cannot accept. */
export function parseCommand(argv: string[], env: Record<string, string | undefined> = {}): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help === true || command === 'help') return { kind: 'help' };
  if (command === undefined) throw new UsageError('say which command: provider, client or list');
  if (command !== 'provider' && command !== 'client' && command !== 'list')
    throw new UsageError(`unknown command "${command}"`);
  for (const name of Object.keys(values) as Option[]) {
    if (!ALLOWED[command].includes(name)) throw new UsageError(`--${name} is not an option of ${command}`);
  }
  if (command === 'list') {
    const [mode, ...extra] = rest;
    if (extra.length > 0 || (mode !== undefined && mode !== 'provider' && mode !== 'client'))
      throw new UsageError(`list takes one mode, provider or client, got "${rest.join(' ')}"`);
    const modes: Mode[] = mode === undefined ? ['provider', 'client'] : [mode];
    if (values.suite !== undefined && mode === undefined)
      throw new UsageError(
        'list --suite DIR needs the mode of its cases: list provider --suite DIR or list client --suite DIR',
      );
    return {
      kind: 'list',
      suites: modes.map((m) => ({
        mode: m,
        dir: values.suite ?? defaultSuiteDir(m),
        explicit: values.suite !== undefined || mode !== undefined,
      })),
      selection: selection(values),
    };
  }
  if (rest.length > 0) throw new UsageError(`${command} takes no arguments, got "${rest.join(' ')}"`);
  const timeoutMs = ms('timeout', values.timeout) ?? DEFAULT_TIMEOUT_MS;
  const mode: Mode = command;
  const base = {
    kind: 'run' as const,
    mode,
    suite: values.suite ?? defaultSuiteDir(command),
    mapping: values.mapping ?? DEFAULT_MAPPING,
    selection: selection(values),
    bail: values.bail ?? false,
    reporters: values.reporter ?? ['console'],
  };
  if (command === 'client') {
    if (values.adapter === undefined || values.adapter.trim() === '')
      throw new UsageError('client needs --adapter "COMMAND"');
    return { ...base, client: { adapter: values.adapter, timeoutMs } };
  }
  if (values.target === undefined) throw new UsageError('provider needs --target URL');
  const deadlineMs = ms('deadline', values.deadline);
  const tlsOptions = tls(values, env);
  const controlToken = values['control-token'] ?? env.SSBTEK_ADMIN_TOKEN;
  return {
    ...base,
    provider: {
      target: httpUrl('target', values.target),
      ...(values.control === undefined ? {} : { control: httpUrl('control', values.control) }),
      ...(controlToken === undefined ? {} : { controlToken }),
      timeoutMs,
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
      ...(tlsOptions === undefined ? {} : { tls: tlsOptions }),
    },
  };
}
