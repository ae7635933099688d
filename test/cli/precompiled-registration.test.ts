/**
 * The start-up bundle registers its generated validators (usePrecompiledValidators) after every module it imports
 * has loaded, and some create the shared registry as they load (simulator/base-services/xml-source.ts): a registry
 * made before the registration must use them too.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatorsModuleCode } from '../../simulator/cli/build.ts';
import {
  ContractRegistry,
  contracts,
  CONTRACTS_DIR,
  schemaId,
  usePrecompiledValidators,
  type PrecompiledValidators,
} from '../../simulator/contracts/registry.ts';

describe('usePrecompiledValidators', () => {
  it('applies to registries made before it, and only to the contracts directory it names', () => {
    const early = contracts();
    const other = new ContractRegistry(CONTRACTS_DIR);
    const file = join(mkdtempSync(join(tmpdir(), 'ssbtek-validators-')), 'validators.cjs');
    writeFileSync(file, validatorsModuleCode(resolve(import.meta.dirname, '../..')));
    let loads = 0;
    let loaded: PrecompiledValidators = {};
    const load = (): PrecompiledValidators => {
      loads++;
      loaded = createRequire(import.meta.url)(file) as PrecompiledValidators;
      return loaded;
    };
    const af = schemaId('base-services/af.schema.json');
    usePrecompiledValidators(load, join(tmpdir(), 'elsewhere'));
    const viaAjv = new ContractRegistry(CONTRACTS_DIR).validator(af);
    expect(loads).toBe(0);
    usePrecompiledValidators(load);
    expect(early.validator(af)).toBe(loaded[af]);
    expect(viaAjv).not.toBe(loaded[af]);
    expect(other.validator(af)).toBe(loaded[af]);
    expect(new ContractRegistry(CONTRACTS_DIR).validator(af)).toBe(loaded[af]);
    // Loaded once, on the first validation, for every registry.
    expect(loads).toBe(1);
  }, 60_000);
});
