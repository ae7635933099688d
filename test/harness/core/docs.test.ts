import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HELP } from '../../../harness/cli/help.ts';
import { EXIT } from '../../../harness/core/exit-codes.ts';
import { defaultMapping, parseMapping } from '../../../harness/core/load-mapping.ts';
import { loadSuite } from '../../../harness/core/load-suite.ts';
import { coreRegistry, writeDir } from './support.ts';

const guide = readFileSync(new URL('../../../docs/harness.md', import.meta.url), 'utf8');
const yamlBlocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const registry = coreRegistry();

describe('docs/harness.md', () => {
  it('lists the exit codes the harness uses, as --help does', () => {
    const rows = [...guide.matchAll(/^\| (\d) \| /gm)].map((m) => Number(m[1]));
    expect(rows).toEqual(Object.values(EXIT));
    expect(HELP).toContain(
      'Exit codes: 0 every MUST case passed, 1 a MUST case failed, 2 bad arguments, suite or mapping',
    );
  });

  it('shows a mapping example that loads', () => {
    const example = yamlBlocks.find((b) => b.includes('persons:')) ?? '';
    expect(parseMapping(example, 'docs/harness.md', { registry }).persons.protected).toBe('198307199979');
  });

  it('shows case examples whose common part is valid', () => {
    const examples = yamlBlocks.filter((b) => /^(id:|cases:)/m.test(b));
    expect(examples).toHaveLength(2);
    const dir = writeDir(Object.fromEntries(examples.map((b, i) => [`${i}.yaml`, b])));
    expect(loadSuite(dir, 'provider', { registry }).map((c) => c.id)).toEqual([
      'P-PROT-001',
      'P-ECHO-001',
      'P-ECHO-002',
    ]);
  });

  it('lists the default mapping persons', () => {
    const rows = [...guide.matchAll(/\| `([a-z-]+)` \| (\d{12}) \|/g)].map((m) => [m[1], m[2]]);
    const rows2 = [...guide.matchAll(/\| (\d{12}) \| `([a-z-]+)` \| (\d{12}) \|/g)].map((m) => [m[2], m[3]]);
    expect(Object.fromEntries([...rows, ...rows2])).toEqual(defaultMapping().persons);
  });
});
