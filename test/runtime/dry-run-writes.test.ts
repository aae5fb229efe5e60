// Server-side dry runs leave nothing behind (kubectl --dry-run=server): a
// dry-run delete of a CustomResourceDefinition keeps its custom resources, and
// a dry-run change of a Service to NodePort hands back the node port its
// defaulting took, so a real Service can have that port afterwards.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runtimeFixture } from '../support/runtime.js';
import { until } from './helpers.js';

const cluster = runtimeFixture('skiff-dry-run-', { components: [] });
const { kubectl } = cluster;

test.before(cluster.start);

test.after(cluster.stop);

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
`;

test('kubectl delete crd --dry-run=server keeps the CRD and its custom resources', async () => {
  assert.is((await kubectl(['apply', '-f', '-'], CRD)).code, 0);
  await until('widgets served', async () => (await kubectl(['get', 'widgets', '-n', 'default'])).code === 0);
  const cr = await kubectl(['apply', '-n', 'default', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w1 }\nsize: 3\n');
  assert.is(cr.code, 0, cr.stderr);
  const dry = await kubectl(['delete', 'crd', 'widgets.example.com', '--dry-run=server']);
  assert.is(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, 'customresourcedefinition.apiextensions.k8s.io "widgets.example.com" deleted (server dry run)');
  const left = await kubectl(['get', 'widget', 'w1', '-n', 'default', '-o', 'jsonpath={.size}']);
  assert.equal([left.code, left.stdout], [0, '3'], left.stderr);
  // The real delete still takes them with it.
  assert.is((await kubectl(['delete', 'crd', 'widgets.example.com'])).code, 0);
  const gone = await until('widgets gone', async () => {
    const items = await cluster.rt.client.list({ group: 'example.com', version: 'v1', resource: 'widgets', namespace: 'default' }).catch(() => undefined);
    return items === undefined || items.items.length === 0;
  });
  assert.ok(gone);
});

test('a dry-run switch to NodePort hands back the node port, so a real Service can take it', async () => {
  const svc = (name: string, extra: string) => `apiVersion: v1\nkind: Service\nmetadata: { name: ${name} }\nspec:\n  selector: { app: ${name} }\n${extra}`;
  assert.is((await kubectl(['apply', '-n', 'default', '-f', '-'], svc('web', '  ports: [{ port: 80 }]\n'))).code, 0);
  const dry = await kubectl(['patch', 'svc', 'web', '-n', 'default', '--dry-run=server', '-o', 'jsonpath={.spec.ports[0].nodePort}', '-p', '{"spec":{"type":"NodePort","ports":[{"port":80,"nodePort":30555}]}}']);
  assert.equal([dry.code, dry.stdout], [0, '30555'], dry.stderr);
  const live = await kubectl(['get', 'svc', 'web', '-n', 'default', '-o', 'jsonpath={.spec.type}']);
  assert.is(live.stdout, 'ClusterIP');
  const other = await kubectl(['apply', '-n', 'default', '-f', '-'], svc('api', '  type: NodePort\n  ports: [{ port: 80, nodePort: 30555 }]\n'));
  assert.is(other.code, 0, other.stderr);
  const port = await kubectl(['get', 'svc', 'api', '-n', 'default', '-o', 'jsonpath={.spec.ports[0].nodePort}']);
  assert.is(port.stdout, '30555');
});

test.run();
