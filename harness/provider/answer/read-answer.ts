import { SOAP11_NS, SOAP12_NS, SSBT_NS } from '../../../simulator/composite/namespaces.ts';
import { contracts } from '../../../simulator/contracts/registry.ts';
import { isSourceCode, type SourceCode } from '../../../simulator/domain/sources.ts';
import {
  childElements,
  parseXmlWithPrefixes,
  stripPrefixes,
  type ResolvedElement,
  type XmlValue,
} from '../../../simulator/xml/parse.ts';
import { readXml } from '../../../simulator/xml/schema-codec.ts';
import { decodeSourceData } from './decode-source.ts';
import type { ParsedAnswer, SoapFault } from './parsed-answer.ts';
import { textOf } from './xml-text.ts';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function only(children: ResolvedElement[], local: string, namespace?: string): ResolvedElement | undefined {
  return children.find((c) => c.local === local && (namespace === undefined || c.namespace === namespace));
}

function readFault(fault: ResolvedElement, version: '1.1' | '1.2'): SoapFault {
  const children = childElements(fault.node, fault.scope);
  const out: SoapFault = {};
  let detail: ResolvedElement | undefined;
  if (version === '1.1') {
    const code = textOf(only(children, 'faultcode')?.node);
    const text = textOf(only(children, 'faultstring')?.node);
    if (code !== undefined) out.faultcode = code.trim();
    if (text !== undefined) out.faultstring = text;
    detail = only(children, 'detail');
  } else {
    const code = only(children, 'Code', SOAP12_NS);
    const value =
      code === undefined ? undefined : textOf(only(childElements(code.node, code.scope), 'Value')?.node);
    const reason = only(children, 'Reason', SOAP12_NS);
    const text =
      reason === undefined ? undefined : textOf(only(childElements(reason.node, reason.scope), 'Text')?.node);
    if (value !== undefined) out.faultcode = value.trim();
    if (text !== undefined) out.faultstring = text;
    detail = only(children, 'Detail', SOAP12_NS);
  }
  const inner = detail === undefined ? undefined : childElements(detail.node, detail.scope)[0];
  if (inner !== undefined) {
    out.detailElement = { local: inner.local, namespace: inner.namespace };
    const registry = contracts();
    try {
      out.detail = readXml(
        registry.schema('composite/fault.schema.json'),
        stripPrefixes(inner.node),
        registry.resolve,
        `/${inner.local}`,
      );
    } catch (e) {
      out.detailProblem = message(e);
    }
  }
  return out;
}

function readSvarsdata(svarsdata: ResolvedElement, parsed: ParsedAnswer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const child of childElements(svarsdata.node, svarsdata.scope)) {
    parsed.order.push(child.local);
    if (!isSourceCode(child.local) || child.namespace !== SSBT_NS) {
      parsed.problems.push(
        `svarsdata has an element that is not a source of the contract: {${child.namespace}}${child.local}`,
      );
      continue;
    }
    const code: SourceCode = child.local;
    if (parsed.results[code] !== undefined) {
      parsed.problems.push(`svarsdata/${code} occurs more than once`);
      continue;
    }
    const inner = childElements(child.node, child.scope);
    const data = only(inner, 'data');
    const error = only(inner, 'error');
    if ((data === undefined) === (error === undefined)) {
      parsed.results[code] = 'neither';
      parsed.problems.push(`svarsdata/${code} must hold exactly one of data and error`);
      continue;
    }
    if (error !== undefined) {
      parsed.results[code] = 'error';
      const registry = contracts();
      try {
        out[code] = {
          error: readXml(
            registry.schema('composite/error.schema.json'),
            stripPrefixes(error.node),
            registry.resolve,
            `/svarsdata/${code}/error`,
          ),
        };
      } catch (e) {
        parsed.problems.push(`svarsdata/${code}/error cannot be read: ${message(e)}`);
      }
      continue;
    }
    parsed.results[code] = 'data';
    try {
      out[code] = { data: decodeSourceData(code, stripPrefixes((data as ResolvedElement).node)) };
    } catch (e) {
      parsed.decodeProblems[code] = message(e);
    }
  }
  return out;
}

