import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { builtinResources, builtinGroupVersions, findKind, findResource } from '../../../src/runtime/apiserver/registry/index.js';

const key = (g: string, p: string): string => (g === '' ? p : `${p}.${g}`);

test('short names are upstream\'s', () => {
  const want: Record<string, string[]> = {
    pods: ['po'], services: ['svc'], 'deployments.apps': ['deploy'], 'replicasets.apps': ['rs'], 'statefulsets.apps': ['sts'],
    'daemonsets.apps': ['ds'], configmaps: ['cm'], namespaces: ['ns'], nodes: ['no'], serviceaccounts: ['sa'], endpoints: ['ep'],
    events: ['ev'], 'events.events.k8s.io': ['ev'], persistentvolumes: ['pv'], persistentvolumeclaims: ['pvc'], resourcequotas: ['quota'],
    limitranges: ['limits'], replicationcontrollers: ['rc'], 'ingresses.networking.k8s.io': ['ing'], 'networkpolicies.networking.k8s.io': ['netpol'],
    'poddisruptionbudgets.policy': ['pdb'], 'horizontalpodautoscalers.autoscaling': ['hpa'], 'cronjobs.batch': ['cj'],
    'customresourcedefinitions.apiextensions.k8s.io': ['crd', 'crds'], 'priorityclasses.scheduling.k8s.io': ['pc'],
    'storageclasses.storage.k8s.io': ['sc'], componentstatuses: ['cs'],
  };
  for (const [k, names] of Object.entries(want)) {
    const r = builtinResources().find((x) => key(x.group, x.plural) === k);
    assert.ok(r, `missing ${k}`);
    assert.equal(r!.shortNames, names, k);
  }
  for (const p of ['secrets', 'jobs.batch', 'roles.rbac.authorization.k8s.io', 'leases.coordination.k8s.io', 'endpointslices.discovery.k8s.io']) {
    const r = builtinResources().find((x) => key(x.group, x.plural) === p);
    assert.is(r?.shortNames, undefined, p);
  }
});

