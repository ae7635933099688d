/**
 * TextMemo: decoding remembered by the bytes (issue 7). What callers rely on: the text is always
 * decode(bytes), equal bytes give the very same string while remembered, and memory stays bounded.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextMemo } from '../../simulator/http/text-memo.ts';

const utf8 = (b: Buffer): string => b.toString('utf8');

describe('TextMemo', () => {
  it('gives decode(bytes) for any bytes, however often and in whatever order they come', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (bodies, max) => {
        const memo = new TextMemo(utf8, max, 32);
        for (const b of [...bodies, ...bodies.slice().reverse()]) {
          const bytes = Buffer.from(b);
          expect(memo.text(bytes)).toBe(utf8(bytes));
          expect(memo.size).toBeLessThanOrEqual(max);
        }
      }),
    );
  });

  it('gives the same string object for equal bytes in another buffer', () => {
    const memo = new TextMemo(utf8, 8, 1024);
    const first = memo.text(Buffer.from('<svar>Åsa</svar>'));
    const again = memo.text(Buffer.from('<svar>Åsa</svar>'));
    expect(again).toBe(first);
    // Same length, other bytes: another text.
    expect(memo.text(Buffer.from('<svar>Åke</svar>'))).toBe('<svar>Åke</svar>');
    expect(memo.size).toBe(2);
  });

  it('keeps a copy of the bytes, so a caller may reuse its buffer', () => {
    const memo = new TextMemo(utf8, 8, 1024);
    const buffer = Buffer.from('abc');
    expect(memo.text(buffer)).toBe('abc');
    buffer.write('xyz');
    expect(memo.text(buffer)).toBe('xyz');
    expect(memo.text(Buffer.from('abc'))).toBe('abc');
  });

  it('does not remember bodies over maxBytes, and forgets all when full', () => {
    const memo = new TextMemo(utf8, 2, 4);
    expect(memo.text(Buffer.from('12345'))).toBe('12345');
    expect(memo.size).toBe(0);
    memo.text(Buffer.from('a'));
    memo.text(Buffer.from('b'));
    expect(memo.size).toBe(2);
    memo.text(Buffer.from('c'));
    expect(memo.size).toBe(1);
  });

  it('keeps at most 8 bodies of one length, the newest', () => {
    const memo = new TextMemo(utf8, 100, 64);
    const bodies = Array.from({ length: 12 }, (_, i) => Buffer.from(`body-${String(i).padStart(2, '0')}`));
    const texts = bodies.map((b) => memo.text(b));
    expect(memo.size).toBe(8);
    // The newest 8 are remembered; an older one is decoded again.
    expect(memo.text(Buffer.from('body-11'))).toBe(texts[11]);
    expect(memo.text(Buffer.from('body-04'))).toBe('body-04');
    expect(memo.size).toBe(8);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new TextMemo(utf8, 0, 10)).toThrow(/maxEntries/);
  });
});
