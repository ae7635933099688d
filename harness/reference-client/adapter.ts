/**
 * The harness adapter of the reference client (docs/harness-client.md): reads the question from
 * stdin (the JSON the harness writes; the SSBTEK_* environment variables hold the same), asks SSBTEK
 * through the client, and prints the client's conclusions as one JSON document on stdout.
 *
 *   ssbtek-harness client --adapter "node --import tsx harness/reference-client/adapter.ts"
 *
 * Exit code 0 whenever the client ran, whatever SSBTEK did; 2 when the input cannot be read.
 * REFERENCE_CLIENT_DEFECT selects a deliberately broken variant (defects.ts), for testing the harness.
 * A municipality adapts this file to drive its own case system instead of SsbtekClient.
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { valueAt } from './answer.ts';
import { SsbtekClient, type Outcome } from './client.ts';
import { readDefect, type Defect } from './defects.ts';
import type { HistoryEntry } from './history.ts';
import { SOURCE_CODES } from './query.ts';

/** What the harness writes on stdin. */
export interface HarnessInput {
  endpoint: string;
  person: string;
  case: string;
  caseworker: string;
  organisationsnummer: string;
  organisationsnamn?: string;
  aktorsid?: string;
  period: { from: string; tom: string };
  sources: string[];
  caseId: string;
  timeoutMs: number;
  wantValues?: string[];
}

/** Checks the fields the adapter uses; says which one is missing or wrong. */
function checkInput(value: unknown): HarnessInput {
  const v = (value ?? {}) as Record<string, unknown>;
  for (const key of ['endpoint', 'person', 'case', 'caseworker', 'organisationsnummer']) {
    if (typeof v[key] !== 'string') throw new Error(`"${key}" must be a string`);
  }
  const period = v.period as Record<string, unknown> | undefined;
  if (typeof period?.from !== 'string' || typeof period.tom !== 'string')
    throw new Error('"period" must be {from, tom}');
  if (!Array.isArray(v.sources)) throw new Error('"sources" must be a list of source codes');
  if (typeof v.timeoutMs !== 'number') throw new Error('"timeoutMs" must be a number');
  return v as unknown as HarnessInput;
}

/** The input from stdin's text, or (when it is empty) from the SSBTEK_* environment variables. */
export function readInput(text: string, env: NodeJS.ProcessEnv): HarnessInput {
  if (text.trim() !== '') return checkInput(JSON.parse(text) as unknown);
  const need = (name: string): string => {
    const v = env[name];
    if (v === undefined || v === '') throw new Error(`${name} is not set (and stdin is empty)`);
    return v;
  };
  const input: HarnessInput = {
    endpoint: need('SSBTEK_ENDPOINT'),
    person: need('SSBTEK_PERSON'),
    case: need('SSBTEK_CASE'),
    caseworker: need('SSBTEK_CASEWORKER'),
    organisationsnummer: need('SSBTEK_ORGNR'),
    period: { from: need('SSBTEK_FROM'), tom: need('SSBTEK_TOM') },
    sources: need('SSBTEK_SOURCES').split(','),
    caseId: env.SSBTEK_CASE_ID ?? '',
    timeoutMs: Number(need('SSBTEK_TIMEOUT_MS')),
  };
  if (env.SSBTEK_ORGNAMN) input.organisationsnamn = env.SSBTEK_ORGNAMN;
  if (env.SSBTEK_AKTORSID) input.aktorsid = env.SSBTEK_AKTORSID;
  if (env.SSBTEK_WANT_VALUES) input.wantValues = env.SSBTEK_WANT_VALUES.split(',');
  return input;
}

/** The client's outcome in the harness's output format (contracts/harness/client-output.schema.json). */
export function toOutput(
  outcome: Outcome,
  wantValues: readonly string[],
  history: readonly HistoryEntry[],
): Record<string, unknown> {
  const sources: Record<string, Record<string, unknown>> = {};
  for (const code of SOURCE_CODES) {
    const r = outcome.sources[code];
    if (r === undefined) continue;
    const out: Record<string, unknown> = { status: r.status };
    if (r.status === 'error') {
      if (r.felkod !== undefined) out.felkod = r.felkod;
      if (r.kalla === 'SSBT' || r.kalla === 'BT') out.kalla = r.kalla;
    } else {
      // The values the case asks for, read from the source's document by their path.
      const values: Record<string, string> = {};
      for (const path of wantValues) {
        const [source, ...rest] = path.split('/');
        if (source !== code) continue;
        const value = valueAt(r.document, rest);
        if (value !== undefined) values[path] = value;
      }
      if (Object.keys(values).length > 0) out.values = values;
    }
    sources[code] = out;
  }
  return {
    sources,
    protectedIdentityShown: outcome.protectedIdentity,
    gaveUp: outcome.gaveUp,
    attempts: outcome.attempts,
    history: history.map((h) => ({
      caseworker: h.caseworker,
      personidentitet: h.personidentitet,
      arendeidentitet: h.arendeidentitet,
      time: h.time,
    })),
  };
}

/** Asks the harness's question through a new client and returns the output document. */
export async function answerQuestion(
  input: HarnessInput,
  defect?: Defect,
): Promise<{ output: Record<string, unknown>; reason?: string }> {
  const client = new SsbtekClient({
    endpoint: input.endpoint,
    municipality: {
      organisationsnummer: input.organisationsnummer,
      namn: input.organisationsnamn ?? 'Kommunen',
      aktorsid: input.aktorsid ?? '',
    },
    timeoutMs: input.timeoutMs,
    ...(defect === undefined ? {} : { defect }),
  });
  const outcome = await client.ask({
    personidentitet: input.person,
    arendeidentitet: input.case,
    caseworker: input.caseworker,
    period: input.period,
    sources: SOURCE_CODES.filter((code) => input.sources.includes(code)),
  });
  const result: { output: Record<string, unknown>; reason?: string } = {
    output: toOutput(outcome, input.wantValues ?? [], client.history.entries()),
  };
  if (outcome.reason !== undefined) result.reason = outcome.reason;
  return result;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<number> {
  let input: HarnessInput;
  let defect: Defect | undefined;
  try {
    defect = readDefect(process.env.REFERENCE_CLIENT_DEFECT);
    input = readInput(await readStdin(), process.env);
  } catch (e) {
    process.stderr.write(
      `reference-client adapter: cannot read the harness's input: ${(e as Error).message}\n`,
    );
    return 2;
  }
  const { output, reason } = await answerQuestion(input, defect);
  if (reason !== undefined) process.stderr.write(`reference-client: ${reason}\n`);
  process.stdout.write(`${JSON.stringify(output)}\n`);
  return 0;
}

// Run only as a command, not when imported (tests drive answerQuestion in-process).
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href)
  process.exitCode = await main();
