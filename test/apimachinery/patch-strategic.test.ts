import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyStrategicMergePatch, createThreeWayMergePatch, createTwoWayMergePatch, STRATEGIC_MERGE_PATCH, MERGE_PATCH } from '../../src/apimachinery/patch/index.js';
import { PatchError } from '../../src/errors.js';

const POD = { group: '', version: 'v1', kind: 'Pod' };
const DEPLOY = { group: 'apps', version: 'v1', kind: 'Deployment' };

const pod = (spec: object, metadata: object = { name: 'p' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });

test('containers merge by name; new items append, patched items keep unpatched fields', () => {
  const live = pod({ containers: [{ name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }] }, { name: 'b', image: 'b:1' }] });
  const out = applyStrategicMergePatch(live, { spec: { containers: [{ name: 'b', image: 'b:2' }, { name: 'c', image: 'c:1' }] } }, POD);
  assert.equal(out.spec, {
    containers: [
      { name: 'a', image: 'a:1', env: [{ name: 'X', value: '1' }] },
      { name: 'b', image: 'b:2' },
      { name: 'c', image: 'c:1' },
    ],
  });
});

test('lists without a merge strategy are replaced (container args)', () => {
  const live = pod({ containers: [{ name: 'a', args: ['--x', '--y'] }] });
  const out = applyStrategicMergePatch(live, { spec: { containers: [{ name: 'a', args: ['--z'] }] } }, POD);
  assert.equal((out.spec as any).containers[0].args, ['--z']);
});

test('null deletes a key; null for an absent key leaves no trace', () => {
  const live = pod({ nodeSelector: { a: 'b', c: 'd' } });
  const out = applyStrategicMergePatch(live, { spec: { nodeSelector: { a: null, z: null } } }, POD);
  assert.equal((out.spec as any).nodeSelector, { c: 'd' });
});

test('$patch: delete removes a list item by merge key; $patch: replace replaces a list or a map', () => {
  const live = pod({ containers: [{ name: 'a' }, { name: 'b' }], nodeSelector: { x: '1' } });
  let out = applyStrategicMergePatch(live, { spec: { containers: [{ name: 'a', $patch: 'delete' }] } }, POD);
  assert.equal((out.spec as any).containers, [{ name: 'b' }]);
  out = applyStrategicMergePatch(live, { spec: { containers: [{ name: 'z' }, { $patch: 'replace' }] } }, POD);
  assert.equal((out.spec as any).containers, [{ name: 'z' }]);
  out = applyStrategicMergePatch(live, { spec: { nodeSelector: { y: '2', $patch: 'replace' } } }, POD);
  assert.equal((out.spec as any).nodeSelector, { y: '2' });
  out = applyStrategicMergePatch(live, { spec: { nodeSelector: { $patch: 'delete' } } }, POD);
  assert.equal((out.spec as any).nodeSelector, {});
});

test('finalizers (scalar list, merge strategy): union, and $deleteFromPrimitiveList removes', () => {
  const live = pod({}, { name: 'p', finalizers: ['a', 'b'] });
  let out = applyStrategicMergePatch(live, { metadata: { finalizers: ['c', 'a'] } }, POD);
  assert.equal((out.metadata as any).finalizers, ['c', 'a', 'b']);
  out = applyStrategicMergePatch(live, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } }, POD);
  assert.equal((out.metadata as any).finalizers, ['b']);
});

test('$setElementOrder orders the patched items; a server-only item goes before the first patched item it preceded live', () => {
  const live = pod({ containers: [{ name: 'a' }, { name: 'server' }, { name: 'b' }] });
  const out = applyStrategicMergePatch(
    live,
    { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }], containers: [{ name: 'b', image: 'x' }] } },
    POD,
  );
  assert.equal((out.spec as any).containers.map((c: any) => c.name), ['server', 'b', 'a']);
  assert.equal((out.spec as any).containers[1].image, 'x');
});

