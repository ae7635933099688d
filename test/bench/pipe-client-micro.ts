/**
 * Micro-benchmark (not part of npm test): CPU per HTTP exchange between the composite's client and a
 * node:http server in the same process, through the pipe client (http/pipe-client.ts) or undici over
 * in-process pipes. Both ends are counted. docs/performance.md, fifth round.
 *
 *   npx tsx test/bench/pipe-client-micro.ts pipe|undici [concurrency 50] [exchanges 100000]
 */
import { serveInProcess } from '../../simulator/server.ts';
import { createSourceAgent } from '../../simulator/composite/fan-out.ts';
import { sourceHttp, type SourceDispatcher } from '../../simulator/composite/source-http.ts';
import { PipeClient } from '../../simulator/http/pipe-client.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
const answer = Buffer.from('x'.repeat(3000));
const served = serveInProcess((req: IncomingMessage, res: ServerResponse) => {
  req.on('data', () => {});
  req.on('end', () => { res.writeHead(200, ['content-type', 'application/xml', 'content-length', String(answer.length)]); res.end(answer); });
});
const which = process.argv[2] ?? 'undici';
const agent = createSourceAgent(() => served.connect);
const pipe = new PipeClient(served.accept);
const dispatcher: SourceDispatcher = which === 'pipe' ? pipe : agent;
const body = JSON.stringify({ personidentitet: '199001012389', tidsperiod: { fromDatum: '2026-01-01', tomDatum: '2026-03-31' }, ingivare: { organisationsnummer: '2120001234', namn: 'Kommun', handlaggare: 'abc' }, arendeidentitet: 'A-1', syfte: 'x', lagtext: 'y' });
const conc = Number(process.argv[3] ?? 50), total = Number(process.argv[4] ?? 100000);
let n = 0;
async function loop() { while (n < total) { n++; const r = await sourceHttp(dispatcher, { origin: 'http://base-services.localhost', path: '/base-services/af/x', method: 'POST', headers: { 'content-type': 'application/json' }, body }, 5000, () => performance.now()); if (!('text' in r) || r.text.length !== 3000) throw new Error('bad'); } }
for (let round = 0; round < 4; round++) {
  n = 0;
  const c0 = process.cpuUsage(), t0 = performance.now();
  await Promise.all(Array.from({ length: conc }, loop));
  const c = process.cpuUsage(c0), t = performance.now() - t0;
  console.log(`${which}: ${total} exchanges, ${conc} concurrent: ${((c.user + c.system) / total).toFixed(1)} µs CPU each, ${(total / t * 1000).toFixed(0)}/s`);
}
await agent.close(); await pipe.close(); await served.close();
