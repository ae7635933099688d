/** The journal's default body cap: 256 KiB of UTF-8. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/** A body as the journal keeps it: at most `maxBytes` of UTF-8, and whether anything was cut. */
export interface CappedBody {
  body: string;
  /** The whole body's size in UTF-8 bytes. */
  bytes: number;
  truncated: boolean;
}

/** Cuts a body to at most `maxBytes` UTF-8 bytes, never inside a character. */
export function capBody(body: string, maxBytes: number = DEFAULT_MAX_BODY_BYTES): CappedBody {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes <= maxBytes) return { body, bytes, truncated: false };
  const buf = Buffer.from(body, 'utf8');
  let end = maxBytes;
  // Back up over continuation bytes (10xxxxxx) to the start of the character that would be split.
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return { body: buf.subarray(0, end).toString('utf8'), bytes, truncated: true };
}
