import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { SOURCES } from '../../base-services/registry.ts';
import type { CompiledAnswer, PingAnswer } from '../../composite/answer-types.ts';
import { AnswerReadError, readAnswerEnvelope, type ReadFault } from '../../composite/read-answer.ts';
import { SOURCE_CODES, type SourceCode } from '../../domain/sources.ts';
import { sendProblem } from '../../http/problem.ts';
import type { UiDeps } from '../router.ts';

/** The body of POST /ui/api/decode, by what the SOAP answer held. */
export type DecodeBody =
  | {
      kind: 'answer';
      /** The canonical JSON of the answer, exactly as the JSON API answers it (contracts/composite/answer.schema.json). */
      answer: CompiledAnswer;
      /** For each source in svarsdata: whether its data marks a protected identity the way that source does (false for an error). */
      protectedMarked: Partial<Record<SourceCode, boolean>>;
      /** True when any source marks a protected identity. */
      protectedIdentity: boolean;
    }
  | { kind: 'ping'; ping: PingAnswer }
  | { kind: 'fault'; fault: ReadFault };

/** Whether each answered source marks a protected identity (SOURCES[code].marksProtected over its data). */
export function protectedMarks(answer: CompiledAnswer): Partial<Record<SourceCode, boolean>> {
  const out: Partial<Record<SourceCode, boolean>> = {};
  for (const code of SOURCE_CODES) {
    const result = answer.svarsdata[code];
    if (result === undefined) continue;
    let marked = false;
    if ('data' in result) {
      try {
        marked = SOURCES[code].marksProtected(result.data);
      } catch {
        // A payload not shaped by the source's schema marks nothing.
      }
    }
    out[code] = marked;
  }
  return out;
}

/** Reads the SOAP answer text into the body of POST /ui/api/decode; throws AnswerReadError. */
export function decodeAnswer(xml: string): DecodeBody {
  const read = readAnswerEnvelope(xml);
  if (read.kind !== 'answer') return read;
  const protectedMarked = protectedMarks(read.answer);
  return {
    kind: 'answer',
    answer: read.answer,
    protectedMarked,
    protectedIdentity: Object.values(protectedMarked).some((m) => m),
  };
}

/**
 * POST /ui/api/decode: the page posts the raw SOAP answer it got from the SOAP endpoint (any content
 * type, read as text) and gets it back as canonical JSON: every source's data decoded (CSN's base64
 * document, FK's base64 LEFI JSON, SKV's embedded XML), with which sources mark a protected identity;
 * or the Fault's felkod and felmeddelande; or the ping's answer. 400 for an empty or oversized body,
 * 422 for a text that is not a readable SSBTEK v10 answer (application/problem+json).
 */
export function createDecodeHandler(_ui: UiDeps): RequestHandler {
  const text = express.text({ type: () => true, limit: '20mb' });
  return (req: Request, res: Response, next: NextFunction) => {
    text(req, res, (err?: unknown) => {
      if (err !== undefined) {
        const e = err as { status?: number; type?: string; message?: string };
        const status =
          e.type === 'entity.too.large'
            ? 413
            : typeof e.status === 'number' && e.status >= 400 && e.status < 500
              ? e.status
              : 400;
        sendProblem(res, {
          title: 'The body cannot be read',
          status,
          detail: e.message ?? 'the body could not be read as text',
        });
        return;
      }
      const body = typeof req.body === 'string' ? req.body : '';
      if (body.trim() === '') {
        sendProblem(res, {
          title: 'No SOAP answer',
          status: 400,
          detail: 'Send the SOAP answer from the SOAP endpoint as the body (text/xml).',
        });
        return;
      }
      try {
        res.json(decodeAnswer(body));
      } catch (e) {
        if (e instanceof AnswerReadError) {
          sendProblem(res, {
            title: 'Not a readable SSBTEK v10 answer',
            status: 422,
            detail: e.message,
            errors: [{ path: e.path, message: e.message }],
          });
          return;
        }
        next(e);
      }
    });
  };
}
