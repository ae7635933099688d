import type { IncomingMessage } from 'node:http';

/**
 * Reading a request body without express's body parsers, for the lean paths (issue 7): the base
 * services' query route (base-services/lean-http.ts) and the composite's SOAP endpoint
 * (composite/app.ts). Only bodies whose headers alone show that body-parser would read them as they
 * come take these paths; every other request goes through express.
 */

/**
 * The declared length of a plain body within `limit` bytes, or undefined when body-parser must read it:
 * no Content-Encoding (body-parser would inflate it), no Transfer-Encoding (chunked), and a
 * Content-Length of plain digits not over the limit (a longer one is refused by body-parser before it
 * is read). Node's HTTP parser then hands over exactly that many bytes.
 */
export function plainBodyLength(req: IncomingMessage, limit: number): number | undefined {
  const h = req.headers;
  if (h['content-encoding'] !== undefined || h['transfer-encoding'] !== undefined) return undefined;
  const length = h['content-length'];
  if (length === undefined || !/^\d{1,9}$/.test(length)) return undefined;
  const n = Number(length);
  return n <= limit ? n : undefined;
}

/** Reads the whole body; undefined when the request ends without it (the client went away). */
export function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
    };
    const finish = (body: Buffer | undefined): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
      resolve(body);
    };
    const onEnd = (): void => finish(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    const onGone = (): void => finish(undefined);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
  });
}
