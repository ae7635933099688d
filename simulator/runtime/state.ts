import type { RuntimeState } from '../domain/context.ts';
import type { SourceCode } from '../domain/sources.ts';
import type { Failure } from '../scenarios/types.ts';

/** In-memory run-time state (see RuntimeState). */
export function createRuntimeState(): RuntimeState {
  const counters = new Map<string, number>();
  const faults = new Map<SourceCode, Failure>();
  return {
    nextCall(scenario, code) {
      const key = `${scenario}\u0000${code}`;
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      return n;
    },
    liveFault: (code) => faults.get(code),
    setLiveFault(code, failure) {
      if (failure === undefined) faults.delete(code);
      else faults.set(code, failure);
    },
    reset(options) {
      counters.clear();
      if (options?.faults === true) faults.clear();
    },
  };
}
