// The scheduler's scores end to end on the bundled runtime's three nodes:
// preferred node affinity draws a pod to the node it prefers, and
// PreferNoSchedule taints push a pod that does not tolerate them elsewhere.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../../src/runtime/index.js';
import type { KubeObject } from '../../../src/apimachinery/types.js';
import { tempDir } from '../../support/cli.js';
import { until } from '../helpers.js';

let rt: Runtime;
let nodes: string[];
const NODES = { group: '', version: 'v1', resource: 'nodes' };
const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
type Pod = KubeObject & { spec: { nodeName?: string } };

test.before(async () => {
  rt = await startRuntime({ dataDir: join(tempDir('skiff-score-'), 'data'), store: 'memory' });
  nodes = (await rt.client.list(NODES)).items.map((n) => n.metadata.name!).sort();
  assert.is(nodes.length, 3);
});

test.after(async () => {
  await rt.stop();
});

async function placed(name: string, spec: object): Promise<string> {
  await rt.client.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'pause' }], ...spec } });
  return until(`${name} bound`, async () => (await rt.client.get<Pod>({ ...PODS, name })).spec.nodeName);
}

test('preferred node affinity wins over a spread of equally free nodes', async () => {
  await rt.client.patch({ ...NODES, name: nodes[1]! }, 'merge', { metadata: { labels: { zone: 'b' } } });
  const affinity = { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] } }] } };
  for (let i = 0; i < 3; i++) assert.is(await placed(`pref-${i}`, { affinity }), nodes[1], `pod ${i}`);
});

test('PreferNoSchedule taints steer an intolerant pod to the untainted node', async () => {
  for (const n of [nodes[0]!, nodes[1]!]) await rt.client.patch({ ...NODES, name: n }, 'merge', { spec: { taints: [{ key: 'busy', value: 'yes', effect: 'PreferNoSchedule' }] } });
  for (let i = 0; i < 3; i++) assert.is(await placed(`soft-${i}`, {}), nodes[2], `pod ${i}`);
  // A pod that tolerates the taint is free to go anywhere; it is still placed.
  assert.ok(nodes.includes(await placed('tolerant', { tolerations: [{ key: 'busy', operator: 'Exists' }] })));
});

test.run();
