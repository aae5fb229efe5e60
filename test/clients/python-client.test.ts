// The official Python client (Debian's python3-kubernetes) against the
// bundled cluster: create, read, list, watch (its `watch=True` spelling),
// strategic and merge patches, delete with a DeleteOptions body, a
// server-side apply conflict read as kube-apiserver words it, and a
// Deployment rolled out by the controllers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { run, tempDir } from '../support/cli.js';

const PYTHON = '/usr/bin/python3';
let rt: Runtime;
let dir: string;

test.before(async () => {
  dir = tempDir('skiff-py-');
  rt = await startRuntime({ dataDir: join(dir, 'data'), port: 0, store: 'memory' });
});
test.after(async () => {
  await rt?.stop();
});

async function python(script: string): Promise<any> {
  const file = join(dir, 'script.py');
  writeFileSync(file, `import json, sys
from kubernetes import client, config, watch
config.load_kube_config(config_file=${JSON.stringify(rt.kubeconfigPath)})
core = client.CoreV1Api()
apps = client.AppsV1Api()
out = {}
${script}
print(json.dumps(out, default=str))
`);
  const r = await run(PYTHON, [file], { timeoutMs: 120_000 });
  if (r.code !== 0) throw new Error(`python exited ${r.code}:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

test('the Python client is installed (python3-kubernetes, from .ci/run)', () => {
  assert.ok(existsSync(PYTHON));
});

test('create, read, list with a label selector, strategic and merge patch, delete with a body', async () => {
  const out = await python(`
core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="py")))
cm = client.V1ConfigMap(metadata=client.V1ObjectMeta(name="settings", labels={"app": "py"}), data={"a": "1"})
core.create_namespaced_config_map("py", cm)
core.create_namespaced_config_map("py", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="other"), data={"x": "y"}))
out["read"] = core.read_namespaced_config_map("settings", "py").data
out["listed"] = [c.metadata.name for c in core.list_namespaced_config_map("py", label_selector="app=py").items]
core.patch_namespaced_config_map("settings", "py", {"data": {"b": "2"}})
out["patched"] = core.read_namespaced_config_map("settings", "py").data
core.api_client.set_default_header("Content-Type", "application/merge-patch+json")
core.patch_namespaced_config_map("settings", "py", {"metadata": {"annotations": {"note": "merged"}}})
core.api_client.default_headers.pop("Content-Type")
out["annotations"] = core.read_namespaced_config_map("settings", "py").metadata.annotations
status = core.delete_namespaced_config_map("other", "py", body=client.V1DeleteOptions(grace_period_seconds=0, propagation_policy="Background"))
out["deleted"] = status.status if hasattr(status, "status") else str(status)
try:
    core.read_namespaced_config_map("other", "py")
    out["gone"] = False
except client.exceptions.ApiException as e:
    out["gone"] = e.status
`);
  assert.equal(out.read, { a: '1' });
  assert.equal(out.listed, ['settings']);
  assert.equal(out.patched, { a: '1', b: '2' });
  assert.equal(out.annotations, { note: 'merged' });
  assert.is(out.gone, 404);
});

test('watch (watch=True on the wire) streams ADDED, MODIFIED and DELETED, and ends at its timeout', async () => {
  const out = await python(`
import threading, time
core.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name="pyw")))
rv = core.list_namespaced_config_map("pyw").metadata.resource_version
def writer():
    time.sleep(0.5)
    core.create_namespaced_config_map("pyw", client.V1ConfigMap(metadata=client.V1ObjectMeta(name="w"), data={"n": "1"}))
    core.patch_namespaced_config_map("w", "pyw", {"data": {"n": "2"}})
    core.delete_namespaced_config_map("w", "pyw")
threading.Thread(target=writer).start()
events = []
w = watch.Watch()
for ev in w.stream(core.list_namespaced_config_map, "pyw", resource_version=rv, timeout_seconds=5):
    if ev["object"].metadata.name == "kube-root-ca.crt":
        continue
    events.append([ev["type"], ev["object"].metadata.name, (ev["object"].data or {}).get("n")])
    if ev["type"] == "DELETED":
        w.stop()
out["events"] = events
`);
  assert.equal(out.events, [['ADDED', 'w', '1'], ['MODIFIED', 'w', '2'], ['DELETED', 'w', '2']]);
});

test('a server-side apply conflict is a 409 Status whose causes carry reason FieldManagerConflict, as kube-apiserver sends it', async () => {
  const out = await python(`
def apply(manager, color):
    body = json.dumps({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "owned", "namespace": "default"}, "data": {"color": color}})
    return core.api_client.call_api("/api/v1/namespaces/default/configmaps/owned", "PATCH",
        query_params=[("fieldManager", manager)], header_params={"Content-Type": "application/apply-patch+yaml", "Accept": "application/json"},
        body=body, _preload_content=False, auth_settings=["BearerToken"])
apply("one", "red")
try:
    apply("two", "blue")
    out["status"] = None
except client.exceptions.ApiException as e:
    out["code"] = e.status
    out["status"] = json.loads(e.body)
`);
  assert.is(out.code, 409);
  assert.is(out.status.reason, 'Conflict');
  assert.is(out.status.message, 'Apply failed with 1 conflict: conflict with "one" using v1: .data.color');
  assert.equal(out.status.details, { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "one" using v1', field: '.data.color' }] });
});

test('a Deployment created by the Python client rolls out', async () => {
  const out = await python(`
import time
dep = client.V1Deployment(
    metadata=client.V1ObjectMeta(name="web"),
    spec=client.V1DeploymentSpec(
        replicas=2,
        selector=client.V1LabelSelector(match_labels={"app": "web"}),
        template=client.V1PodTemplateSpec(
            metadata=client.V1ObjectMeta(labels={"app": "web"}),
            spec=client.V1PodSpec(containers=[client.V1Container(name="web", image="nginx", ports=[client.V1ContainerPort(container_port=80)])]))))
apps.create_namespaced_deployment("default", dep)
for _ in range(100):
    d = apps.read_namespaced_deployment_status("web", "default")
    if (d.status.ready_replicas or 0) == 2:
        break
    time.sleep(0.2)
out["ready"] = d.status.ready_replicas
out["pods"] = len(core.list_namespaced_pod("default", label_selector="app=web").items)
`);
  assert.is(out.ready, 2);
  assert.is(out.pods, 2);
});

test.run();
