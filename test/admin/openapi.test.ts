import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createAdminRouter } from '../../simulator/admin/router.ts';
import { CONTRACTS_DIR, contracts, schemaId } from '../../simulator/contracts/registry.ts';
import { makeAdmin } from './app.ts';

interface Operation {
  parameters?: { $ref?: string }[];
  responses: Record<string, unknown>;
  security?: unknown[];
}
const doc = JSON.parse(readFileSync(join(CONTRACTS_DIR, 'openapi/admin.openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).filter((m) => METHODS.includes(m)).map((method) => ({ path, method, op: item[method] as Operation })));
const adminOps = documented.filter((o) => o.path.startsWith('/admin/'));

/** Every route of the router as "METHOD /admin/path/{param}". */
function routes(): string[] {
  const { deps } = makeAdmin();
  const router = createAdminRouter(deps) as unknown as { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  return router.stack.flatMap((layer) => {
    const route = layer.route;
    if (route === undefined) return [];
    const path = `/admin${route.path.replace(/:(\w+)/g, '{$1}')}`;
    return Object.keys(route.methods).map((m) => `${m.toUpperCase()} ${path}`);
  });
}

function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refs(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe('contracts/openapi/admin.openapi.json', () => {
  it('documents every route of the admin router', () => {
    const ops = new Set(adminOps.map((o) => `${o.method.toUpperCase()} ${o.path}`));
    const served = routes();
    expect(served.length).toBeGreaterThanOrEqual(17);
    expect(served.filter((r) => !ops.has(r))).toEqual([]);
    expect([...ops].filter((o) => !served.includes(o))).toEqual([]);
  });

  it('every documented /admin operation is served (none falls through to the 404 handler)', async () => {
    const { app } = makeAdmin();
    for (const { path, method } of adminOps) {
      const url = path.replace('{name}', 'beta').replace('{code}', 'AF');
      const res = await (request(app) as unknown as Record<string, (u: string) => request.Test>)[method]!(url);
      expect({ op: `${method} ${path}`, fellThrough: res.status === 404 && res.body.title === 'Not found' }).toEqual({ op: `${method} ${path}`, fellThrough: false });
    }
  });

  it('every admin operation documents 401 and 403, and the composite paths carry the x-ssbtek-scenario header', () => {
    for (const { path, method, op } of adminOps) expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(['401', '403']));
    const composite = documented.filter((o) => !o.path.startsWith('/admin/'));
    expect(composite.map((o) => o.path).sort()).toEqual(['/api/v1/hamtaBastjanstInformation', '/api/v1/testaBastjanstInformation', '/ssbtek/v10']);
    for (const { op } of composite) {
      expect(op.parameters).toContainEqual({ $ref: '#/components/parameters/ScenarioHeader' });
      expect(op.security).toEqual([]);
    }
    expect(doc.components.parameters?.ScenarioHeader).toMatchObject({ name: 'x-ssbtek-scenario', in: 'header' });
    expect(doc.components.securitySchemes?.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('every $ref resolves: local ones in the document, the others in the scenario schema', () => {
    for (const ref of refs(doc)) {
      if (ref.startsWith('#/')) {
        let node: unknown = doc;
        for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown> | undefined)?.[part];
        expect(node, ref).toBeDefined();
      } else {
        expect(ref).toMatch(/^\.\.\/scenario\/scenario\.schema\.json#\/\$defs\/\w+$/);
        const [, pointer = ''] = ref.split('#');
        expect(contracts().ajv.getSchema(`${schemaId('scenario/scenario.schema.json')}#${pointer}`), ref).toBeDefined();
      }
    }
  });
});
