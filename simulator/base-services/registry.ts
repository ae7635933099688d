import type { SourceCode } from '../domain/sources.ts';
import { afSource } from './af/module.ts';
import { csnSource } from './csn/module.ts';
import { fkSource } from './fk/module.ts';
import { mivSource } from './miv/module.ts';
import { skvSource } from './skv/module.ts';
import { soSource } from './so/module.ts';
import { tnsSource } from './tns/module.ts';
import type { SourceModule } from './types.ts';

/** The seven sources by code. */
export const SOURCES: Record<SourceCode, SourceModule> = {
  AF: afSource,
  CSN: csnSource,
  FK: fkSource,
  SKV: skvSource,
  SO: soSource,
  TNS: tnsSource,
  MIV: mivSource,
};
