/**
 * Decoding remembered by the bytes (issue 7): the same bytes give the same string object, so a body
 * that came before is neither decoded again nor hashed again by the memos keyed by its text that
 * follow (a string's hash is kept in the string; a string compared with itself is equal at once).
 *
 * A lookup finds the candidates of the same length and compares bytes (memcmp, which stops at the
 * first difference), so a body seen once costs one comparison per remembered body of its length: at most
 * BUCKET_SIZE, the oldest of a length going first (bodies made from one template, a query for each of
 * 2000 people, all have one length; scanning hundreds of them had cost ~1 ms per query).
 * Bounded: bodies up to `maxBytes`, at most `maxEntries` of them; when full, all are forgotten at once
 * (cheaper than an LRU's bookkeeping for what is a shortcut, never a source of truth). The bytes are
 * copied when remembered, so a caller may reuse its buffer.
 */
const BUCKET_SIZE = 8;

export class TextMemo {
  readonly #byLength = new Map<number, { bytes: Buffer; text: string }[]>();
  #count = 0;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #decode: (bytes: Buffer) => string;

  /** `decode` must be a pure function of the bytes. */
  constructor(decode: (bytes: Buffer) => string, maxEntries: number, maxBytes: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new Error(`TextMemo: maxEntries must be a positive integer, got ${maxEntries}`);
    this.#decode = decode;
    this.#maxEntries = maxEntries;
    this.#maxBytes = maxBytes;
  }

  /** `decode(bytes)`, the same string as for equal bytes before while remembered. */
  text(bytes: Buffer): string {
    const length = bytes.length;
    if (length > this.#maxBytes) return this.#decode(bytes);
    let bucket = this.#byLength.get(length);
    if (bucket !== undefined) {
      for (const entry of bucket) if (entry.bytes.equals(bytes)) return entry.text;
    }
    const text = this.#decode(bytes);
    if (this.#count >= this.#maxEntries) {
      this.clear();
      bucket = undefined;
    }
    if (bucket === undefined) this.#byLength.set(length, (bucket = []));
    else if (bucket.length >= BUCKET_SIZE) {
      bucket.shift();
      this.#count -= 1;
    }
    bucket.push({ bytes: Buffer.from(bytes), text });
    this.#count += 1;
    return text;
  }

  /** How many bodies are remembered. */
  get size(): number {
    return this.#count;
  }

  clear(): void {
    this.#byLength.clear();
    this.#count = 0;
  }
}
