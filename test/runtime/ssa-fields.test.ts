// Field ownership without a server: apply merges by the catalog's list keys,
// drops list items an applier stops setting, shares fields set to the same
// value, and Update tracking moves changed fields to their writer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { applyConfiguration, trackUpdate } from '../../src/runtime/apiserver/ssa/index.js';
import { ApiError } from '../../src/runtime/apiserver/status.js';
import type { KubeObject } from '../../src/apimachinery/types.js';

const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' };
const now = new Date('2026-01-01T00:00:00Z');

function cfg(env: Record<string, string>, image = 'nginx', replicas?: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      template: { spec: { containers: [{ name: 'web', image, env: Object.entries(env).map(([name, value]) => ({ name, value })) }, { name: 'side', image: 'busybox' }] } },
    },
  } as KubeObject;
}

const containers = (o: KubeObject) => (o.spec as any).template.spec.containers;

test('list-map items merge by key and go when the applier drops them', () => {
  let live = applyConfiguration({ gvk, live: undefined, config: cfg({ A: '1', B: '2' }), manager: 'm', force: false, now });
  const f = (live.metadata as any).managedFields[0].fieldsV1['f:spec']['f:template']['f:spec']['f:containers'];
  assert.ok(f['k:{"name":"web"}']['f:env']['k:{"name":"A"}'], 'env keyed by name');
  live = applyConfiguration({ gvk, live, config: cfg({ B: '3' }), manager: 'm', force: false, now });
  assert.equal(containers(live)[0].env, [{ name: 'B', value: '3' }]);
  assert.is(containers(live).length, 2);
});

test('another manager keeps a field alive and conflicts only on a different value', () => {
  let live = applyConfiguration({ gvk, live: undefined, config: cfg({ A: '1' }, 'nginx', 2), manager: 'one', force: false, now });
  live = applyConfiguration({ gvk, live, config: cfg({ A: '1' }, 'nginx', 2), manager: 'two', force: false, now });
  // "one" stops setting replicas; "two" still owns it, so it stays.
  live = applyConfiguration({ gvk, live, config: cfg({ A: '1' }), manager: 'one', force: false, now });
  assert.is((live.spec as any).replicas, 2);
  try {
    applyConfiguration({ gvk, live, config: cfg({ A: '1' }, 'nginx:2', 2), manager: 'three', force: false, now });
    assert.unreachable('should conflict');
  } catch (err) {
    assert.instance(err, ApiError);
    const st = (err as ApiError).status;
    assert.is(st.code, 409);
    // Both appliers share the image, so both conflict.
    const path = '.spec.template.spec.containers[name="web"].image';
    assert.is(st.message, `Apply failed with 2 conflicts: conflicts with "one" using apps/v1:\n- ${path}\nconflicts with "two" using apps/v1:\n- ${path}`);
    assert.equal(st.details, {
      causes: [
        { reason: 'FieldManagerConflict', message: 'conflict with "one" using apps/v1', field: path },
        { reason: 'FieldManagerConflict', message: 'conflict with "two" using apps/v1', field: path },
      ],
    } as any);
  }
  // Forced: the new applier takes the image from both.
  const forced = applyConfiguration({ gvk, live, config: cfg({ A: '1' }, 'nginx:2', 2), manager: 'three', force: true, now });
  assert.is(containers(forced)[0].image, 'nginx:2');
  for (const e of (forced.metadata as any).managedFields.filter((x: any) => x.manager !== 'three')) {
    assert.is(e.fieldsV1['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"web"}']['f:image'], undefined, e.manager);
  }
});

test('Update operations take the fields they change from other managers', () => {
  const live = applyConfiguration({ gvk, live: undefined, config: cfg({ A: '1' }, 'nginx', 2), manager: 'applier', force: false, now });
  const next = JSON.parse(JSON.stringify(live)) as KubeObject;
  (next.spec as any).replicas = 5;
  trackUpdate({ gvk, old: live, next, manager: 'kubectl-scale', now });
  const mf = (next.metadata as any).managedFields;
  assert.equal(mf.map((e: any) => `${e.manager}/${e.operation}`), ['applier/Apply', 'kubectl-scale/Update']);
  assert.is(mf[0].fieldsV1['f:spec']['f:replicas'], undefined);
  assert.equal(mf[1].fieldsV1, { 'f:spec': { 'f:replicas': {} } });
  // Nothing changed: the entries stay exactly as they were.
  const same = JSON.parse(JSON.stringify(next)) as KubeObject;
  trackUpdate({ gvk, old: next, next: same, manager: 'other', now: new Date() });
  assert.equal((same.metadata as any).managedFields, mf);
});

test.run();
