// Ordered apply (HIP-0025) as a pure function: resource groups and subcharts
// put in batches, and the errors for cycles, unknown groups and subcharts,
// and malformed annotations.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkOrder, deletionOrder, parseNameList, sequence, subchartOrderOf, chartPathOf, type Orderable } from '../../src/release/order.js';
import type { Chart } from '../../src/chart/types.js';
import type { KubeObject } from '../../src/apimachinery/types.js';
import { parseChartYaml } from '../../src/chart/metadata.js';

const obj = (kind: string, name: string, annotations?: Record<string, string>, source = `app/templates/${name}.yaml`): Orderable & { id: string } => ({
  id: `${kind}/${name}`,
  obj: { apiVersion: 'v1', kind, metadata: { name, ...(annotations ? { annotations } : {}) } } as KubeObject,
  source,
});
const ids = (batches: { items: { id: string }[] }[]) => batches.map((b) => b.items.map((i) => i.id));
const throws = (fn: () => unknown, re: RegExp) => {
  try {
    fn();
  } catch (err) {
    assert.match((err as Error).message, re);
    assert.is((err as { code?: string }).code, 'ORDER_INVALID');
    return;
  }
  assert.unreachable(`expected an error matching ${re}`);
};

test('without annotations: one batch, in the given (install) order', () => {
  const items = [obj('ConfigMap', 'a'), obj('Service', 's'), obj('Deployment', 'd')];
  const b = sequence(items, 'app', undefined);
  assert.equal(ids(b), [['ConfigMap/a', 'Service/s', 'Deployment/d']]);
});

test('groups in dependency order (HIP-0025 example), ungrouped last, install order kept within a batch', () => {
  const items = [
    obj('ConfigMap', 'plain'),
    obj('ConfigMap', 'app-config', { 'helm.sh/resource-group': 'app', 'helm.sh/depends-on/resource-groups': '["database", "queue"]' }),
    obj('Service', 'db-service', { 'helm.sh/resource-group': 'database' }),
    obj('Deployment', 'my-app', { 'helm.sh/resource-group': 'app' }),
    obj('Deployment', 'queue-processor', { 'helm.sh/resource-group': 'queue', 'helm.sh/depends-on/resource-groups': 'database' }),
  ];
  const b = sequence(items, 'app', undefined);
  assert.equal(ids(b), [['Service/db-service'], ['Deployment/queue-processor'], ['ConfigMap/app-config', 'Deployment/my-app'], ['ConfigMap/plain']]);
  assert.equal(
    b.map((x) => x.label),
    ['group database (chart app)', 'group queue (chart app)', 'group app (chart app)', 'ungrouped resources (chart app)'],
  );
  // Independent groups share a batch.
  const two = sequence([obj('ConfigMap', 'x', { 'helm.sh/resource-group': 'b' }), obj('ConfigMap', 'y', { 'helm.sh/resource-group': 'a' })], 'app', undefined);
  assert.equal(ids(two), [['ConfigMap/x', 'ConfigMap/y']]);
  // Deletion runs the batches backwards.
  assert.equal(deletionOrder(items, 'app', undefined).batches.map((x) => x.map((i) => i.id)), [...ids(b)].reverse());
});

