import { describe, expect, it } from 'vitest';
import { FK_GROUPS, PM_GROUPS } from '../../simulator/base-services/fk/codes.ts';

describe('the trainer page\'s LEFI query', () => {
  it('asks for exactly the benefit groups the FK base service knows (the browser code keeps its own copy)', async () => {
    // Browser code, not part of the TypeScript project: imported by a computed path.
    const file = new URL('../../simulator/ui/static/query.js', import.meta.url).href;
    const page = (await import(file)) as { FK_GROUPS: string[]; PM_GROUPS: string[] };
    expect(page.FK_GROUPS).toEqual([...FK_GROUPS]);
    expect(page.PM_GROUPS).toEqual([...PM_GROUPS]);
  });
});
