import { fileURLToPath } from 'node:url';
import type {
  ClientOptions,
  CreateClientExecutor,
  CreateProviderExecutor,
  ProviderOptions,
} from '../core/options.ts';
import type { CaseExecutor } from '../core/types.ts';

/** How the CLI gets an executor for each mode; tests pass their own. */
export interface ExecutorRegistry {
  provider(options: ProviderOptions): Promise<CaseExecutor>;
  client(options: ClientOptions): Promise<CaseExecutor>;
}

/** A mode's executor module is not installed, or lacks its factory. */
export class ExecutorUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExecutorUnavailable';
  }
}

/** Imports `exportName` from the module at `rel` (relative to this file), saying clearly when it is missing. */
export async function importFactory<T>(
  rel: string,
  exportName: string,
  base: string = import.meta.url,
): Promise<T> {
  const url = new URL(rel, base);
  const path = fileURLToPath(url);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url.href)) as Record<string, unknown>;
  } catch (e) {
    const err = e as { code?: string; message?: string };
    const missing = err.code === 'ERR_MODULE_NOT_FOUND' && (err.message ?? '').includes(path);
    if (missing) throw new ExecutorUnavailable(`the executor module ${path} is missing`);
    throw e;
  }
  const factory = mod[exportName];
  if (typeof factory !== 'function')
    throw new ExecutorUnavailable(`${path} does not export a function ${exportName}`);
  return factory as T;
}

/** The real executors: harness/provider/executor.ts and harness/client/executor.ts, imported on first use. */
export const defaultExecutors: ExecutorRegistry = {
  async provider(options) {
    const create = await importFactory<CreateProviderExecutor>(
      '../provider/executor.ts',
      'createProviderExecutor',
    );
    return await create(options);
  },
  async client(options) {
    const create = await importFactory<CreateClientExecutor>('../client/executor.ts', 'createClientExecutor');
    return await create(options);
  },
};
