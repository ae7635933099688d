import { readQueryXml } from '../../../../simulator/composite/query-check.ts';
import type { Query } from '../../../../simulator/composite/query-types.ts';
import { readSoapRequest } from '../../../../simulator/composite/soap-request.ts';
import { checkPersonidentitet, luhnCheckDigit } from '../../../../simulator/domain/identity.ts';
import { SOURCE_CODES } from '../../../../simulator/domain/sources.ts';
import { lefiQuery } from '../../../../harness/provider/base-query.ts';
import { soapQuery } from '../../../support/queries.ts';
import type { Mutation } from './mutating-proxy.ts';

const SOURCE = '(AF|CSN|FK|SKV|SO|TNS|MIV)';

/** The query of a hamtaBastjanstInformation request, or undefined for anything else (the ping, malformed requests). */
function queryOf(body: string): Query | undefined {
  try {
    const req = readSoapRequest(body);
    return req.operation === 'hamtaBastjanstInformation' ? (readQueryXml(req.content) as Query) : undefined;
  } catch {
    return undefined;
  }
}

/** Reverses the source elements inside `<ssbt:{container}...>...</ssbt:{container}>`. */
function reverseSources(text: string, container: string): string {
  const re = new RegExp(`(<ssbt:${container}(?:\\s[^>]*)?>)([\\s\\S]*?)(</ssbt:${container}>)`);
  return text.replace(re, (_, open: string, inner: string, close: string) => {
    const items = [...inner.matchAll(new RegExp(`\\s*<ssbt:${SOURCE}>[\\s\\S]*?</ssbt:\\1>`, 'g'))].map(
      (m) => m[0],
    );
    return `${open}${items.reverse().join('')}\n${close}`;
  });
}

/** The defects a conformance harness must catch, each as a rewrite of the simulator's traffic. */
export const DEFECTS = {
  /** Says SSBT where the base service reported the error and BT where the composite gave up. */
  swapsKalla: {
    response: (body) =>
      body.replace(
        /(<(?:\w+:)?kalla>)(SSBT|BT)(<\/)/g,
        (_, open: string, kalla: string, close: string) =>
          `${open}${kalla === 'SSBT' ? 'BT' : 'SSBT'}${close}`,
      ),
  },
  /** Answers the sources (and the ping's TestSvar) in reverse contract order. */
  sourcesOutOfOrder: {
    response: (body) =>
      reverseSources(reverseSources(body, 'svarsdata'), 'testaBastjanstInformationResponse'),
  },
  /** Drops Arbetsförmedlingen's protected-identity mark. */
  dropsAfProtection: {
    response: (body) => body.replace(/(<(?:\w+:)?Sekretessmarkering>)true(<\/)/g, '$1false$2'),
  },
  /** Does not echo the korrelationsid (the one in an echoed fraga stays). */
  omitsKorrelationsid: {
    response: (body) =>
      body.replace(/\s*<ssbt:korrelationsid>[^<]*<\/ssbt:korrelationsid>(?=\s*<ssbt:svarsdata)/, ''),
  },
  /** Ignores inkludera: asks and answers all seven sources whatever the query says. */
  ignoresInkludera: {
    request: (body) => {
      const query = queryOf(body);
      if (query === undefined) return body;
      const s = query.specifikaFrageparametrar;
      for (const code of SOURCE_CODES) s[code].inkludera = true;
      const g = query.generellaFrageparametrar;
      s.FK.fraga ??= {
        version: 'v9',
        aktorsid: '1000001',
        lefiJsonFraga: Buffer.from(JSON.stringify(lefiQuery(g.personidentitet, g.tidsperiod))).toString(
          'base64',
        ),
      };
      return soapQuery(query);
    },
  },
  /** Never refuses a personidentitet for its check digit: it answers about the number with the right one. */
  acceptsBadCheckDigit: {
    request: (body) => {
      const query = queryOf(body);
      const pnr = query?.generellaFrageparametrar.personidentitet;
      if (query === undefined || pnr === undefined) return body;
      const checked = checkPersonidentitet(pnr);
      if (checked.ok || checked.problem !== 'checkDigit') return body;
      query.generellaFrageparametrar.personidentitet =
        pnr.slice(0, 11) + String(luhnCheckDigit(pnr.slice(2, 11)));
      return soapQuery(query);
    },
  },
} satisfies Record<string, Mutation>;

export type DefectName = keyof typeof DEFECTS;
