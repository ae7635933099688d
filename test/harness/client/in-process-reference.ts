import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerQuestion, readInput } from '../../../harness/reference-client/adapter.ts';
import { readDefect } from '../../../harness/reference-client/defects.ts';

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** True when curl is on the PATH (the cheap adapter below needs it). */
export const curlAvailable = spawnSync('curl', ['--version'], { stdio: 'ignore' }).status === 0;

/**
 * The reference client's adapter logic (harness/reference-client/adapter.ts: answerQuestion) served
 * in the test process, behind an adapter command that only pipes stdin to it with curl. Every case
 * still runs the protocol end to end (a shell command, stdin, stdout, the client's own HTTP calls to
 * the simulator), but without starting node for each run: running the whole suite for each broken
 * variant then takes seconds of CPU, not a minute. The real command is tested in
 * reference-client.test.ts.
 */
export async function startReferenceService(): Promise<{
  adapterFor(defect?: string): string;
  close(): Promise<void>;
}> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const input = readInput(await bodyOf(req), {});
        const { output } = await answerQuestion(
          input,
          readDefect(url.searchParams.get('defect') ?? undefined),
        );
        res.writeHead(200, { 'content-type': 'application/json' }).end(`${JSON.stringify(output)}\n`);
      } catch (e) {
        res
          .writeHead(500, { 'content-type': 'text/plain' })
          .end(`reference service: ${(e as Error).message}\n`);
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    adapterFor: (defect) =>
      `curl -sS --fail-with-body --data-binary @- -H 'content-type: application/json' 'http://127.0.0.1:${port}/?defect=${defect ?? ''}'`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
