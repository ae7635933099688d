import type { CaseExecutor, Mapping } from './types.ts';

/** TLS towards the target: paths of PEM files (the CLI has checked they are readable). */
export interface TlsOptions {
  /** A CA bundle to trust instead of the system's (like curl --cacert). */
  ca?: string;
  /** Mutual TLS: the client certificate and its key (always both). */
  cert?: string;
  key?: string;
  /** The key's passphrase. */
  passphrase?: string;
}

/** What the CLI gives `createProviderExecutor` (harness/provider/executor.ts). */
export interface ProviderOptions {
  /** The provider's SOAP endpoint, e.g. http://127.0.0.1:8080/ssbtek/v10. */
  target: string;
  /** When the target is ssbtek-sim: the simulator's base URL (its admin API is {control}/admin), enabling state-dependent cases; absent for other providers. */
  control?: string;
  /** The simulator's admin token (its --admin-token), sent as a bearer token to the control URL. */
  controlToken?: string;
  mapping: Mapping;
  /** Timeout of each request, in ms. */
  timeoutMs: number;
  /** The time an answer should take at most (SHOULD cases on response time), in ms. */
  deadlineMs?: number;
  tls?: TlsOptions;
}

/** What the CLI gives `createClientExecutor` (harness/client/executor.ts). */
export interface ClientOptions {
  /** The shell command that runs the client under test (see docs/harness-client.md). */
  adapter: string;
  mapping: Mapping;
  /** Timeout of each adapter run, in ms. */
  timeoutMs: number;
}

/** The export harness/provider/executor.ts must have. */
export type CreateProviderExecutor = (options: ProviderOptions) => CaseExecutor | Promise<CaseExecutor>;
/** The export harness/client/executor.ts must have. */
export type CreateClientExecutor = (options: ClientOptions) => CaseExecutor | Promise<CaseExecutor>;

/** Defaults the CLI applies. */
export const DEFAULT_TIMEOUT_MS = 30_000;