test('delete + add under $setElementOrder orders server-only items as kube-apiserver does', () => {
  const live = pod({ containers: [{ name: 'a' }, { name: 'b', image: 'x' }, { name: 'd', image: 'y' }] });
  const out = applyStrategicMergePatch(
    live,
    { spec: { '$setElementOrder/containers': [{ name: 'b' }, { name: 'c' }], containers: [{ name: 'c' }, { name: 'a', $patch: 'delete' }] } },
    POD,
  );
  assert.equal((out.spec as any).containers, [{ name: 'b', image: 'x' }, { name: 'd', image: 'y' }, { name: 'c' }]);
});

test('$setElementOrder that contradicts the patch list is rejected (kube-apiserver: 500 Internal Error)', () => {
  const live = pod({ containers: [{ name: 'a' }, { name: 'b' }] });
  try {
    applyStrategicMergePatch(live, { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ name: 'b' }] } }, POD);
    assert.unreachable();
  } catch (e) {
    assert.instance(e, PatchError);
    assert.is((e as PatchError).status, 500);
    assert.match((e as Error).message, /doesn't match \$setElementOrder list/);
  }
});

test('volumes use retainKeys: switching a volume source drops the old one', () => {
  const live = pod({ volumes: [{ name: 'v', emptyDir: {} }] });
  const out = applyStrategicMergePatch(live, { spec: { volumes: [{ name: 'v', hostPath: { path: '/x' }, $retainKeys: ['hostPath', 'name'] }] } }, POD);
  assert.equal((out.spec as any).volumes, [{ name: 'v', hostPath: { path: '/x' } }]);
});

test('deployment strategy uses retainKeys: Recreate clears rollingUpdate', () => {
  const live = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
  const out = applyStrategicMergePatch(live, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, DEPLOY);
  assert.equal((out.spec as any).strategy, { type: 'Recreate' });
});

test('a retainKeys list that omits a patched key is a bad request', () => {
  const live = pod({ volumes: [{ name: 'v', emptyDir: {} }] });
  try {
    applyStrategicMergePatch(live, { spec: { volumes: [{ name: 'v', hostPath: { path: '/x' }, $retainKeys: ['name'] }] } }, POD);
    assert.unreachable();
  } catch (e) {
    assert.is((e as PatchError).status, 400);
    assert.is((e as Error).message, 'invalid patch format of retainKeys');
  }
});

test('list items without the merge key are rejected', () => {
  const live = pod({ containers: [{ name: 'a' }] });
  assert.throws(() => applyStrategicMergePatch(live, { spec: { containers: [{ image: 'x' }] } }, POD), /does not contain declared merge key: name/);
});

test('unknown $patch directive is rejected', () => {
  const live = pod({ nodeSelector: { a: 'b' } });
  assert.throws(() => applyStrategicMergePatch(live, { spec: { nodeSelector: { $patch: 'frobnicate' } } }, POD), /unknown patch type: frobnicate/);
});

test('kinds without strategic-merge metadata are refused with 415', () => {
  try {
    applyStrategicMergePatch({ spec: {} }, { spec: { a: 1 } }, { group: 'example.com', version: 'v1', kind: 'Widget' });
    assert.unreachable();
  } catch (e) {
    assert.instance(e, PatchError);
    assert.is((e as PatchError).status, 415);
  }
});

test('the input documents are not mutated', () => {
  const live = pod({ containers: [{ name: 'a', image: '1' }] });
  const patch = { spec: { containers: [{ name: 'a', image: '2' }] } };
  const before = JSON.stringify([live, patch]);
  applyStrategicMergePatch(live, patch, POD);
  assert.is(JSON.stringify([live, patch]), before);
});

test('service ports merge by port; env merges by name; tolerations (atomic) are replaced', () => {
  const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } };
  const out = applyStrategicMergePatch(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } }, { group: '', version: 'v1', kind: 'Service' });
  assert.equal((out.spec as any).ports, [{ port: 80, targetPort: 9090 }, { port: 443 }]);
  const live = pod({ tolerations: [{ key: 'a' }], containers: [{ name: 'c', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] });
  const out2 = applyStrategicMergePatch(live, { spec: { tolerations: [{ key: 'b' }], containers: [{ name: 'c', env: [{ name: 'B', value: '3' }] }] } }, POD);
  assert.equal((out2.spec as any).tolerations, [{ key: 'b' }]);
  assert.equal((out2.spec as any).containers[0].env, [{ name: 'A', value: '1' }, { name: 'B', value: '3' }]);
});

