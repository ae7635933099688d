import { SOURCE_CODES, type SourceCode } from '../../simulator/domain/sources.ts';
import type { SourceStatus } from './protocol.ts';
import { child, isNoData, marksProtected, parseXmlTree, sourceDocument, textOf } from './source-documents.ts';

/** What SSBTEK answered for one source, as the harness reads it. */
export interface AnsweredSource {
  status: SourceStatus;
  /** For an error: who reported it and the code. */
  kalla?: string;
  felkod?: string;
  /** The source marks a protected identity. */
  protected: boolean;
  /** The source's own document (for wantValues); absent for an error. */
  document?: unknown;
}

/** SSBTEK's answer to one query, per source that it holds. */
export type AnsweredSources = Partial<Record<SourceCode, AnsweredSource>>;

/**
 * Reads a SOAP answer of hamtaBastjanstInformation into what each source answered: error (with kalla
 * and felkod), or data, which is "nodata" when it is the source's own "no data" answer. Throws when
 * the text is not such an answer (the harness only reads answers the simulator gave).
 */
export function readAnswer(soap: string): AnsweredSources {
  const envelope = child(parseXmlTree(soap), 'Envelope');
  const response = child(child(envelope, 'Body'), 'hamtaBastjanstInformationResponse');
  const svarsdata = child(response, 'svarsdata');
  if (svarsdata === undefined) throw new Error('not an answer of hamtaBastjanstInformation (no svarsdata)');
  const out: AnsweredSources = {};
  for (const code of SOURCE_CODES) {
    const element = child(svarsdata, code);
    if (element === undefined) continue;
    const error = child(element, 'error');
    if (error !== undefined) {
      const answered: AnsweredSource = { status: 'error', protected: false };
      const kalla = textOf(child(error, 'kalla'));
      const felkod = textOf(child(error, 'felkod'));
      if (kalla !== undefined) answered.kalla = kalla;
      if (felkod !== undefined) answered.felkod = felkod;
      out[code] = answered;
      continue;
    }
    const document = sourceDocument(code, child(element, 'data'));
    out[code] = {
      status: isNoData(code, document) ? 'nodata' : 'data',
      protected: marksProtected(code, document),
      document,
    };
  }
  return out;
}

/** True when any source in the answer marks a protected identity. */
export function answerMarksProtected(answer: AnsweredSources): boolean {
  return Object.values(answer).some((s) => s.protected);
}

/** The sources of an answer that are errors. */
export function erroredSources(answer: AnsweredSources): SourceCode[] {
  return SOURCE_CODES.filter((code) => answer[code]?.status === 'error');
}
