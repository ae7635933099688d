import { absent } from './absent.ts';
import { contract } from './contract.ts';
import { data } from './data.ts';
import { echo } from './echo.ts';
import { error } from './error.ts';
import { fault } from './fault.ts';
import { noData } from './no-data.ts';
import { noErrors } from './no-errors.ts';
import { officialOrder } from './official-order.ts';
import { period } from './period.ts';
import { ping } from './ping.ts';
import { protectedMarked } from './protected-marked.ts';
import { sources } from './sources.ts';
import { status } from './status.ts';
import { subset } from './subset.ts';
import type { Expectation } from './types.ts';
import { within } from './within.ts';

/** Every expectation a provider case may name, by name (the names of contracts/harness/provider-case.schema.json). */
export const EXPECTATIONS: Readonly<Record<string, Expectation>> = Object.fromEntries(
  [
    status,
    fault,
    officialOrder,
    contract,
    sources,
    data,
    error,
    echo,
    absent,
    protectedMarked,
    noErrors,
    noData,
    period,
    within,
    subset,
    ping,
  ].map((e) => [e.name, e]),
);
