import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findResource, formatInvalidMessage, ServiceAllocator } from '../../../src/runtime/apiserver/registry/index.js';
import type { FieldError } from '../../../src/runtime/apiserver/registry/index.js';
import type { KubeObject } from '../../../src/apimachinery/types.js';

const ctx = { now: () => new Date(), allocator: new ServiceAllocator() };

/** Defaults (and, on create, prepares) then validates like the pipeline does, returning the kube-apiserver style Status message. */
function check(group: string, version: string, plural: string, o: Record<string, unknown>, old?: Record<string, unknown>): string {
  const r = findResource(group, version, plural)!;
  const obj = structuredClone(o) as unknown as KubeObject;
  let prev: KubeObject | undefined;
  if (old) {
    prev = structuredClone(old) as unknown as KubeObject;
    r.defaults?.(prev, ctx);
    r.prepareForCreate?.(prev, ctx);
  }
  r.defaults?.(obj, ctx, prev);
  if (!prev) r.prepareForCreate?.(obj, ctx);
  const errs: FieldError[] = r.validate!(obj, prev, ctx);
  return errs.length ? formatInvalidMessage(group, r.kind, obj.metadata?.name ?? '', errs) : '';
}

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

function deployment(overrides: { name?: string; spec?: Record<string, unknown>; labels?: Record<string, string> } = {}): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: overrides.name ?? 'web', namespace: 'default', ...(overrides.labels ? { labels: overrides.labels } : {}) },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      ...overrides.spec,
    },
  };
}

test('a valid Deployment has no errors', () => {
  assert.is(check('apps', 'v1', 'deployments', deployment()), '');
});