test('a cycle is an error naming the groups and their objects', () => {
  const items = [
    obj('Deployment', 'web', { 'helm.sh/resource-group': 'app', 'helm.sh/depends-on/resource-groups': 'db' }),
    obj('StatefulSet', 'pg', { 'helm.sh/resource-group': 'db', 'helm.sh/depends-on/resource-groups': '["app"]' }),
    obj('ConfigMap', 'c', { 'helm.sh/resource-group': 'other' }),
  ];
  throws(() => sequence(items, 'app', undefined), /resource groups of chart "app" depend on each other in a cycle: app -> db -> app \(group app: Deployment web \(app\/templates\/web\.yaml\); group db: StatefulSet pg/);
  throws(() => sequence([obj('ConfigMap', 'self', { 'helm.sh/resource-group': 'g', 'helm.sh/depends-on/resource-groups': 'g' })], 'app', undefined), /cycle: g -> g/);
  // A deletion of such a record falls back to one batch, with the reason.
  const d = deletionOrder(items, 'app', undefined);
  assert.is(d.batches.length, 1);
  assert.match(d.warning ?? '', /kind order.*cycle/);
});

test('depending on a group nobody declares is an error naming the object, the group and the groups there are', () => {
  const items = [obj('Deployment', 'web', { 'helm.sh/resource-group': 'app', 'helm.sh/depends-on/resource-groups': 'cache, db' }), obj('Service', 'db', { 'helm.sh/resource-group': 'db' })];
  throws(() => sequence(items, 'app', undefined), /Deployment web \(app\/templates\/web\.yaml\) depends on resource group "cache", which no resource of chart "app" declares \(helm\.sh\/resource-group\); its groups are: app, db/);
  // Ungrouped objects may wait for groups too, and are checked the same way.
  throws(() => sequence([obj('Job', 'migrate', { 'helm.sh/depends-on/resource-groups': 'db' })], 'app', undefined), /Job migrate .* depends on resource group "db".* it declares no group/);
  // Groups are per chart: a subchart's group is unknown to the parent.
  throws(
    () => sequence([obj('Service', 'db', { 'helm.sh/resource-group': 'db' }, 'app/charts/pg/templates/db.yaml'), obj('Deployment', 'web', { 'helm.sh/depends-on/resource-groups': 'db' })], 'app', undefined),
    /depends on resource group "db", which no resource of chart "app" declares/,
  );
});

test('malformed annotations: misspelt depends-on key, empty group, bad list', () => {
  throws(() => sequence([obj('Deployment', 'web', { 'helm.sh/depends-on/resource-group': 'db' })], 'app', undefined), /Deployment web .*unknown annotation helm\.sh\/depends-on\/resource-group; .*helm\.sh\/depends-on\/resource-groups/);
  throws(() => sequence([obj('Deployment', 'web', { 'helm.sh/resource-group': '  ' })], 'app', undefined), /must be a non-empty group name/);
  throws(() => sequence([obj('Deployment', 'web', { 'helm.sh/resource-group': 'a, b' })], 'app', undefined), /Deployment web .*helm\.sh\/resource-group is "a, b": a resource belongs to one group/);
  throws(() => parseNameList('["a", 3]', 'x'), /non-string name/);
  throws(() => parseNameList('[a', 'x'), /not a JSON array/);
  throws(() => parseNameList(['a'], 'x'), /must be a string/);
  assert.equal(parseNameList(' a ,b', 'x'), ['a', 'b']);
  assert.equal(parseNameList('["a","b"]', 'x'), ['a', 'b']);
  // A "__proto__" group is a name like any other.
  const b = sequence([obj('ConfigMap', 'p', { 'helm.sh/resource-group': '__proto__' }), obj('ConfigMap', 'q', { 'helm.sh/resource-group': 'constructor', 'helm.sh/depends-on/resource-groups': '__proto__' })], 'app', undefined);
  assert.equal(ids(b), [['ConfigMap/p'], ['ConfigMap/q']]);
});

test('chart paths of templates', () => {
  assert.is(chartPathOf('app/templates/a.yaml', 'app'), 'app');
  assert.is(chartPathOf('app/charts/db/templates/a.yaml', 'app'), 'app/charts/db');
  assert.is(chartPathOf('app/charts/db/charts/x/templates/a.yaml', 'app'), 'app/charts/db/charts/x');
  assert.is(chartPathOf('app/templates/charts/a.yaml', 'app'), 'app');
  assert.is(chartPathOf(undefined, 'app'), 'app');
  assert.is(chartPathOf('other/templates/a.yaml', 'app'), 'app');
});

function chart(yaml: string, subs: Chart[] = []): Chart {
  return { metadata: parseChartYaml(yaml, 'Chart.yaml'), templates: [], values: {}, files: [], dependencies: subs };
}

test('subchart ordering from Chart.yaml: depends-on between dependencies, helm.sh/depends-on/subcharts for the chart itself', () => {
  const foo = chart(
    `apiVersion: v2
name: foo
version: 1.0.0
annotations:
  helm.sh/depends-on/subcharts: '["bar", "rabbitmq"]'
dependencies:
  - {name: nginx, version: 1.0.0}
  - {name: rabbitmq, version: 1.0.0}
  - {name: bar, version: 0.1.0, depends-on: [nginx, rabbitmq]}
`,
    [chart('apiVersion: v2\nname: nginx\nversion: 1.0.0\n'), chart('apiVersion: v2\nname: rabbitmq\nversion: 1.0.0\n'), chart('apiVersion: v2\nname: bar\nversion: 0.1.0\n')],
  );
  const order = subchartOrderOf(foo);
  assert.equal({ ...order }, { 'foo/charts/bar': ['foo/charts/nginx', 'foo/charts/rabbitmq'], foo: ['foo/charts/bar', 'foo/charts/rabbitmq'] });
  const items = [
    obj('ConfigMap', 'foo-cm', undefined, 'foo/templates/cm.yaml'),
    obj('ConfigMap', 'bar-cm', undefined, 'foo/charts/bar/templates/cm.yaml'),
    obj('ConfigMap', 'nginx-cm', undefined, 'foo/charts/nginx/templates/cm.yaml'),
    obj('ConfigMap', 'mq-cm', undefined, 'foo/charts/rabbitmq/templates/cm.yaml'),
  ];
  assert.equal(ids(sequence(items, 'foo', order)), [['ConfigMap/nginx-cm', 'ConfigMap/mq-cm'], ['ConfigMap/bar-cm'], ['ConfigMap/foo-cm']]);
  // A subchart's own groups are sequenced inside its step, and its steps keep their order.
  const grouped = [
    obj('Service', 'bar-db', { 'helm.sh/resource-group': 'db' }, 'foo/charts/bar/templates/db.yaml'),
    obj('Deployment', 'bar-app', { 'helm.sh/resource-group': 'app', 'helm.sh/depends-on/resource-groups': 'db' }, 'foo/charts/bar/templates/app.yaml'),
    obj('ConfigMap', 'foo-cm', undefined, 'foo/templates/cm.yaml'),
  ];
  assert.equal(ids(sequence(grouped, 'foo', order)), [['Service/bar-db'], ['Deployment/bar-app'], ['ConfigMap/foo-cm']]);
  // Without the recorded order, subcharts and parent go together.
  assert.equal(ids(sequence(items, 'foo', undefined)).length, 1);
});

test('subchart ordering errors name the Chart.yaml and the names', () => {
  const bad = chart(`apiVersion: v2
name: foo
version: 1.0.0
dependencies:
  - {name: a, version: 1.0.0, depends-on: [b]}
  - {name: b, version: 1.0.0, depends-on: [a]}
`);
  throws(() => subchartOrderOf(bad), /foo\/Chart\.yaml: the depends-on lists of its dependencies form a cycle: a -> b -> a/);
  const unknown = chart(`apiVersion: v2
name: foo
version: 1.0.0
annotations: {helm.sh/depends-on/subcharts: "a, nope"}
dependencies:
  - {name: a, version: 1.0.0, alias: first}
`);
  throws(() => subchartOrderOf(unknown), /foo\/Chart\.yaml: annotation helm\.sh\/depends-on\/subcharts names "nope", which is not a dependency of chart "foo"; its dependencies are: a, first/);
  const nested = chart('apiVersion: v2\nname: foo\nversion: 1.0.0\ndependencies: [{name: mid, version: 1.0.0}]\n', [
    chart('apiVersion: v2\nname: mid\nversion: 1.0.0\ndependencies: [{name: x, version: 1.0.0, depends-on: [y]}]\n'),
  ]);
  throws(() => subchartOrderOf(nested), /foo\/charts\/mid\/Chart\.yaml: dependency "x" depends-on "y", which is not a dependency of chart "mid"/);
  try {
    parseChartYaml('apiVersion: v2\nname: foo\nversion: 1.0.0\ndependencies: [{name: x, depends-on: y}]\n', 'foo/Chart.yaml');
    assert.unreachable('depends-on must be a list');
  } catch (err) {
    assert.match((err as Error).message, /foo\/Chart\.yaml:4:.*depends-on must be a list/);
  }
});

test('checkOrder reads only annotated documents and refuses what sequence refuses', () => {
  const docs = [
    { source: 'app/templates/a.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    helm.sh/resource-group: one\n    helm.sh/depends-on/resource-groups: two\n' },
    { source: 'app/templates/b.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n' },
  ];
  throws(() => checkOrder(docs, 'app', undefined), /ConfigMap a \(app\/templates\/a\.yaml\) depends on resource group "two"/);
  checkOrder(docs.slice(1), 'app', undefined);
});

test.run();