test('category "all" is on exactly the kinds `kubectl get all` lists', () => {
  const all = new Set(builtinResources().filter((r) => r.categories?.includes('all')).map((r) => key(r.group, r.plural)));
  assert.equal(
    [...all].sort(),
    [
      'cronjobs.batch', 'daemonsets.apps', 'deployments.apps', 'horizontalpodautoscalers.autoscaling', 'jobs.batch', 'pods',
      'replicasets.apps', 'replicationcontrollers', 'services', 'statefulsets.apps',
    ],
  );
  assert.equal(findResource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions')?.categories, ['api-extensions']);
});

test('scope, verbs and subresources', () => {
  assert.is(findResource('', 'v1', 'namespaces')!.namespaced, false);
  assert.not.ok(findResource('', 'v1', 'namespaces')!.verbs.includes('deletecollection'));
  assert.is(findResource('', 'v1', 'pods')!.namespaced, true);
  assert.equal(findResource('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews')!.verbs, ['create']);
  assert.equal(findResource('authentication.k8s.io', 'v1', 'tokenreviews')!.verbs, ['create']);
  assert.equal(findResource('', 'v1', 'bindings')!.verbs, ['create']);
  const pod = findResource('', 'v1', 'pods')!;
  const eviction = pod.subresources!.find((s) => s.name === 'eviction')!;
  assert.equal([eviction.group, eviction.version, eviction.kind, eviction.verbs], ['policy', 'v1', 'Eviction', ['create']]);
  assert.equal(pod.subresources!.find((s) => s.name === 'binding')!.kind, 'Binding');
  for (const [g, p] of [['apps', 'deployments'], ['apps', 'replicasets'], ['apps', 'statefulsets'], ['', 'replicationcontrollers']]) {
    const scale = findResource(g!, 'v1', p!)!.subresources!.find((s) => s.name === 'scale')!;
    assert.equal([scale.group, scale.version, scale.kind], ['autoscaling', 'v1', 'Scale'], p);
  }
  assert.not.ok(findResource('apps', 'v1', 'daemonsets')!.subresources!.some((s) => s.name === 'scale'));
  assert.ok(findResource('', 'v1', 'namespaces')!.subresources!.some((s) => s.name === 'finalize'));
  assert.equal(findResource('', 'v1', 'serviceaccounts')!.subresources!.find((s) => s.name === 'token')!.kind, 'TokenRequest');
});

test('every resource is well formed and unique', () => {
  const seen = new Set<string>();
  for (const r of builtinResources()) {
    const id = `${r.group}/${r.version}/${r.plural}`;
    assert.not.ok(seen.has(id), id);
    seen.add(id);
    assert.is(r.listKind, `${r.kind}List`, id);
    assert.is(r.plural, r.plural.toLowerCase(), id);
    if (r.columns) {
      assert.ok(r.row, `${id} has columns but no row`);
    }
    if (r.hasStatus) assert.ok(r.subresources?.some((s) => s.name === 'status'), `${id} status subresource`);
  }
  assert.is(findKind('apps', 'v1', 'Deployment')!.plural, 'deployments');
  assert.is(findKind('', 'v1', 'Endpoints')!.singular, 'endpoints');
});

test('autoscaling serves v2 first (preferred) and v1', () => {
  const g = builtinGroupVersions().find((x) => x.group === 'autoscaling')!;
  assert.equal(g.versions, ['v2', 'v1']);
  assert.is(builtinGroupVersions()[0]!.group, '');
  const v1 = findResource('autoscaling', 'v1', 'horizontalpodautoscalers')!;
  const v2obj = v1.convert!(
    { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { maxReplicas: 3, targetCPUUtilizationPercentage: 50 } },
    'v2',
  ) as any;
  assert.equal(v2obj.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
  const back = v1.convert!(v2obj, 'v1') as any;
  assert.is(back.spec.targetCPUUtilizationPercentage, 50);
  assert.is(back.apiVersion, 'autoscaling/v1');
});

test('core/v1 facts match a real kube-apiserver\'s /api/v1 (name, singular, scope, verbs, short names, categories, hash)', () => {
  const ALL = 'create,delete,deletecollection,get,list,patch,update,watch';
  // [plural, singular, namespaced, verbs, shortNames, categories, storageVersionHash]
  const want: [string, string, boolean, string, string, string, string][] = [
    ['bindings', 'binding', true, 'create', '', '', ''],
    ['componentstatuses', 'componentstatus', false, 'get,list', 'cs', '', ''],
    ['configmaps', 'configmap', true, ALL, 'cm', '', 'qFsyl6wFWjQ='],
    ['endpoints', 'endpoints', true, ALL, 'ep', '', 'fWeeMqaN/OA='],
    ['events', 'event', true, ALL, 'ev', '', 'r2yiGXH7wu8='],
    ['limitranges', 'limitrange', true, ALL, 'limits', '', 'EBKMFVe6cwo='],
    ['namespaces', 'namespace', false, 'create,delete,get,list,patch,update,watch', 'ns', '', 'Q3oi5N2YM8M='],
    ['nodes', 'node', false, ALL, 'no', '', 'XwShjMxG9Fs='],
    ['persistentvolumeclaims', 'persistentvolumeclaim', true, ALL, 'pvc', '', 'QWTyNDq0dC4='],
    ['persistentvolumes', 'persistentvolume', false, ALL, 'pv', '', 'HN/zwEC+JgM='],
    ['pods', 'pod', true, ALL, 'po', 'all', 'xPOwRZ+Yhw8='],
    ['podtemplates', 'podtemplate', true, ALL, '', '', 'LIXB2x4IFpk='],
    ['replicationcontrollers', 'replicationcontroller', true, ALL, 'rc', 'all', 'Jond2If31h0='],
    ['resourcequotas', 'resourcequota', true, ALL, 'quota', '', '8uhSgffRX6w='],
    ['secrets', 'secret', true, ALL, '', '', 'S6u1pOWzb84='],
    ['serviceaccounts', 'serviceaccount', true, ALL, 'sa', '', 'pbx9ZvyFpBE='],
    ['services', 'service', true, ALL, 'svc', 'all', '0/CO1lhkEBI='],
  ];
  const got = builtinResources()
    .filter((r) => r.group === '')
    .map((r) => [r.plural, r.singular, r.namespaced, r.verbs.join(','), (r.shortNames ?? []).join(','), (r.categories ?? []).join(','), r.storageVersionHash ?? '']);
  assert.equal(got, want);
  const subs = (p: string) => findResource('', 'v1', p)!.subresources!.map((s) => `${s.name}:${s.kind}:${s.verbs.join(',')}`).sort();
  assert.equal(subs('namespaces'), ['finalize:Namespace:update', 'status:Namespace:get,patch,update']);
  assert.equal(subs('pods'), [
    'attach:PodAttachOptions:create,get',
    'binding:Binding:create',
    'ephemeralcontainers:Pod:get,patch,update',
    'eviction:Eviction:create',
    'exec:PodExecOptions:create,get',
    'log:Pod:get',
    'portforward:PodPortForwardOptions:create,get',
    'status:Pod:get,patch,update',
  ]);
  assert.equal(subs('replicationcontrollers'), ['scale:Scale:get,patch,update', 'status:ReplicationController:get,patch,update']);
});

test('other groups\' facts match a real kube-apiserver\'s discovery', () => {
  // [group, plural, namespaced, shortNames, categories, storageVersionHash]
  const want: [string, string, boolean, string, string, string][] = [
    ['apps', 'controllerrevisions', true, '', '', '85nkx63pcBU='],
    ['apps', 'daemonsets', true, 'ds', 'all', 'dd7pWHUlMKQ='],
    ['apps', 'deployments', true, 'deploy', 'all', '8aSe+NMegvE='],
    ['apps', 'replicasets', true, 'rs', 'all', 'P1RzHs8/mWQ='],
    ['batch', 'cronjobs', true, 'cj', 'all', 'sd5LIXh4Fjs='],
    ['batch', 'jobs', true, '', 'all', 'mudhfqk/qZY='],
    ['events.k8s.io', 'events', true, 'ev', '', 'r2yiGXH7wu8='],
    ['certificates.k8s.io', 'certificatesigningrequests', false, 'csr', '', '95fRKMXA+00='],
    ['rbac.authorization.k8s.io', 'clusterrolebindings', false, '', '', '48tpQ8gZHFc='],
    ['rbac.authorization.k8s.io', 'clusterroles', false, '', '', 'bYE5ZWDrJ44='],
    ['rbac.authorization.k8s.io', 'rolebindings', true, '', '', 'eGsCzGH6b1g='],
    ['rbac.authorization.k8s.io', 'roles', true, '', '', '7FuwZcIIItM='],
    ['networking.k8s.io', 'ingressclasses', false, '', '', 'l/iqIbDgFyQ='],
    ['networking.k8s.io', 'ingresses', true, 'ing', '', '39NQlfNR+bo='],
    ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations', false, '', 'api-extensions', 'Sqi0GUgDaX0='],
    ['storage.k8s.io', 'csidrivers', false, '', '', 'hL6j/rwBV5w='],
    ['storage.k8s.io', 'csinodes', false, '', '', 'Pe62DkZtjuo='],
    ['storage.k8s.io', 'storageclasses', false, 'sc', '', 'K+m6uJwbjGY='],
    ['policy', 'poddisruptionbudgets', true, 'pdb', '', 'EVWiDmWqyJw='],
    ['autoscaling', 'horizontalpodautoscalers', true, 'hpa', 'all', 'qwQve8ut294='],
    ['apiextensions.k8s.io', 'customresourcedefinitions', false, 'crd,crds', 'api-extensions', 'jfWCUB31mvA='],
  ];
  for (const [g, p, ns, sn, cat, hash] of want) {
    const r = builtinResources().find((x) => x.group === g && x.plural === p);
    assert.ok(r, `${p}.${g}`);
    assert.equal([r!.namespaced, (r!.shortNames ?? []).join(','), (r!.categories ?? []).join(','), r!.storageVersionHash], [ns, sn, cat, hash], `${p}.${g}`);
  }
  assert.equal(findResource('certificates.k8s.io', 'v1', 'certificatesigningrequests')!.subresources!.map((s) => s.name).sort(), ['approval', 'status']);
  assert.equal(findResource('authentication.k8s.io', 'v1', 'selfsubjectreviews')!.singular, 'selfsubjectreview');
});

test('storageVersionHash as kube-apiserver computes it, only for stored kinds', () => {
  assert.is(findResource('', 'v1', 'pods')!.storageVersionHash, 'xPOwRZ+Yhw8=');
  assert.is(findResource('autoscaling', 'v1', 'horizontalpodautoscalers')!.storageVersionHash, findResource('autoscaling', 'v2', 'horizontalpodautoscalers')!.storageVersionHash);
  assert.is(findResource('events.k8s.io', 'v1', 'events')!.storageVersionHash, findResource('', 'v1', 'events')!.storageVersionHash);
  assert.is(findResource('', 'v1', 'bindings')!.storageVersionHash, undefined);
  assert.is(findResource('authorization.k8s.io', 'v1', 'subjectaccessreviews')!.storageVersionHash, undefined);
});

test('generation tracking marks the controller kinds', () => {
  for (const [g, p] of [['apps', 'deployments'], ['batch', 'jobs'], ['policy', 'poddisruptionbudgets'], ['networking.k8s.io', 'ingresses']]) {
    assert.ok(builtinResources().find((r) => r.group === g && r.plural === p)!.tracksGeneration, p);
  }
  assert.not.ok(findResource('', 'v1', 'configmaps')!.tracksGeneration);
});

test.run();
