import type { Duplex } from 'node:stream';
import { SocketStandIn } from './memory-pipe.ts';

/**
 * The composite's HTTP/1.1 client towards the base services in its own process (issue 7): each
 * connection is a pipe whose server end is a Duplex handed to the base services' node:http server (as
 * serveInProcess hands over a connection), and whose client end is this class, which writes the
 * request's bytes into the server end and parses the answer's bytes as they come. The exchange is HTTP
 * on both sides as before (node's HTTP server parses the request and writes the answer); what is left
 * out is undici's general machinery and a second stream per connection, which were ~10 % of the
 * simulator's CPU under load.
 *
 * It offers undici's `dispatch(options, handler)` with the handler callbacks `sourceHttp` uses
 * (onConnect with an abort function, onHeaders, onData, onComplete, onError), and fails as undici
 * does where the composite tells failures apart: a connection that closes before the answer is
 * complete rejects with code UND_ERR_SOCKET ("other side closed"), bytes that are not an HTTP answer
 * with an HTTPParserError. Keep-alive: a connection goes back to the pool after a complete answer
 * unless the server said `Connection: close`; at most `maxConnections` are open, and calls beyond them
 * wait their turn.
 */

/** What a call needs (undici's dispatch options, as sourceHttp passes them). */
export interface PipeCallOptions {
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string | null;
}

/** undici's legacy dispatch handler, the callbacks sourceHttp implements. */
export interface PipeCallHandler {
  onConnect?(abort: (err?: Error) => void): void;
  onHeaders?(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean;
  onData?(chunk: Buffer): boolean;
  onComplete?(trailers: string[] | null): void;
  onError?(err: Error): void;
}

/** Where the server end of each new connection goes (the base services' HTTP server takes it as a connection). */
export type AcceptConnection = (serverEnd: Duplex) => void;

/** An error as undici's SocketError: the connection closed before the answer was complete. */
export class PipeSocketError extends Error {
  readonly code = 'UND_ERR_SOCKET';
  constructor(message = 'other side closed') {
    super(message);
    this.name = 'SocketError';
  }
}

/** An error as undici's HTTPParserError: the bytes are not an HTTP/1.1 answer (no code, as undici's has none; llhttp's reason in the message). */
export class PipeParserError extends Error {
  constructor(message: string, reason = 'HPE_INVALID_CONSTANT') {
    super(`${reason}: ${message}`);
    this.name = 'HTTPParserError';
  }
}

/** An error as undici's InvalidArgumentError: a call that cannot be written as HTTP (a header with a line break). */
export class PipeInvalidArgumentError extends Error {
  readonly code = 'UND_ERR_INVALID_ARG';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}

/** A header name (an HTTP token) and a header value (no control characters but tab) that can be written as they are. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// eslint-disable-next-line no-control-regex -- the characters a header value must not hold
const HEADER_VALUE = /^[^\x00-\x08\x0a-\x1f\x7f]*$/;

/** The longest head (status line and headers) accepted, as llhttp's default (and node's --max-http-header-size). */
const MAX_HEAD_BYTES = 16 * 1024;
const CRLFCRLF = Buffer.from('\r\n\r\n');

/** The server end of a connection: a socket stand-in for node's HTTP server, whose writes go to the client end. */
class ServerEnd extends SocketStandIn {
  client: Connection | undefined;

  override _read(): void {
    // The client pushes its requests whole; nothing to pull.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.client?.received(chunk);
    done();
  }

  override _writev(chunks: { chunk: Buffer }[], done: (error?: Error | null) => void): void {
    for (const { chunk } of chunks) this.client?.received(chunk);
    done();
  }

  override _final(done: (error?: Error | null) => void): void {
    this.client?.ended();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    const client = this.client;
    this.client = undefined;
    client?.ended();
    done(error);
  }
}

type BodyMode = { kind: 'length'; left: number } | { kind: 'chunked' } | { kind: 'close' } | { kind: 'none' };

/** One connection: writes requests into the server end, parses the answers it writes back. */
class Connection {
  readonly server = new ServerEnd({ allowHalfOpen: true });
  #handler: PipeCallHandler | undefined;
  #closed = false;
  /** Bytes received and not yet parsed (a head not yet complete, or a chunk header split across writes). */
  #pending: Buffer | undefined;
  #phase: 'head' | 'body' = 'head';
  #body: BodyMode = { kind: 'none' };
  /** In chunked mode: bytes left of the current chunk's data, or -1 when a chunk-size line is next, -2 for the CRLF after data. */
  #chunkLeft = -1;
  #keepAlive = true;
  #onIdle: (c: Connection) => void;
  #onGone: (c: Connection) => void;

  constructor(onIdle: (c: Connection) => void, onGone: (c: Connection) => void) {
    this.server.client = this;
    this.#onIdle = onIdle;
    this.#onGone = onGone;
  }

  get closed(): boolean {
    return this.#closed;
  }

