// Real Helm 3.17.3 and Helm 4.1.4 drive a chart in real charts' shapes
// through its whole life on the bundled cluster: install --wait, upgrade
// (twice, the second unchanged), rollback, test, uninstall — each leaving the
// release in the state Helm reports on any cluster — and skiff reads what they wrote.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { run, skiff, tempDir } from '../support/cli.js';
import { helm4Binary, helmBinary, helmHomeEnv } from '../support/helm.js';
import { writeShapesChart } from './shapes-chart.js';

let rt: Runtime;
let chart: string;
let home: string;

test.before(async () => {
  home = tempDir('skiff-helm-real-');
  rt = await startRuntime({ dataDir: join(home, 'data'), port: 0, store: 'memory' });
  chart = writeShapesChart(home);
});
test.after(async () => {
  await rt?.stop();
});

type Helm = { name: string; bin: () => string; wait: string[] };
const HELMS: Helm[] = [
  { name: 'helm3', bin: helmBinary, wait: ['--wait'] },
  { name: 'helm4', bin: helm4Binary, wait: ['--wait=watcher'] },
];

async function helm(h: Helm, args: string[]): Promise<string> {
  const r = await run(h.bin(), [...args, '--kubeconfig', rt.kubeconfigPath], { env: { ...helmHomeEnv(join(home, h.name)), HOME: home }, timeoutMs: 240_000 });
  if (r.code !== 0) throw new Error(`${h.name} ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function status(h: Helm, rel: string, ns: string): Promise<{ version: number; info: { status: string; description: string } }> {
  return JSON.parse(await helm(h, ['status', rel, '-n', ns, '-o', 'json']));
}

const get = (resource: string, ns: string | undefined, name: string, group = '', version = 'v1') =>
  rt.client.get<any>({ group, version, resource, namespace: ns, name });
const gone = (resource: string, ns: string | undefined, name: string, group = '', version = 'v1') =>
  get(resource, ns, name, group, version).then(() => false, (e) => e.code === 404);

for (const h of HELMS) {
  test(`${h.name}: install --wait, upgrade twice, rollback, test and uninstall the shapes chart`, async () => {
    const rel = `r-${h.name}`;
    const ns = h.name;
    await helm(h, ['install', rel, chart, '-n', ns, '--create-namespace', ...h.wait, '--timeout', '3m']);
    let s = await status(h, rel, ns);
    assert.equal([s.version, s.info.status], [1, 'deployed']);
    assert.is((await get('configmaps', ns, `${rel}-config`)).data.message, 'one');
    const svc = await get('services', ns, `${rel}-web`);
    assert.ok(svc.status.loadBalancer.ingress.length > 0, 'the LoadBalancer Service has an address');
    assert.is(svc.spec.ports.length, 1);
    assert.is((await get('persistentvolumeclaims', ns, `data-${rel}-db-0`)).status.phase, 'Bound');
    assert.ok((await get('apiservices', undefined, `v1beta1.${rel}.metrics.example.com`, 'apiregistration.k8s.io')).status.conditions.some((c: any) => c.type === 'Available' && c.status === 'True'));

    await helm(h, ['upgrade', rel, chart, '-n', ns, '--set', 'message=two', ...h.wait, '--timeout', '3m']);
    assert.is((await get('configmaps', ns, `${rel}-config`)).data.message, 'two');
    await helm(h, ['upgrade', rel, chart, '-n', ns, '--reuse-values', ...h.wait, '--timeout', '3m']);
    s = await status(h, rel, ns);
    assert.equal([s.version, s.info.status], [3, 'deployed']);
    const svc2 = await get('services', ns, `${rel}-web`);
    assert.is(svc2.spec.ports.length, 1, 'upgrades never duplicate a port without protocol');

    await helm(h, ['rollback', rel, '1', '-n', ns, ...(h.name === 'helm3' ? ['--wait'] : ['--wait=watcher']), '--timeout', '3m']);
    s = await status(h, rel, ns);
    assert.equal([s.version, s.info.status], [4, 'deployed']);
    assert.is((await get('configmaps', ns, `${rel}-config`)).data.message, 'one');

    const tested = await helm(h, ['test', rel, '-n', ns, '--timeout', '2m']);
    assert.match(tested, /Phase:\s+Succeeded/);

    const listed = await skiff(['list', '-n', ns, '-o', 'json', '--kubeconfig', rt.kubeconfigPath]);
    assert.is(listed.code, 0, listed.stderr);
    assert.equal(JSON.parse(listed.stdout).map((r: any) => [r.name, r.revision, r.status]), [[rel, '4', 'deployed']]);

    await helm(h, ['uninstall', rel, '-n', ns, '--wait', '--timeout', '2m']);
    const after = await run(h.bin(), ['status', rel, '-n', ns, '--kubeconfig', rt.kubeconfigPath], { env: { ...helmHomeEnv(join(home, h.name)), HOME: home } });
    assert.match(after.stderr, /release: not found/);
    assert.ok(await gone('configmaps', ns, `${rel}-config`));
    assert.ok(await gone('statefulsets', ns, `${rel}-db`, 'apps'));
    assert.ok(await gone('validatingwebhookconfigurations', undefined, `${rel}-validating`, 'admissionregistration.k8s.io'));
    assert.ok(await gone('runtimeclasses', undefined, `${rel}-gvisor`, 'node.k8s.io'));
  });
}

test('skiff: the same Go-template chart (with its library chart) through install --wait, upgrade, rollback, test and uninstall; Helm 4 takes a turn on the release', async () => {
  const rel = 'r-skiff';
  const ns = 'skiff';
  const sk = async (args: string[]) => {
    const r = await skiff([...args, '--kubeconfig', rt.kubeconfigPath], { timeoutMs: 240_000 });
    if (r.code !== 0) throw new Error(`skiff ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  await sk(['install', rel, chart, '-n', ns, '--create-namespace', '--wait', '--timeout', '3m']);
  const dep = await get('deployments', ns, `${rel}-web`, 'apps');
  assert.is(dep.metadata.labels['helm.sh/chart'], 'shapes-1.0.0', 'the library chart\'s helper rendered');
  assert.is(dep.metadata.labels['app.kubernetes.io/managed-by'], 'Helm');
  await sk(['upgrade', rel, chart, '-n', ns, '--set', 'message=two', '--wait', '--timeout', '3m']);
  assert.is((await get('configmaps', ns, `${rel}-config`)).data.message, 'two');
  // Helm 4 upgrades the release skiff installed, then skiff rolls back to its own revision.
  const h4 = HELMS[1]!;
  await helm(h4, ['upgrade', rel, chart, '-n', ns, '--set', 'message=three', '--wait=watcher', '--timeout', '3m']);
  const s3 = await status(h4, rel, ns);
  assert.equal([s3.version, s3.info.status], [3, 'deployed']);
  assert.is((await get('configmaps', ns, `${rel}-config`)).data.message, 'three');
  await sk(['rollback', rel, '1', '-n', ns, '--wait', '--timeout', '3m']);
  assert.is((await get('configmaps', ns, `${rel}-config`)).data.message, 'one');
  const s4 = await status(h4, rel, ns);
  assert.equal([s4.version, s4.info.status], [4, 'deployed'], 'Helm reads the rollback skiff recorded');
  const tested = await sk(['test', rel, '-n', ns]);
  assert.match(tested, /Succeeded/);
  await sk(['uninstall', rel, '-n', ns, '--wait']);
  assert.ok(await gone('configmaps', ns, `${rel}-config`));
  assert.ok(await gone('mutatingwebhookconfigurations', undefined, `${rel}-mutating`, 'admissionregistration.k8s.io'));
});

test.run();
