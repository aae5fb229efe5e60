// topologySpreadConstraints on the bundled runtime's three nodes, labelled
// into zones a (two nodes) and b (one node): DoNotSchedule keeps the zones
// within maxSkew where least-allocated scoring alone would not, a key no node
// carries leaves the pod Pending with upstream's reason, and ScheduleAnyway
// never blocks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../../src/runtime/index.js';
import type { KubeObject } from '../../../src/apimachinery/types.js';
import { tempDir } from '../../support/cli.js';
import { until } from '../helpers.js';

let rt: Runtime;
let zoneOf: Map<string, string>;
const NODES = { group: '', version: 'v1', resource: 'nodes' };
const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
type Pod = KubeObject & { spec: { nodeName?: string }; status?: { conditions?: { type: string; reason?: string; message?: string }[] } };

test.before(async () => {
  rt = await startRuntime({ dataDir: join(tempDir('skiff-spread-'), 'data'), store: 'memory' });
  const names = (await rt.client.list(NODES)).items.map((n) => n.metadata.name!).sort();
  zoneOf = new Map(names.map((n, i) => [n, i < 2 ? 'a' : 'b']));
  for (const [n, zone] of zoneOf) await rt.client.patch({ ...NODES, name: n }, 'merge', { metadata: { labels: { 'topology.kubernetes.io/zone': zone } } });
});

test.after(async () => {
  await rt.stop();
});

const pod = (name: string, app: string, constraint: object) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app } },
  spec: { containers: [{ name: 'c', image: 'pause', resources: { requests: { cpu: '100m' } } }], topologySpreadConstraints: [{ labelSelector: { matchLabels: { app } }, ...constraint }] },
});
const bound = (name: string) => until(`${name} bound`, async () => (await rt.client.get<Pod>({ ...PODS, name })).spec.nodeName);

test('DoNotSchedule keeps the zones within maxSkew', async () => {
  const zone = { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' };
  for (let i = 0; i < 4; i++) await rt.client.create(PODS, pod(`z-${i}`, 'zoned', zone));
  const zones = await Promise.all([0, 1, 2, 3].map(async (i) => zoneOf.get(await bound(`z-${i}`))));
  assert.equal(zones.sort(), ['a', 'a', 'b', 'b']);
});

test('a topology key no node carries leaves the pod Pending; ScheduleAnyway does not', async () => {
  await rt.client.create(PODS, pod('rack', 'racked', { maxSkew: 1, topologyKey: 'example.com/rack', whenUnsatisfiable: 'DoNotSchedule' }));
  const c = await until('rack unschedulable', async () => (await rt.client.get<Pod>({ ...PODS, name: 'rack' })).status?.conditions?.find((x) => x.type === 'PodScheduled' && x.reason === 'Unschedulable'));
  assert.match(c.message ?? '', /^0\/3 nodes are available: 3 node\(s\) didn't match pod topology spread constraints \(missing required label\)\./);
  await rt.client.create(PODS, pod('anyway', 'racked', { maxSkew: 1, topologyKey: 'example.com/rack', whenUnsatisfiable: 'ScheduleAnyway' }));
  assert.ok(await bound('anyway'));
});

test.run();
