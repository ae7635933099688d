/**
 * The benchmark's baseline: a bare node:http server that reads each request's body and answers a
 * canned SSBTEK answer (captured from the simulator, so the same size), in rotation per path.
 *
 *   node --import tsx test/bench/baseline-server.ts ANSWERS.json
 *
 * ANSWERS.json is {"<path>": ["<answer>", ...]}; prints "BASELINE http://127.0.0.1:PORT" when listening.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (file === undefined) {
  process.stderr.write('usage: baseline-server.ts ANSWERS.json\n');
  process.exit(2);
}
const answers = new Map<string, Buffer[]>(
  Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>).map(([path, list]) => [
    path,
    list.map((a) => Buffer.from(a, 'utf8')),
  ]),
);
const next = new Map<string, number>();

const server = createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => {
    const list = answers.get(req.url ?? '/');
    if (list === undefined || list.length === 0) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no canned answer for this path\n');
      return;
    }
    const i = next.get(req.url ?? '/') ?? 0;
    next.set(req.url ?? '/', (i + 1) % list.length);
    const body = list[i] ?? list[0];
    res
      .writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': body?.length ?? 0 })
      .end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  process.stdout.write(`BASELINE http://127.0.0.1:${port}\n`);
});
const stop = (): void => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
