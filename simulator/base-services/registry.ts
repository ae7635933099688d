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
  AF: afSource as SourceModule,
  CSN: csnSource as SourceModule,
  FK: fkSource as SourceModule,
  SKV: skvSource as SourceModule,
  SO: soSource as SourceModule,
  TNS: tnsSource as SourceModule,
  MIV: mivSource as SourceModule,
};