test('required container image, with the Status message kube-apiserver returns', () => {
  const d = deployment({ spec: { template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web' }] } } } });
  assert.is(check('apps', 'v1', 'deployments', d), 'Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value');
});

test('object names: subdomain, label, DNS-1035 and generateName', () => {
  assert.is(check('apps', 'v1', 'deployments', deployment({ name: 'Web_1' })), `Deployment.apps "Web_1" is invalid: metadata.name: Invalid value: "Web_1": ${SUBDOMAIN_MSG}`);
  assert.is(
    check('', 'v1', 'namespaces', { metadata: { name: 'a.b' } }),
    `Namespace "a.b" is invalid: metadata.name: Invalid value: "a.b": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
  );
  assert.is(
    check('', 'v1', 'services', { metadata: { name: '1web', namespace: 'd' }, spec: { ports: [{ port: 80 }] } }),
    `Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
  );
  const long = 'a'.repeat(254);
  assert.match(check('', 'v1', 'configmaps', { metadata: { name: long, namespace: 'd' } }), `metadata.name: Invalid value: "${long}": must be no more than 253 characters`);
  assert.is(check('', 'v1', 'configmaps', { metadata: { namespace: 'd' } }), 'ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
  assert.is(check('', 'v1', 'configmaps', { metadata: { name: 'cfg-x2b9q', generateName: 'cfg-', namespace: 'd' } }), '');
  assert.match(check('', 'v1', 'configmaps', { metadata: { name: 'x', generateName: 'Cfg-', namespace: 'd' } }), 'metadata.generateName: Invalid value: "Cfg-": a lowercase RFC 1123 subdomain');
  assert.match(check('rbac.authorization.k8s.io', 'v1', 'roles', { metadata: { name: 'a/b', namespace: 'd' }, rules: [] }), `metadata.name: Invalid value: "a/b": may not contain '/'`);
  assert.is(check('rbac.authorization.k8s.io', 'v1', 'clusterroles', { metadata: { name: 'system:aggregate-to-edit' }, rules: [] }), '');
});

test('owner references name the list in their errors', () => {
  const cm = (refs: unknown[]) => ({ metadata: { name: 'c', namespace: 'd', ownerReferences: refs } });
  assert.is(check('', 'v1', 'configmaps', cm([{ apiVersion: 'v1', kind: 'Pod', name: 'p' }])), 'ConfigMap "c" is invalid: metadata.ownerReferences.uid: Invalid value: "": uid must not be empty');
  const two = [
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'a', uid: '1', controller: true },
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'b', uid: '2', controller: true },
  ];
  assert.match(check('', 'v1', 'configmaps', cm(two)), 'Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and ReplicaSet/b');
});

test('labels and annotations', () => {
  assert.is(
    check('apps', 'v1', 'deployments', deployment({ labels: { app: 'bad value' } })),
    `Deployment.apps "web" is invalid: metadata.labels: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
  );
  assert.match(
    check('apps', 'v1', 'deployments', deployment({ labels: { 'a/b/c': 'x' } })),
    `metadata.labels: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
  );
  const big = { metadata: { name: 'c', namespace: 'd', annotations: { a: 'x'.repeat(262144) } } };
  assert.is(check('', 'v1', 'configmaps', big), 'ConfigMap "c" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes');
});

test('selectors: required, empty, mismatched with the template, immutable', () => {
  const noSel = deployment();
  delete (noSel.spec as Record<string, unknown>).selector;
  assert.is(check('apps', 'v1', 'deployments', noSel), 'Deployment.apps "web" is invalid: spec.selector: Required value');
  const bare = deployment({ spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx' }] } } } });
  assert.match(check('apps', 'v1', 'deployments', bare), 'spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`');
  assert.match(
    check('apps', 'v1', 'deployments', deployment({ spec: { selector: {} } })),
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
  );
  assert.match(
    check('apps', 'v1', 'deployments', deployment({ spec: { selector: { matchLabels: { app: 'other' } } } })),
    'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
  );
  const changed = deployment({ spec: { selector: { matchLabels: { app: 'web2' } }, template: { metadata: { labels: { app: 'web2' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } });
  assert.is(
    check('apps', 'v1', 'deployments', changed, deployment()),
    'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  );
});

test('each controller words its own selector and template rules', () => {
  const sts = { metadata: { name: 'db', namespace: 'd' }, spec: { selector: {}, template: { metadata: { labels: { a: 'b' } }, spec: { activeDeadlineSeconds: 5, containers: [{ name: 'c', image: 'x' }] } } } };
  const m = check('apps', 'v1', 'statefulsets', sts);
  assert.match(m, 'empty selector is invalid for statefulset');
  assert.match(m, 'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported');
  const ds = check('apps', 'v1', 'daemonsets', { ...sts, metadata: { name: 'agent', namespace: 'd' } });
  assert.match(ds, 'empty selector is invalid for daemonset');
  assert.match(ds, 'spec.template.spec.activeDeadlineSeconds: Invalid value: 5: activeDeadlineSeconds must be nil for daemons');
  assert.match(check('apps', 'v1', 'replicasets', { ...sts, metadata: { name: 'rs', namespace: 'd' } }), 'activeDeadlineSeconds in ReplicaSet is not Supported');
});

test('numbers, enums and several errors at once', () => {
  assert.match(check('apps', 'v1', 'deployments', deployment({ spec: { replicas: -1 } })), 'spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  assert.match(
    check('apps', 'v1', 'deployments', deployment({ spec: { strategy: { type: 'Blue' } } })),
    'spec.strategy.type: Unsupported value: "Blue": supported values: "Recreate", "RollingUpdate"',
  );
  assert.match(
    check('apps', 'v1', 'deployments', deployment({ spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } } })),
    'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
  );
  const two = deployment({ spec: { replicas: -2, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'Web', image: 'x' }] } } } });
  const msg = check('apps', 'v1', 'deployments', two);
  assert.ok(msg.startsWith('Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -2: must be greater than or equal to 0, '), msg);
  assert.match(msg, 'spec.template.spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 label');
  const pod = { metadata: { name: 'p', namespace: 'd' }, spec: { restartPolicy: 'Sometimes', containers: [{ name: 'c', image: 'x', imagePullPolicy: 'Maybe', ports: [{ containerPort: 70000, protocol: 'HTTP' }] }] } };
  const pm = check('', 'v1', 'pods', pod);
  assert.match(pm, 'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"');
  assert.match(pm, 'spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"');
  assert.match(pm, 'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
  assert.match(pm, 'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"');
});

test('pod containers: duplicates, volume mounts, resources', () => {
  const pod = {
    metadata: { name: 'p', namespace: 'd' },
    spec: {
      containers: [
        { name: 'c', image: 'x', volumeMounts: [{ name: 'data', mountPath: '/data' }], resources: { limits: { cpu: '1' }, requests: { cpu: '2', memory: 'lots' } } },
        { name: 'c', image: 'y' },
      ],
    },
  };
  const m = check('', 'v1', 'pods', pod);
  assert.match(m, 'spec.containers[1].name: Duplicate value: "c"');
  assert.match(m, 'spec.containers[0].volumeMounts[0].name: Not found: "data"');
  assert.match(m, `spec.containers[0].resources.requests[memory]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
  assert.match(m, 'spec.containers[0].resources.requests[cpu]: Invalid value: "2": must be less than or equal to cpu limit of 1');
  assert.match(check('', 'v1', 'pods', { metadata: { name: 'p', namespace: 'd' }, spec: {} }), 'spec.containers: Required value');
  const spread = check('', 'v1', 'pods', {
    metadata: { name: 'p', namespace: 'd' },
    spec: { securityContext: { runAsUser: -1 }, topologySpreadConstraints: [{ maxSkew: 0, topologyKey: '', whenUnsatisfiable: 'Maybe' }], containers: [{ name: 'c', image: 'x' }] },
  });
  assert.match(spread, 'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero');
  assert.match(spread, 'spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty');
  assert.match(spread, 'spec.topologySpreadConstraints[0].whenUnsatisfiable: Unsupported value: "Maybe": supported values: "DoNotSchedule", "ScheduleAnyway"');
  assert.match(spread, 'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive');
});

test('pod updates may only change images and a few fields', () => {
  const pods = findResource('', 'v1', 'pods')!;
  const stored = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'd' }, spec: { containers: [{ name: 'c', image: 'x:1' }] } } as any;
  pods.defaults!(stored, ctx);
  const img = structuredClone(stored);
  img.spec.containers[0].image = 'x:2';
  assert.is(check('', 'v1', 'pods', img, stored), '');
  const env = structuredClone(stored);
  env.spec.containers[0].env = [{ name: 'A', value: '1' }];
  assert.is(
    check('', 'v1', 'pods', env, stored),
    'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
  );
});

test('Job and CronJob rules', () => {
  const job = (rp?: string) => ({ metadata: { name: 'pi', namespace: 'd', uid: 'u' }, spec: { template: { spec: { ...(rp ? { restartPolicy: rp } : {}), containers: [{ name: 'pi', image: 'perl' }] } } } });
  assert.is(
    check('batch', 'v1', 'jobs', job()),
    'Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
  );
  assert.is(check('batch', 'v1', 'jobs', job('Never')), '');
  const own = { ...job('Never'), spec: { ...job('Never').spec, selector: { matchLabels: { app: 'pi' } } } };
  assert.match(
    check('batch', 'v1', 'jobs', own),
    'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"pi", "batch.kubernetes.io/controller-uid":"u"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
  );
  const stored = structuredClone(job('Never')) as any;
  findResource('batch', 'v1', 'jobs')!.defaults!(stored, ctx);
  const edited = structuredClone(stored);
  edited.spec.template.spec.containers[0].image = 'perl:2';
  assert.match(check('batch', 'v1', 'jobs', edited, stored), 'spec.template: Invalid value:');
  assert.match(check('batch', 'v1', 'jobs', edited, stored), ': field is immutable');
  const cj = (schedule: string) => ({ metadata: { name: 'c', namespace: 'd' }, spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'x' }] } } } } } });
  assert.is(check('batch', 'v1', 'cronjobs', cj('*/5 * * * *')), '');
  assert.is(check('batch', 'v1', 'cronjobs', cj('@hourly')), '');
  assert.is(check('batch', 'v1', 'cronjobs', cj('bad')), 'CronJob.batch "c" is invalid: spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]');
  assert.match(check('batch', 'v1', 'cronjobs', cj('61 * * * *')), 'spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
  assert.match(check('batch', 'v1', 'cronjobs', cj('')), 'spec.schedule: Required value');
});

test('Service rules', () => {
  assert.is(check('', 'v1', 'services', { metadata: { name: 's', namespace: 'd' }, spec: {} }), 'Service "s" is invalid: spec.ports: Required value');
  assert.match(
    check('', 'v1', 'services', { metadata: { name: 's', namespace: 'd' }, spec: { ports: [{ port: 80 }, { port: 81 }] } }),
    'spec.ports[0].name: Required value',
  );
  assert.match(
    check('', 'v1', 'services', { metadata: { name: 's', namespace: 'd' }, spec: { type: 'Magic', ports: [{ port: 80 }] } }),
    'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
  );
  const old = { metadata: { name: 's', namespace: 'd' }, spec: { clusterIP: '10.96.5.5', ports: [{ port: 80 }] } };
  const moved = { metadata: { name: 's', namespace: 'd' }, spec: { clusterIP: '10.96.5.6', clusterIPs: ['10.96.5.6'], ports: [{ port: 80 }] } };
  assert.match(check('', 'v1', 'services', moved, old), 'spec.clusterIPs[0]: Invalid value: []string{"10.96.5.6"}: may not change once set');
});

test('ConfigMap and Secret keys, immutability, base64, typed secrets', () => {
  assert.is(
    check('', 'v1', 'configmaps', { metadata: { name: 'c', namespace: 'd' }, data: { 'a b': '1' } }),
    `ConfigMap "c" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
  );
  const frozen = { metadata: { name: 'c', namespace: 'd' }, immutable: true, data: { a: '1' } };
  assert.is(check('', 'v1', 'configmaps', { ...frozen, data: { a: '2' } }, frozen), 'ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set');
  assert.match(check('', 'v1', 'secrets', { metadata: { name: 's', namespace: 'd' }, data: { k: 'not base64!' } }), 'data[k]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 3');
  assert.is(check('', 'v1', 'secrets', { metadata: { name: 's', namespace: 'd' }, data: { k: 'aGVsbG8=' } }), '');
  assert.is(
    check('', 'v1', 'secrets', { metadata: { name: 't', namespace: 'd' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==' } }),
    'Secret "t" is invalid: data[tls.key]: Required value',
  );
  const s = { metadata: { name: 's', namespace: 'd' }, type: 'Opaque' };
  assert.is(check('', 'v1', 'secrets', { ...s, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } }, s), 'Secret "s" is invalid: type: Invalid value: "kubernetes.io/tls": field is immutable');
});

test('PVC spec is immutable except storage requests', () => {
  const pvc = (storage: string, modes = ['ReadWriteOnce']) => ({ metadata: { name: 'p', namespace: 'd' }, spec: { accessModes: modes, resources: { requests: { storage } } } });
  assert.is(check('', 'v1', 'persistentvolumeclaims', pvc('1Gi')), '');
  assert.is(check('', 'v1', 'persistentvolumeclaims', pvc('2Gi'), pvc('1Gi')), '');
  assert.match(check('', 'v1', 'persistentvolumeclaims', pvc('1Gi', ['ReadWriteMany']), pvc('1Gi')), 'spec: Forbidden: spec is immutable after creation except resources.requests');
  assert.match(check('', 'v1', 'persistentvolumeclaims', { metadata: { name: 'p', namespace: 'd' }, spec: {} }), 'spec.accessModes: Required value: at least 1 access mode is required');
  assert.match(check('', 'v1', 'persistentvolumeclaims', { metadata: { name: 'p', namespace: 'd' }, spec: {} }), 'spec.resources[storage]: Required value');
});

test('RBAC rules and bindings', () => {
  assert.is(
    check('rbac.authorization.k8s.io', 'v1', 'roles', { metadata: { name: 'r', namespace: 'd' }, rules: [{ apiGroups: [''], resources: ['pods'] }] }),
    'Role.rbac.authorization.k8s.io "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
  );
  assert.match(
    check('rbac.authorization.k8s.io', 'v1', 'roles', { metadata: { name: 'r', namespace: 'd' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] }),
    'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
  );
  const rb = (role: string) => ({ metadata: { name: 'b', namespace: 'd' }, roleRef: { kind: 'Role', name: role }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'd' }] });
  assert.is(check('rbac.authorization.k8s.io', 'v1', 'rolebindings', rb('a')), '');
  assert.is(
    check('rbac.authorization.k8s.io', 'v1', 'rolebindings', rb('b'), rb('a')),
    'RoleBinding.rbac.authorization.k8s.io "b" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"b"}: cannot change roleRef',
  );
  assert.match(
    check('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', { metadata: { name: 'b' }, roleRef: { kind: 'Role', name: 'x' }, subjects: [] }),
    'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
  );
});

test('CRDs: name, group, storage version, schema', () => {
  const crd = (over: Record<string, unknown> = {}) => ({
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
      ...over,
    },
  });
  assert.is(check('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', crd()), '');
  assert.match(
    check('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', { ...crd(), metadata: { name: 'widgets' } }),
    'metadata.name: Invalid value: "widgets": must be spec.names.plural+"."+spec.group',
  );
  assert.match(
    check('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', crd({ versions: [{ name: 'v1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object' } } }] })),
    'must have exactly one version marked as storage version',
  );
  assert.match(
    check('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', crd({ versions: [{ name: 'v1', served: true, storage: true }] })),
    'spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required',
  );
  assert.match(check('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', { ...crd({ group: 'example' }), metadata: { name: 'widgets.example' } }), 'spec.group: Invalid value: "example": should be a domain with at least one dot');
});

