import { Duplex } from 'node:stream';

/**
 * A Duplex that node's HTTP server and undici take for a socket: the socket methods they call (no-ops
 * here) and no remote address. The in-process connections' ends (PipeEnd here, the pipe client's server
 * end in pipe-client.ts) are these.
 */
export class SocketStandIn extends Duplex {
  readonly remoteAddress = undefined;
  readonly remotePort = undefined;
  readonly encrypted = false;

  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

/**
 * One end of an in-process byte pipe: what is written to it is read from its peer, in order, with
 * backpressure (a write waits until the peer's reader wants more). A socket stand-in for an HTTP
 * client and server in the same process: it has the socket methods they call (no-ops here).
 */
export class PipeEnd extends SocketStandIn {
  peer: PipeEnd | undefined;
  /** The callback of a write held back until the peer's reader wants more. */
  #waiting: ((error?: Error | null) => void) | undefined;

  override _read(): void {
    const peer = this.peer;
    if (peer === undefined) return;
    const go = peer.#waiting;
    if (go !== undefined) {
      peer.#waiting = undefined;
      go();
    }
  }

  /** Hands bytes to the peer's reader; the write is done at once, or when the reader wants more. */
  #send(bytes: Buffer, done: (error?: Error | null) => void): void {
    const peer = this.peer;
    if (peer === undefined || peer.destroyed) return done(new Error('the other end of the pipe is closed'));
    if (peer.push(bytes)) done();
    else this.#waiting = done;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.#send(chunk, done);
  }

  override _writev(chunks: { chunk: Buffer }[], done: (error?: Error | null) => void): void {
    this.#send(chunks.length === 1 ? (chunks[0] as { chunk: Buffer }).chunk : Buffer.concat(chunks.map((c) => c.chunk)), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.peer?.push(null);
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    const peer = this.peer;
    this.peer = undefined;
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.();
    if (peer !== undefined && !peer.destroyed) {
      // The peer sees the end of its input, then its own end closes (as a socket whose other side went away).
      peer.push(null);
      peer.destroy();
    }
    done(error);
  }
}

/** Two connected ends of a pipe. */
export function pipePair(): [PipeEnd, PipeEnd] {
  const a = new PipeEnd({ allowHalfOpen: true });
  const b = new PipeEnd({ allowHalfOpen: true });
  a.peer = b;
  b.peer = a;
  return [a, b];
}
