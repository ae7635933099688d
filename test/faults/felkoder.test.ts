import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FELKODER } from '../../simulator/faults/felkoder.ts';

const doc = readFileSync(new URL('../../docs/felkoder.md', import.meta.url), 'utf8');
const rows = [...doc.matchAll(/^\| ((?:SSBT|BT)-\d{3}) \| ([a-z-]+) \| (.+) \|$/gm)].map((m) => ({ code: m[1], scope: m[2], summary: m[3] }));

describe('the felkod registry and docs/felkoder.md', () => {
  it('list the same codes, in the same order', () => {
    expect(rows.map((r) => r.code)).toEqual(Object.keys(FELKODER));
  });

  it('agree on each code\'s scope and meaning', () => {
    for (const r of rows) {
      const def = FELKODER[r.code as keyof typeof FELKODER];
      expect({ code: r.code, scope: r.scope, summary: r.summary }).toEqual({ code: r.code, scope: def.scope, summary: def.summary });
    }
  });
});
