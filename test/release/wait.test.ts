// --wait asks readiness only of the kinds that have a readiness rule, and
// every kind with a rule is waited for: an APIService that never becomes
// Available makes the wait time out, a ConfigMap is never asked about.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { waitForReady } from '../../src/release/wait.js';
import { judgesReadiness } from '../../src/kube/readiness.js';
import { TimeoutError } from '../../src/errors.js';
import { FakeClock } from '../../src/util/clock.js';
import type { Backend } from '../../src/kube/backend.js';
import type { KubeObject } from '../../src/apimachinery/types.js';
import type { Resource } from '../../src/release/resources.js';

const res = (apiVersion: string, kind: string, name: string): Resource => ({ obj: { apiVersion, kind, metadata: { name } } as KubeObject, key: `${kind}/${name}` });

/** A backend whose readiness answers come from `ready` and are counted per kind. */
function backend(ready: (o: KubeObject) => boolean): Backend & { asked: string[] } {
  const asked: string[] = [];
  const b = {
    asked,
    readiness: async (o: KubeObject) => {
      asked.push(o.kind);
      return ready(o) ? { ready: true, message: `${o.kind} ${o.metadata.name}: ready` } : { ready: false, message: `${o.kind} ${o.metadata.name}: not available` };
    },
  };
  return b as unknown as Backend & { asked: string[] };
}


test('the kinds --wait judges are exactly those with a readiness rule', () => {
  assert.ok(judgesReadiness('apiregistration.k8s.io/v1', 'APIService'));
  assert.ok(judgesReadiness('apps/v1', 'Deployment'));
  assert.ok(judgesReadiness('v1', 'Service'));
  assert.not.ok(judgesReadiness('serving.knative.dev/v1', 'Service'));
  assert.not.ok(judgesReadiness('v1', 'ConfigMap'));
});

test('an APIService that never becomes Available times the wait out; a ConfigMap is not asked about', async () => {
  const be = backend((o) => o.kind !== 'APIService');
  const err = await waitForReady(be, [res('v1', 'ConfigMap', 'c'), res('apiregistration.k8s.io/v1', 'APIService', 'v1beta1.metrics.k8s.io')], {
    timeoutMs: 5000,
    clock: new FakeClock(0, { advanceOnSleep: true }), // sleeps move it: the deadline comes at once
  }).catch((e: unknown) => e);
  assert.instance(err, TimeoutError);
  assert.match((err as Error).message, 'APIService v1beta1.metrics.k8s.io');
  assert.not.ok(be.asked.includes('ConfigMap'));
  assert.ok(be.asked.includes('APIService'));
});

test.run();