// ---- computing patches -------------------------------------------------------

const deploy = (spec: object, metadata: object = { name: 'd' }) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata, spec });

test('three-way: removed container is deleted, changed image patched, $setElementOrder sent, live-only fields kept', () => {
  const original = deploy({ replicas: 2, template: { spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] } } });
  const modified = deploy({ template: { spec: { containers: [{ name: 'a', image: 'a:2' }] } } });
  const current = deploy({ replicas: 2, paused: false, template: { spec: { containers: [{ name: 'a', image: 'a:1', command: ['sh'] }, { name: 'b', image: 'b:1' }] } } }, { name: 'd', uid: 'u1' });
  const p = createThreeWayMergePatch(original, modified, current);
  assert.is(p.contentType, STRATEGIC_MERGE_PATCH);
  assert.equal(p.patch, {
    spec: {
      replicas: null,
      template: {
        spec: {
          '$setElementOrder/containers': [{ name: 'a' }],
          containers: [{ name: 'a', image: 'a:2' }, { name: 'b', $patch: 'delete' }],
        },
      },
    },
  });
  const applied = applyStrategicMergePatch(current, p.patch, DEPLOY) as any;
  assert.equal(applied.spec, { paused: false, template: { spec: { containers: [{ name: 'a', image: 'a:2', command: ['sh'] }] } } });
  assert.is(applied.metadata.uid, 'u1');
});

test('three-way: nothing to change gives an empty patch', () => {
  const o = deploy({ replicas: 1 });
  const p = createThreeWayMergePatch(o, o, { ...o, status: { replicas: 1 } });
  assert.ok(p.empty);
  assert.equal(p.patch, {});
});

test('three-way: live drift in a field the manifest sets is reverted', () => {
  const o = deploy({ replicas: 3 });
  const p = createThreeWayMergePatch(o, o, deploy({ replicas: 7 }));
  assert.equal(p.patch, { spec: { replicas: 3 } });
});

test('three-way: primitive merge list (finalizers) sends $deleteFromPrimitiveList and $setElementOrder', () => {
  const original = deploy({}, { name: 'd', finalizers: ['a', 'b'] });
  const modified = deploy({}, { name: 'd', finalizers: ['a'] });
  const current = deploy({}, { name: 'd', finalizers: ['a', 'b', 'live'] });
  const p = createThreeWayMergePatch(original, modified, current);
  assert.equal(p.patch, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'], '$setElementOrder/finalizers': ['a'] } });
  assert.equal((applyStrategicMergePatch(current, p.patch, DEPLOY) as any).metadata.finalizers, ['a', 'live']);
});

test('three-way: retainKeys field carries $retainKeys', () => {
  const original = deploy({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } });
  const modified = deploy({ strategy: { type: 'Recreate' } });
  const p = createThreeWayMergePatch(original, modified, original);
  assert.equal(p.patch, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } });
});

test('three-way for a custom resource is a JSON merge patch', () => {
  const cr = (spec: object) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec });
  const p = createThreeWayMergePatch(cr({ a: 1, list: [1, 2] }), cr({ list: [1] }), cr({ a: 1, list: [1, 2], live: true }));
  assert.is(p.contentType, MERGE_PATCH);
  assert.equal(p.patch, { spec: { a: null, list: [1] } });
});

test('two-way strategic patch reorders via $setElementOrder only', () => {
  const a = deploy({ template: { spec: { containers: [{ name: 'x' }, { name: 'y' }] } } });
  const b = deploy({ template: { spec: { containers: [{ name: 'y' }, { name: 'x' }] } } });
  const p = createTwoWayMergePatch(a, b);
  assert.equal(p.patch, { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'y' }, { name: 'x' }] } } } });
  assert.equal((applyStrategicMergePatch(a, p.patch, DEPLOY) as any).spec.template.spec.containers, [{ name: 'y' }, { name: 'x' }]);
});

