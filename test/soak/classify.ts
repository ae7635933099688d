/**
 * Reads one answer and says what it was: full data, data with per-source errors (which source, which
 * felkod), a ping, a SOAP fault or a problem+json (which felkod), or something unexpected (an answer
 * that cannot be read, a valid query refused with a felkod nobody injected, an invalid query refused
 * with the wrong felkod, svarsdata that does not hold exactly the sources asked).
 */
import { readAnswerEnvelope } from '../../simulator/composite/read-answer.ts';
import { isSourceCode, type SourceCode } from '../../simulator/domain/sources.ts';
import type { SoakRequest } from './traffic.ts';

export type AnswerKind = 'data' | 'partial' | 'ping' | 'soap-fault' | 'problem+json' | 'unexpected';

/** One source's outcome in an answer: 'data', or the error's felkod. */
export type SourceOutcomes = Partial<Record<SourceCode, string>>;

export interface Classified {
  kind: AnswerKind;
  /** Faults and problems: the felkod. */
  felkod?: string;
  /** Answers and pings: each source's outcome. */
  sources?: SourceOutcomes;
  /** Why it is unexpected. */
  why?: string;
}

/** Whole-request refusals a valid query may get: those the soak injects (unavailable, its own fault). */
export function allowedRefusal(felkod: string, injected: string): boolean {
  return felkod === 'SSBT-030' || felkod === injected;
}

interface Wire {
  status: number;
  contentType: string;
  text: string;
}

type Svarsdata = Record<string, { data?: unknown; error?: { felkod?: string } }>;

function outcomes(svarsdata: Svarsdata): SourceOutcomes {
  const out: SourceOutcomes = {};
  for (const [code, r] of Object.entries(svarsdata)) {
    if (!isSourceCode(code)) continue;
    out[code] = r.error !== undefined ? (r.error.felkod ?? '?') : 'data';
  }
  return out;
}

function sameSources(asked: SourceCode[] | undefined, got: SourceOutcomes): boolean {
  if (asked === undefined) return true;
  const keys = Object.keys(got).sort();
  return keys.length === asked.length && [...asked].sort().every((c, i) => c === keys[i]);
}

function answered(req: SoakRequest, sources: SourceOutcomes): Classified {
  if (!sameSources(req.sources, sources))
    return {
      kind: 'unexpected',
      sources,
      why: `svarsdata holds ${Object.keys(sources).join(',')} for a query asking ${req.sources?.join(',') ?? '?'}`,
    };
  return { kind: Object.values(sources).every((o) => o === 'data') ? 'data' : 'partial', sources };
}

function refused(
  req: SoakRequest,
  kind: 'soap-fault' | 'problem+json',
  felkod: string,
  injected: string,
): Classified {
  if (req.invalid !== undefined) {
    if (felkod === req.invalid.felkod || allowedRefusal(felkod, injected)) return { kind, felkod };
    return {
      kind: 'unexpected',
      felkod,
      why: `${req.invalid.name}: expected ${req.invalid.felkod}, got ${felkod}`,
    };
  }
  if (allowedRefusal(felkod, injected)) return { kind, felkod };
  return { kind: 'unexpected', felkod, why: `a valid ${req.kind} request was refused with ${felkod}` };
}

/** Classifies one HTTP answer to `req`; `injected` is the felkod of the fault the soak injects. */
export function classify(req: SoakRequest, wire: Wire, injected: string): Classified {
  try {
    if (/^application\/problem\+json/.test(wire.contentType)) {
      const problem = JSON.parse(wire.text) as { felkod?: unknown };
      const felkod = typeof problem.felkod === 'string' ? problem.felkod : `HTTP ${wire.status} (no felkod)`;
      return refused(req, 'problem+json', felkod, injected);
    }
    if (req.kind === 'json' || req.kind === 'json-ping' || req.kind === 'invalid-json') {
      if (wire.status !== 200 || !/^application\/json/.test(wire.contentType))
        return { kind: 'unexpected', why: `HTTP ${wire.status} ${wire.contentType}` };
      const body = JSON.parse(wire.text) as Record<string, unknown>;
      if (req.kind === 'json-ping') return { kind: 'ping', sources: outcomes(body as Svarsdata) };
      if (req.kind === 'invalid-json')
        return { kind: 'unexpected', why: `${req.invalid?.name ?? 'invalid'}: answered 200` };
      return answered(req, outcomes((body.svarsdata ?? {}) as Svarsdata));
    }
    const read = readAnswerEnvelope(wire.text);
    if (read.kind === 'fault') {
      if (wire.status !== 500 && wire.status !== 503)
        return {
          kind: 'unexpected',
          felkod: read.fault.felkod,
          why: `a SOAP fault with HTTP ${wire.status}`,
        };
      return refused(req, 'soap-fault', read.fault.felkod, injected);
    }
    if (wire.status !== 200) return { kind: 'unexpected', why: `a ${read.kind} with HTTP ${wire.status}` };
    if (read.kind === 'ping') {
      if (req.kind !== 'soap-ping')
        return { kind: 'unexpected', why: `a ping answer to a ${req.kind} request` };
      return { kind: 'ping', sources: outcomes(read.ping) };
    }
    if (req.kind !== 'soap')
      return {
        kind: 'unexpected',
        why: `an answer to ${req.invalid !== undefined ? `an invalid query (${req.invalid.name})` : `a ${req.kind} request`}`,
      };
    return answered(req, outcomes(read.answer.svarsdata));
  } catch (e) {
    return {
      kind: 'unexpected',
      why: `unreadable (HTTP ${wire.status} ${wire.contentType}): ${e instanceof Error ? e.message : String(e)}`.slice(
        0,
        300,
      ),
    };
  }
}
