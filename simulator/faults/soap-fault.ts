import type { Felkod } from './felkoder.ts';
import { FELKODER } from './felkoder.ts';

/** A failure of the whole request, answered as a SOAP Fault (or problem+json in the JSON API). */
export class RequestFault extends Error {
  readonly felmeddelande: string[];
  constructor(
    readonly felkod: Felkod,
    ...felmeddelande: [string, ...string[]]
  ) {
    super(`${felkod}: ${felmeddelande.join(' ')}`);
    this.name = 'RequestFault';
    this.felmeddelande = felmeddelande;
  }

  get httpStatus(): number {
    return FELKODER[this.felkod].httpStatus;
  }
}

/** An error one source ends up with in the answer: error{kalla, felkod, felmeddelande+}. */
export interface SourceFailure {
  kalla: 'SSBT' | 'BT';
  felkod: string;
  felmeddelande: string[];
}

/** A source's error; felkod is one of FELKODER or a code the base service reported. */
export function sourceFailure(kalla: 'SSBT' | 'BT', felkod: string, ...felmeddelande: [string, ...string[]]): SourceFailure {
  return { kalla, felkod, felmeddelande };
}