function readHamta(response: ResolvedElement, parsed: ParsedAnswer): void {
  const registry = contracts();
  const children = childElements(response.node, response.scope);
  const canonical: Record<string, unknown> = {};
  const fraga = only(children, 'fraga');
  if (fraga !== undefined) {
    try {
      canonical.fraga = readXml(
        registry.schema('composite/query.schema.json'),
        stripPrefixes(fraga.node),
        registry.resolve,
        '/fraga',
      );
    } catch (e) {
      parsed.problems.push(`fraga cannot be read: ${message(e)}`);
    }
  }
  for (const name of ['frageTidpunkt', 'korrelationsid'] as const) {
    const el = only(children, name);
    if (el === undefined) continue;
    const text = textOf(el.node);
    if (text === undefined) parsed.problems.push(`${name} holds elements, not text`);
    else canonical[name] = text;
  }
  const svarsdata = only(children, 'svarsdata');
  if (svarsdata === undefined) parsed.problems.push('the answer has no svarsdata');
  else canonical.svarsdata = readSvarsdata(svarsdata, parsed);
  parsed.canonical = canonical;
}

function readPing(response: ResolvedElement, parsed: ParsedAnswer): void {
  const registry = contracts();
  for (const child of childElements(response.node, response.scope)) parsed.order.push(child.local);
  try {
    parsed.canonical = readXml(
      registry.schema('composite/ping-answer.schema.json'),
      stripPrefixes(response.node),
      registry.resolve,
      '',
    ) as Record<string, unknown>;
  } catch (e) {
    parsed.problems.push(`the ping's answer cannot be read: ${message(e)}`);
  }
}

/**
 * Reads a provider's answer: a SOAP envelope whose Body holds the answer of either operation or a
 * Fault. Never throws: what cannot be read is listed in `problems` (kind `other` when the text is not
 * a SOAP answer at all).
 */
export function readAnswer(text: string): ParsedAnswer {
  const parsed: ParsedAnswer = { kind: 'other', problems: [], order: [], results: {}, decodeProblems: {} };
  let doc: XmlValue;
  try {
    doc = parseXmlWithPrefixes(text);
  } catch (e) {
    parsed.problems.push(`the answer is not well-formed XML: ${message(e)}`);
    return parsed;
  }
  const roots = childElements(doc, {});
  const envelope = roots[0];
  if (
    roots.length !== 1 ||
    envelope === undefined ||
    envelope.local !== 'Envelope' ||
    (envelope.namespace !== SOAP11_NS && envelope.namespace !== SOAP12_NS)
  ) {
    parsed.problems.push(
      `the answer is not a SOAP envelope (root ${envelope === undefined ? 'missing' : `{${envelope.namespace}}${envelope.local}`})`,
    );
    return parsed;
  }
  const version = envelope.namespace === SOAP11_NS ? '1.1' : '1.2';
  parsed.soapVersion = version;
  const bodies = childElements(envelope.node, envelope.scope).filter(
    (c) => c.local === 'Body' && c.namespace === envelope.namespace,
  );
  const body = bodies[0];
  if (bodies.length !== 1 || body === undefined) {
    parsed.problems.push('the envelope must hold exactly one Body');
    return parsed;
  }
  const inBody = childElements(body.node, body.scope);
  const first = inBody[0];
  if (inBody.length !== 1 || first === undefined) {
    parsed.problems.push(`the Body must hold exactly one element, holds ${inBody.length}`);
    return parsed;
  }
  parsed.bodyElement = { local: first.local, namespace: first.namespace };
  if (first.local === 'Fault' && first.namespace === envelope.namespace) {
    parsed.kind = 'fault';
    parsed.fault = readFault(first, version);
  } else if (first.namespace === SSBT_NS && first.local === 'hamtaBastjanstInformationResponse') {
    parsed.kind = 'answer';
    readHamta(first, parsed);
  } else if (first.namespace === SSBT_NS && first.local === 'testaBastjanstInformationResponse') {
    parsed.kind = 'ping';
    readPing(first, parsed);
  } else {
    parsed.problems.push(
      `the Body holds {${first.namespace}}${first.local}, which is neither an answer of the contract nor a Fault`,
    );
  }
  return parsed;
}