  send(options: PipeCallOptions, handler: PipeCallHandler): void {
    this.#handler = handler;
    this.#phase = 'head';
    this.#pending = undefined;
    handler.onConnect?.((err) => this.#abort(err ?? new Error('aborted')));
    if (this.#handler !== handler) return; // aborted at once
    const body = options.body ?? '';
    let head = `${options.method} ${options.path} HTTP/1.1\r\nhost: base-services.localhost\r\nconnection: keep-alive\r\n`;
    for (const name in options.headers) {
      const value = options.headers[name] as string;
      if (!HEADER_NAME.test(name) || !HEADER_VALUE.test(value)) {
        // As undici refuses such a header, before anything is sent.
        this.#handler = undefined;
        this.#onIdle(this);
        queueMicrotask(() => handler.onError?.(new PipeInvalidArgumentError(`invalid header ${JSON.stringify(name)}`)));
        return;
      }
      head += `${name}: ${value}\r\n`;
    }
    const bodyBytes = Buffer.byteLength(body);
    if (bodyBytes > 0 || options.method === 'POST' || options.method === 'PUT') head += `content-length: ${bodyBytes}\r\n`;
    head += '\r\n';
    this.server.push(Buffer.from(head + body, 'utf8'));
  }

  /** Bytes the server wrote. */
  received(chunk: Buffer): void {
    if (this.#closed || chunk.length === 0) return;
    if (this.#handler === undefined) {
      // An answer nobody asked for: the connection cannot be trusted any more.
      this.#close();
      return;
    }
    let bytes = this.#pending === undefined ? chunk : Buffer.concat([this.#pending, chunk]);
    this.#pending = undefined;
    try {
      while (bytes.length > 0 && this.#handler !== undefined) {
        bytes = this.#phase === 'head' ? this.#readHead(bytes) : this.#readBody(bytes);
        if (this.#pending !== undefined) return;
      }
    } catch (e) {
      this.#fail(e instanceof Error ? e : new PipeParserError(String(e)));
    }
  }

  /** The server ended its side or the connection closed. */
  ended(): void {
    if (this.#closed) return;
    if (this.#handler !== undefined && this.#phase === 'body' && this.#body.kind === 'close') {
      this.#complete();
      this.#close();
      return;
    }
    this.#fail(new PipeSocketError());
  }

  #readHead(bytes: Buffer): Buffer {
    const end = bytes.indexOf(CRLFCRLF);
    if (end === -1) {
      if (bytes.length > MAX_HEAD_BYTES) throw new PipeParserError('Header overflow', 'HPE_HEADER_OVERFLOW');
      this.#pending = bytes;
      return bytes;
    }
    const lines = bytes.toString('latin1', 0, end).split('\r\n');
    const status = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: (.*))?$/.exec(lines[0] ?? '');
    if (status === null) throw new PipeParserError('Invalid status line');
    const statusCode = Number(status[2]);
    let length: number | undefined;
    let chunked = false;
    let keepAlive = status[1] === '1';
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(':');
      if (colon <= 0) throw new PipeParserError('Invalid header');
      const name = line.slice(0, colon).toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') {
        if (!/^\d+$/.test(value) || (length !== undefined && length !== Number(value))) throw new PipeParserError('Invalid content-length', 'HPE_UNEXPECTED_CONTENT_LENGTH');
        length = Number(value);
      } else if (name === 'transfer-encoding') {
        chunked = /(?:^|,)\s*chunked\s*$/i.test(value);
      } else if (name === 'connection') {
        const tokens = value.toLowerCase().split(',').map((t) => t.trim());
        if (tokens.includes('close')) keepAlive = false;
        else if (tokens.includes('keep-alive')) keepAlive = true;
      }
    }
    const rest = bytes.subarray(end + 4);
    if (statusCode < 200) {
      // Informational: the final answer follows on the same connection.
      this.#handler?.onHeaders?.(statusCode, NO_HEADERS, noop, status[3] ?? '');
      return rest;
    }
    this.#keepAlive = keepAlive;
    if (statusCode === 204 || statusCode === 304) this.#body = { kind: 'none' };
    else if (chunked) this.#body = { kind: 'chunked' };
    else if (length !== undefined) this.#body = length === 0 ? { kind: 'none' } : { kind: 'length', left: length };
    else this.#body = { kind: 'close' };
    this.#chunkLeft = -1;
    this.#phase = 'body';
    this.#handler?.onHeaders?.(statusCode, NO_HEADERS, noop, status[3] ?? '');
    if (this.#body.kind === 'none') this.#complete();
    return rest;
  }

  #readBody(bytes: Buffer): Buffer {
    const body = this.#body;
    if (body.kind === 'close') {
      this.#handler?.onData?.(bytes);
      return bytes.subarray(bytes.length);
    }
    if (body.kind === 'length') {
      const take = Math.min(body.left, bytes.length);
      this.#handler?.onData?.(take === bytes.length ? bytes : bytes.subarray(0, take));
      body.left -= take;
      if (body.left === 0) this.#complete();
      return bytes.subarray(take);
    }
    if (body.kind === 'chunked') return this.#readChunked(bytes);
    return bytes;
  }

  #readChunked(bytes: Buffer): Buffer {
    if (this.#chunkLeft > 0) {
      const take = Math.min(this.#chunkLeft, bytes.length);
      this.#handler?.onData?.(bytes.subarray(0, take));
      this.#chunkLeft -= take;
      if (this.#chunkLeft === 0) this.#chunkLeft = -2;
      return bytes.subarray(take);
    }
    const lineEnd = bytes.indexOf('\r\n');
    if (lineEnd === -1) {
      if (bytes.length > MAX_HEAD_BYTES) throw new PipeParserError('Invalid chunk size', 'HPE_INVALID_CHUNK_SIZE');
      this.#pending = bytes;
      return bytes;
    }
    const line = bytes.toString('latin1', 0, lineEnd);
    const rest = bytes.subarray(lineEnd + 2);
    if (this.#chunkLeft === -2) {
      // The CRLF after a chunk's data.
      if (line !== '') throw new PipeParserError('Expected CRLF after chunk', 'HPE_STRICT');
      this.#chunkLeft = -1;
      return rest;
    }
    if (this.#chunkLeft === -3) {
      // Trailers, up to an empty line.
      if (line === '') this.#complete();
      return rest;
    }
    const size = /^([0-9a-fA-F]+)(?:;.*)?$/.exec(line);
    if (size === null) throw new PipeParserError('Invalid character in chunk size', 'HPE_INVALID_CHUNK_SIZE');
    const n = parseInt(size[1] as string, 16);
    this.#chunkLeft = n === 0 ? -3 : n;
    return rest;
  }

  #complete(): void {
    const handler = this.#handler;
    this.#handler = undefined;
    this.#phase = 'head';
    handler?.onComplete?.(null);
    if (!this.#keepAlive) this.#close();
    else if (!this.#closed) this.#onIdle(this);
  }

  #fail(err: Error): void {
    const handler = this.#handler;
    this.#handler = undefined;
    this.#close();
    handler?.onError?.(err);
  }

  #abort(err: Error): void {
    if (this.#handler === undefined) return;
    this.#fail(err);
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.server.client = undefined;
    this.server.push(null);
    this.server.destroy();
    this.#onGone(this);
  }

  destroy(): void {
    if (this.#handler !== undefined) this.#fail(new PipeSocketError('the client closed the connection'));
    else this.#close();
  }
}

function noop(): void {}

/** The raw headers handed to onHeaders: none (the composite reads only the status; see sourceHttp). */
const NO_HEADERS: Buffer[] = [];

interface Waiting {
  options: PipeCallOptions;
  handler: PipeCallHandler;
}

/** A keep-alive pool of pipe connections to one in-process HTTP server. */
export class PipeClient {
  readonly #accept: AcceptConnection;
  readonly #maxConnections: number;
  readonly #idle: Connection[] = [];
  readonly #all = new Set<Connection>();
  readonly #waiting: Waiting[] = [];
  #closed = false;

  constructor(accept: AcceptConnection, maxConnections = 128) {
    this.#accept = accept;
    this.#maxConnections = maxConnections;
  }

  /** Sends one call; the handler hears of its answer or its failure (never synchronously from here). */
  dispatch(options: PipeCallOptions, handler: PipeCallHandler): boolean {
    if (this.#closed) {
      queueMicrotask(() => handler.onError?.(new PipeSocketError('the client is closed')));
      return false;
    }
    this.#waiting.push({ options, handler });
    // As a socket would: the exchange starts on a later turn, never inside the caller's own call.
    if (this.#waiting.length === 1) process.nextTick(() => this.#drain());
    return true;
  }

  #drain(): void {
    while (this.#waiting.length > 0) {
      let connection = this.#idle.pop();
      while (connection !== undefined && connection.closed) connection = this.#idle.pop();
      if (connection === undefined) {
        if (this.#all.size >= this.#maxConnections) return;
        connection = this.#open();
      }
      const next = this.#waiting.shift() as Waiting;
      connection.send(next.options, next.handler);
    }
  }

  #open(): Connection {
    const connection = new Connection(
      (c) => {
        this.#idle.push(c);
        // On a later turn: the server may still be inside its write of the answer just read.
        if (this.#waiting.length > 0) process.nextTick(() => this.#drain());
      },
      (c) => {
        this.#all.delete(c);
        if (this.#waiting.length > 0 && !this.#closed) process.nextTick(() => this.#drain());
      },
    );
    this.#all.add(connection);
    this.#accept(connection.server);
    return connection;
  }

  /** How many connections are open (idle or busy). */
  get connections(): number {
    return this.#all.size;
  }

  /** Closes every connection; calls in flight or waiting fail with UND_ERR_SOCKET. */
  close(): Promise<void> {
    this.#closed = true;
    for (const w of this.#waiting.splice(0)) w.handler.onError?.(new PipeSocketError('the client is closed'));
    for (const c of [...this.#all]) c.destroy();
    this.#idle.length = 0;
    return Promise.resolve();
  }
}