// ---- round-trip property ------------------------------------------------------

function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

function randomDeployment(r: () => number, extra: boolean) {
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const names = ['web', 'side', 'log', 'init', 'proxy'].filter(() => r() < 0.6);
  if (names.length === 0) names.push('web');
  const containers = names.map((name) => {
    const c: any = { name, image: `${name}:${pick(['1', '2', '3'])}` };
    if (r() < 0.5) c.env = ['A', 'B', 'C'].filter(() => r() < 0.5).map((n) => ({ name: n, value: pick(['x', 'y']) }));
    if (r() < 0.4) c.ports = [{ containerPort: pick([80, 8080]), name: 'http' }];
    if (r() < 0.3) c.args = ['--v', pick(['1', '2'])];
    if (extra && r() < 0.3) c.terminationMessagePath = '/dev/termination-log';
    return c;
  });
  const labels: Record<string, string> = {};
  for (const k of ['app', 'tier', 'team']) if (r() < 0.6) labels[k] = pick(['a', 'b']);
  const spec: any = { template: { metadata: { labels }, spec: { containers } } };
  if (r() < 0.5) spec.replicas = pick([1, 2, 3]);
  if (r() < 0.3) spec.strategy = pick([{ type: 'Recreate' }, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } }]);
  if (extra) {
    spec.progressDeadlineSeconds = 600;
    spec.template.spec.dnsPolicy = 'ClusterFirst';
  }
  return deploy(spec, { name: 'd', labels: { ...labels } });
}

/** What the user cares about: every field of `modified` is present with its value (lists merged by key). */
function assertHas(actual: any, expected: any, path: string): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${path} should be a list`);
    const keyed = expected.length > 0 && typeof expected[0] === 'object' && ('name' in expected[0] || 'containerPort' in expected[0]);
    if (keyed) {
      const key = 'name' in expected[0] ? 'name' : 'containerPort';
      assert.equal(actual.map((x: any) => x[key]), expected.map((x: any) => x[key]), `${path} order/items`);
      expected.forEach((e: any, i: number) => assertHas(actual[i], e, `${path}[${i}]`));
    } else {
      assert.equal(actual, expected, path);
    }
  } else if (expected && typeof expected === 'object') {
    for (const k of Object.keys(expected)) assertHas(actual?.[k], expected[k], `${path}.${k}`);
  } else {
    assert.is(actual, expected, path);
  }
}

test('property: apply(threeWay(o, m, c), c) has every field of m and keeps c-only fields', () => {
  const r = rng(42);
  for (let i = 0; i < 300; i++) {
    const o = randomDeployment(r, false);
    const m = randomDeployment(r, false);
    // the live object: the original as applied, plus server-set fields and some drift
    const c: any = JSON.parse(JSON.stringify(o));
    c.metadata.uid = 'uid-1';
    c.spec.progressDeadlineSeconds = 600;
    c.status = { replicas: 1 };
    if (r() < 0.5) c.spec.template.spec.containers[0].image = 'drift:9';
    const p = createThreeWayMergePatch(o, m, c);
    const out: any = applyStrategicMergePatch(c, JSON.parse(JSON.stringify(p.patch)), DEPLOY);
    assertHas(out, m, `case ${i}`);
    assert.is(out.metadata.uid, 'uid-1');
    assert.is(out.spec.progressDeadlineSeconds, 600);
    assert.equal(out.status, { replicas: 1 });
    // fields removed between o and m are gone
    if ((o.spec as any).replicas !== undefined && (m.spec as any).replicas === undefined) assert.is(out.spec.replicas, undefined, `case ${i} replicas`);
    const mNames = new Set((m.spec as any).template.spec.containers.map((x: any) => x.name));
    for (const oc of (o.spec as any).template.spec.containers) {
      if (!mNames.has(oc.name)) assert.not.ok(out.spec.template.spec.containers.some((x: any) => x.name === oc.name), `case ${i}: ${oc.name} removed`);
    }
    // applying the same patch twice changes nothing more
    assert.equal(applyStrategicMergePatch(out, p.patch, DEPLOY), out, `case ${i} idempotent`);
  }
});

test.run();
