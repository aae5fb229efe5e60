import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinGroupVersions, findResource, formatInvalidMessage, ServiceAllocator } from '../../../src/runtime/apiserver/registry/index.js';
import type { KubeObject } from '../../../src/apimachinery/types.js';

// The cluster-extension kinds charts install (webhooks, APIServices, CSI drivers, runtime classes).
const ctx = { now: () => new Date(), allocator: new ServiceAllocator() };

function check(group: string, plural: string, o: Record<string, unknown>): { obj: any; message: string } {
  const r = findResource(group, 'v1', plural)!;
  const obj = structuredClone(o) as unknown as KubeObject;
  r.defaults?.(obj, ctx);
  const errs = r.validate!(obj, undefined, ctx);
  return { obj, message: errs.length ? formatInvalidMessage(group, r.kind, obj.metadata.name ?? '', errs) : '' };
}

const webhook = (over: Record<string, unknown> = {}) => ({
  metadata: { name: 'cert-manager-webhook' },
  webhooks: [{
    name: 'webhook.cert-manager.io', sideEffects: 'None', admissionReviewVersions: ['v1'],
    clientConfig: { service: { name: 'cert-manager-webhook', namespace: 'cert-manager', path: '/validate' } },
    rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: ['cert-manager.io'], apiVersions: ['v1'], resources: ['*/*'] }],
    ...over,
  }],
});

test('webhook configurations: defaults and validation', () => {
  const v = check('admissionregistration.k8s.io', 'validatingwebhookconfigurations', webhook());
  assert.is(v.message, '');
  const w = v.obj.webhooks[0];
  assert.equal([w.failurePolicy, w.matchPolicy, w.namespaceSelector, w.objectSelector, w.timeoutSeconds, w.clientConfig.service.port, w.rules[0].scope], ['Fail', 'Equivalent', {}, {}, 10, 443, '*']);
  assert.is(w.reinvocationPolicy, undefined);
  assert.is(check('admissionregistration.k8s.io', 'mutatingwebhookconfigurations', webhook()).obj.webhooks[0].reinvocationPolicy, 'Never');
  const bad = check('admissionregistration.k8s.io', 'validatingwebhookconfigurations', webhook({ name: 'hook', sideEffects: 'Some', admissionReviewVersions: [], clientConfig: {} }));
  assert.match(bad.message, 'webhooks[0].name: Invalid value: "hook": should be a domain with at least three segments separated by dots');
  assert.match(bad.message, 'webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"');
  assert.match(bad.message, 'webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1');
  assert.match(bad.message, 'webhooks[0].clientConfig: Required value: exactly one of url or service is required');
  assert.equal(findResource('admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations')!.row!(v.obj, new Date()), ['cert-manager-webhook', 1, '<unknown>']);
});

test('APIService: name must be version.group; printed Local or service, with availability', () => {
  const svc = { metadata: { name: 'v1beta1.metrics.k8s.io' }, spec: { group: 'metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100, insecureSkipTLSVerify: true, service: { name: 'metrics-server', namespace: 'kube-system' } } };
  const ok = check('apiregistration.k8s.io', 'apiservices', svc);
  assert.is(ok.message, '');
  assert.is(ok.obj.spec.service.port, 443);
  assert.match(check('apiregistration.k8s.io', 'apiservices', { ...svc, metadata: { name: 'metrics' } }).message, 'metadata.name: Invalid value: "metrics": must be v1beta1.metrics.k8s.io');
  const row = findResource('apiregistration.k8s.io', 'v1', 'apiservices')!.row!(
    { ...svc, status: { conditions: [{ type: 'Available', status: 'False', reason: 'MissingEndpoints' }] } } as unknown as KubeObject,
    new Date(),
  );
  assert.equal(row.slice(0, 3), ['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (MissingEndpoints)']);
});

test('CSIDriver defaults, RuntimeClass handler, CSR short name and groups in discovery order', () => {
  const d = check('storage.k8s.io', 'csidrivers', { metadata: { name: 'ebs.csi.aws.com' }, spec: {} });
  assert.equal([d.obj.spec.attachRequired, d.obj.spec.podInfoOnMount, d.obj.spec.volumeLifecycleModes], [true, false, ['Persistent']]);
  assert.match(check('node.k8s.io', 'runtimeclasses', { metadata: { name: 'gvisor' } }).message, 'handler: Required value');
  assert.equal(findResource('certificates.k8s.io', 'v1', 'certificatesigningrequests')!.shortNames, ['csr']);
  const groups = builtinGroupVersions().map((g) => g.group);
  assert.equal(groups.slice(0, 3), ['', 'apiregistration.k8s.io', 'apps']);
  assert.ok(groups.indexOf('admissionregistration.k8s.io') < groups.indexOf('apiextensions.k8s.io'));
});

test.run();
