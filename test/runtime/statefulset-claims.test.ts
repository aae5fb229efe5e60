// The StatefulSet of the Kubernetes docs (and of the redis, postgresql and
// alertmanager charts): container volumeMounts naming a volumeClaimTemplates
// entry instead of a pod volume. Created, applied twice client-side and
// server-side with the real kubectl; the controller's pods get the claims.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeFixture } from '../support/runtime.js';

const cluster = runtimeFixture('skiff-sts-claims-');
const { kubectl, ok } = cluster;

const sts = (name: string, image = 'redis:7', mount = 'data') => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}}
spec:
  serviceName: ${name}
  replicas: 2
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
      - name: db
        image: ${image}
        volumeMounts:
        - {name: ${mount}, mountPath: /data}
        - {name: config, mountPath: /etc/db}
      volumes:
      - name: config
        emptyDir: {}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

test.before(cluster.start);
test.after(cluster.stop);

test('kubectl create, then apply twice, of a StatefulSet mounting its claim template', async () => {
  assert.match(await ok(['create', '-f', '-'], sts('made')), /statefulset.apps\/made created/);
  assert.match(await ok(['apply', '-f', '-'], sts('applied')), /statefulset.apps\/applied created/);
  assert.match(await ok(['apply', '-f', '-'], sts('applied', 'redis:7.2')), /statefulset.apps\/applied configured/);
  const s = JSON.parse(await ok(['get', 'sts', 'applied', '-o', 'json']));
  assert.is(s.spec.template.spec.containers[0].image, 'redis:7.2');
  assert.is(s.spec.volumeClaimTemplates[0].metadata.name, 'data');
});

test('server-side apply twice of the same StatefulSet', async () => {
  assert.match(await ok(['apply', '--server-side', '-f', '-'], sts('ssa')), /serverside-applied/);
  assert.match(await ok(['apply', '--server-side', '-f', '-'], sts('ssa', 'redis:7.2')), /serverside-applied/);
});

test('the controller gives each pod a claim per template, mounted under the template name', async () => {
  let pod: any;
  for (let i = 0; i < 100 && !pod; i++) {
    const r = await kubectl(['get', 'pod', 'made-0', '-o', 'json']);
    if (r.code === 0) pod = JSON.parse(r.stdout);
    else await new Promise((res) => setTimeout(res, 100));
  }
  assert.ok(pod, 'pod made-0 created');
  const vol = pod.spec.volumes.find((v: any) => v.name === 'data');
  assert.equal(vol.persistentVolumeClaim, { claimName: 'data-made-0' });
  assert.ok(JSON.parse(await ok(['get', 'pvc', 'data-made-0', '-o', 'json'])).spec);
});

test('a mount naming neither a volume nor a claim template is still refused', async () => {
  const r = await kubectl(['apply', '-f', '-'], sts('bad', 'redis:7', 'cache'));
  assert.is.not(r.code, 0);
  assert.match(r.stderr, /spec\.template\.spec\.containers\[0\]\.volumeMounts\[0\]\.name: Not found: "cache"/);
});

test.run();