test('other kinds: StorageClass, PriorityClass, HPA, PDB, Ingress, Lease', () => {
  const sc = { metadata: { name: 'fast' }, provisioner: 'a.io/b' };
  assert.is(check('storage.k8s.io', 'v1', 'storageclasses', { ...sc, provisioner: 'c.io/d' }, sc), 'StorageClass.storage.k8s.io "fast" is invalid: provisioner: Forbidden: updates to provisioner are forbidden.');
  assert.match(check('scheduling.k8s.io', 'v1', 'priorityclasses', { metadata: { name: 'big' }, value: 2000000000 }), 'value: Forbidden: maximum allowed value of a user defined priority is 1000000000');
  assert.match(
    check('autoscaling', 'v2', 'horizontalpodautoscalers', { metadata: { name: 'h', namespace: 'd' }, spec: { minReplicas: 3, maxReplicas: 2, scaleTargetRef: { kind: 'Deployment', name: 'web' } } }),
    'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
  );
  assert.match(
    check('policy', 'v1', 'poddisruptionbudgets', { metadata: { name: 'p', namespace: 'd' }, spec: { minAvailable: '150%' } }),
    'spec.minAvailable: Invalid value: "150%": must not be greater than 100%',
  );
  assert.match(
    check('networking.k8s.io', 'v1', 'ingresses', { metadata: { name: 'i', namespace: 'd' }, spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } }),
    'spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
  );
  assert.match(check('coordination.k8s.io', 'v1', 'leases', { metadata: { name: 'l', namespace: 'd' }, spec: { leaseDurationSeconds: 0 } }), 'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0');
});

test.run();
