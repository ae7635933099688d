import type { SourceCode } from '../../../simulator/domain/sources.ts';

/** What the body of the SOAP answer is. */
export type AnswerKind = 'answer' | 'ping' | 'fault' | 'other';

/** A SOAP Fault as read (SOAP 1.1 faultcode/faultstring/detail; SOAP 1.2 Code/Reason/Detail mapped onto them). */
export interface SoapFault {
  faultcode?: string;
  faultstring?: string;
  /** The local name and namespace of the element inside detail, when there is one. */
  detailElement?: { local: string; namespace: string };
  /** That element read as canonical JSON of contracts/composite/fault.schema.json (not yet validated). */
  detail?: unknown;
  /** Why the detail element could not be read. */
  detailProblem?: string;
}

/** What one source answered in svarsdata, by element. */
export type SourceAnswerKind = 'data' | 'error' | 'neither';

/**
 * A provider's SOAP answer read into the project's canonical JSON: the compiled answer with every
 * payload decoded (CSN's base64 document, FK's base64 LEFI JSON, SKV's embedded XML), the ping's
 * answer, or the fault, with what could not be read.
 */
export interface ParsedAnswer {
  kind: AnswerKind;
  /** The envelope's SOAP version, when it is a SOAP envelope. */
  soapVersion?: '1.1' | '1.2';
  /** The local name and namespace of the Body's element. */
  bodyElement?: { local: string; namespace: string };
  /** Why the text could not be read as a SOAP answer, or parts of it that could not be read. */
  problems: string[];
  /** answer: canonical JSON of contracts/composite/answer.schema.json; ping: of ping-answer.schema.json. */
  canonical?: Record<string, unknown>;
  fault?: SoapFault;
  /** The element names under svarsdata (or the ping answer), in document order. */
  order: string[];
  /** What each source answered, by element (answer only). */
  results: Partial<Record<SourceCode, SourceAnswerKind>>;
  /** Sources whose data could not be decoded into canonical JSON, and why. */
  decodeProblems: Partial<Record<SourceCode, string>>;
}
