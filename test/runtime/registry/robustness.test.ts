import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinResources, ServiceAllocator } from '../../../src/runtime/apiserver/registry/index.js';
import type { KubeObject } from '../../../src/apimachinery/types.js';
import { ObjectInvalidError } from '../../../src/errors.js';

// Malformed bodies reach the registry before any schema check: defaulting,
// validation and printing must report, never crash.
const SHAPES: unknown[] = [
  undefined, null, 'text', 7, [], {},
  { containers: 'x', selector: 'app=web', template: 5, ports: {}, rules: 'all', metrics: [1, null] },
  { template: { metadata: null, spec: { containers: [null, 3, { name: 7, image: [] , ports: [{ containerPort: 'x' }] }] } } },
  { selector: { matchExpressions: [{ key: 'a', operator: 'In' }, null] }, jobTemplate: { spec: null } },
];

test('every kind survives malformed specs in defaults, validate and row', () => {
  const ctx = { now: () => new Date(), allocator: new ServiceAllocator() };
  for (const r of builtinResources()) {
    for (const shape of SHAPES) {
      const o = {
        apiVersion: r.group ? `${r.group}/${r.version}` : r.version, kind: r.kind,
        metadata: { name: 'x', namespace: r.namespaced ? 'd' : undefined, uid: 'u', labels: { a: 'b' } },
        spec: structuredClone(shape), data: structuredClone(shape), subsets: structuredClone(shape), rules: structuredClone(shape),
        status: structuredClone(shape), roleRef: structuredClone(shape), subjects: structuredClone(shape),
      } as unknown as KubeObject;
      const where = `${r.plural} with ${JSON.stringify(shape)}`;
      try {
        r.defaults?.(o, ctx);
      } catch (e) {
        if (!(e instanceof ObjectInvalidError)) assert.unreachable(`${where}: defaults threw ${String(e)}`);
      }
      let errs: unknown[] = [];
      try {
        errs = r.validate?.(o, undefined, ctx) ?? [];
        r.validate?.(o, structuredClone(o), ctx);
        r.row?.(o, new Date());
      } catch (e) {
        assert.unreachable(`${where}: ${String((e as Error).stack)}`);
      }
      assert.ok(Array.isArray(errs), where);
    }
  }
});

test.run();
