import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  allTypes,
  duplicateFields,
  fieldInfo,
  listMapKeys,
  patchMeta,
  protoFields,
  protoMessageName,
  typeForGvk,
  unknownFields,
  typeError,
  toGoForm,
  strictDecodingErrors,
} from '../../src/apimachinery/schema/index.js';

const DEPLOY = { group: 'apps', version: 'v1', kind: 'Deployment' };
const POD = { group: '', version: 'v1', kind: 'Pod' };

test('catalog integrity: unique proto numbers per message, every field but apiVersion/kind numbered', () => {
  let fields = 0;
  for (const t of allTypes()) {
    const seen = new Map<number, string>();
    for (const fd of t.protoFields) {
      fields++;
      if (fd.name === 'apiVersion' || fd.name === 'kind') {
        if (t.def.gvk) continue;
      }
      assert.ok(fd.proto !== undefined, `${t.id}.${fd.name} has a proto number`);
      assert.not.ok(seen.has(fd.proto!), `${t.id}: ${fd.name} and ${seen.get(fd.proto!)} share number ${fd.proto}`);
      seen.set(fd.proto!, fd.name);
      if (fd.mergeKey) assert.ok(fd.strategy?.includes('merge'), `${t.id}.${fd.name}: merge key without merge strategy`);
      if (fd.listType === 'map') assert.ok(fd.keys && fd.keys.length > 0, `${t.id}.${fd.name}: map list without keys`);
    }
  }
  assert.ok(fields > 1500, `catalog covers ${fields} fields`);
});

test('protobuf field numbers match the generated.proto of kubernetes/api', () => {
  const num = (type: string, name: string) => protoFields(type)!.find((f) => f.name === name)?.number;
  assert.is(num('apps.Deployment', 'metadata'), 1);
  assert.is(num('apps.Deployment', 'spec'), 2);
  assert.is(num('apps.Deployment', 'status'), 3);
  assert.is(num('apps.DeploymentSpec', 'progressDeadlineSeconds'), 9);
  assert.is(num('PodSpec', 'containers'), 2);
  assert.is(num('PodSpec', 'initContainers'), 20);
  assert.is(num('PodSpec', 'ephemeralContainers'), 34);
  assert.is(num('Container', 'image'), 2);
  assert.is(num('Container', 'env'), 7);
  assert.is(num('meta.ObjectMeta', 'labels'), 11);
  assert.is(num('meta.ObjectMeta', 'ownerReferences'), 13);
  assert.is(num('meta.ObjectMeta', 'managedFields'), 17);
  assert.is(num('ConfigMap', 'binaryData'), 3);
  assert.is(num('Secret', 'stringData'), 4);
  assert.is(num('networking.IngressRule', 'host'), 1);
  const volume = protoFields('Volume')!;
  assert.equal(volume.map((f) => [f.name, f.number, f.inline]), [['name', 1, false], ['volumeSource', 2, true]]);
  assert.is(protoFields('NoSuchType'), undefined);
  assert.is(protoMessageName(DEPLOY), 'k8s.io.api.apps.v1.Deployment');
  assert.is(protoMessageName({ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' }), 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition');
});

test('patch metadata: merge keys and strategies the strategic merge patch uses', () => {
  assert.equal(patchMeta(DEPLOY, ['spec', 'template', 'spec', 'containers']), { strategies: ['merge'], mergeKey: 'name' });
  assert.equal(patchMeta(DEPLOY, ['spec', 'template', 'spec', 'volumes']), { strategies: ['merge', 'retainKeys'], mergeKey: 'name' });
  assert.equal(patchMeta(DEPLOY, ['spec', 'strategy']), { strategies: ['retainKeys'], mergeKey: '' });
  assert.equal(patchMeta(POD, ['spec', 'containers', 'ports']), { strategies: ['merge'], mergeKey: 'containerPort' });
  assert.equal(patchMeta(POD, ['spec', 'containers', 'volumeMounts']), { strategies: ['merge'], mergeKey: 'mountPath' });
  assert.equal(patchMeta(POD, ['metadata', 'finalizers']), { strategies: ['merge'], mergeKey: '' });
  assert.equal(patchMeta({ group: '', version: 'v1', kind: 'Service' }, ['spec', 'ports']), { strategies: ['merge'], mergeKey: 'port' });
  assert.equal(patchMeta(POD, ['spec', 'tolerations']), { strategies: [], mergeKey: '' });
  assert.equal(patchMeta({ group: 'x', version: 'v1', kind: 'Nope' }, ['spec']), { strategies: [], mergeKey: '' });
});

test('list-map keys for server-side apply differ from merge keys where upstream says so', () => {
  assert.equal(listMapKeys(POD, ['spec', 'containers', 'ports']), ['containerPort', 'protocol']);
  assert.equal(listMapKeys({ group: '', version: 'v1', kind: 'Service' }, ['spec', 'ports']), ['port', 'protocol']);
  assert.equal(listMapKeys(POD, ['spec', 'containers']), ['name']);
  assert.is(listMapKeys(POD, ['spec', 'tolerations']), undefined);
  assert.is(fieldInfo(POD, ['spec', 'tolerations'])?.listType, 'atomic');
  assert.is(fieldInfo(POD, ['metadata', 'finalizers'])?.listType, 'set');
});

test('unknownFields reports paths as kube-apiserver does, including inline and list items', () => {
  const d = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', labels: { a: 'b' }, bogus: 1 },
    spec: {
      replicas: 1,
      foo: true,
      selector: { matchLabels: { a: 'b' } },
      template: {
        metadata: { labels: { a: 'b' } },
        spec: {
          containers: [{ name: 'c', image: 'x', imagee: 'y', resources: { limits: { cpu: '1' } } }],
          volumes: [{ name: 'v', emptyDir: {}, hostPathh: {} }, { name: 'w', configMap: { name: 'cm', items: [{ key: 'k', path: 'p', extra: 1 }] } }],
        },
      },
    },
    status: { replicas: 1 },
  };
  assert.equal(unknownFields(DEPLOY, d), [
    'metadata.bogus',
    'spec.foo',
    'spec.template.spec.containers[0].imagee',
    'spec.template.spec.volumes[0].hostPathh',
    'spec.template.spec.volumes[1].configMap.items[0].extra',
  ]);
});

test('unknownFields: a valid object has none; raw fields are not looked into; unknown kinds give none', () => {
  const cr = { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { anything: { goes: true } } };
  assert.equal(unknownFields({ group: 'apps', version: 'v1', kind: 'ControllerRevision' }, cr), []);
  assert.equal(unknownFields({ group: 'example.com', version: 'v1', kind: 'Widget' }, { spec: { x: 1 } }), []);
});

test('unknownFields checks custom resources against their CRD schema', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      names: { kind: 'Widget', plural: 'widgets' },
      scope: 'Namespaced',
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  properties: { size: { type: 'integer' }, tags: { type: 'array', items: { type: 'object', properties: { k: { type: 'string' } } } }, free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, labels: { type: 'object', additionalProperties: { type: 'string' } } },
                },
              },
            },
          },
        },
      ],
    },
  };
  const obj = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', nope: 1 }, spec: { size: 1, colour: 'red', tags: [{ k: 'a', v: 'b' }], free: { x: 1 }, labels: { a: 'b' } }, status: {} };
  assert.equal(unknownFields({ group: 'example.com', version: 'v1', kind: 'Widget' }, obj, [crd as any]), ['metadata.nope', 'spec.colour', 'spec.tags[0].v', 'status']);
});

test('realistic manifests of many kinds have no unknown fields', () => {
  const manifests: [object, object][] = [
    [
      { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' },
      {
        apiVersion: 'apiextensions.k8s.io/v1',
        kind: 'CustomResourceDefinition',
        metadata: { name: 'widgets.example.com' },
        spec: {
          group: 'example.com',
          names: { kind: 'Widget', listKind: 'WidgetList', plural: 'widgets', singular: 'widget', shortNames: ['wd'], categories: ['all'] },
          scope: 'Namespaced',
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
              additionalPrinterColumns: [{ name: 'Size', type: 'integer', jsonPath: '.spec.size' }],
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  required: ['spec'],
                  properties: {
                    spec: {
                      type: 'object',
                      'x-kubernetes-preserve-unknown-fields': true,
                      'x-kubernetes-validations': [{ rule: 'self.size > 0', message: 'size must be positive' }],
                      properties: { size: { type: 'integer', minimum: 1, default: 1 }, mode: { type: 'string', enum: ['a', 'b'] }, port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] } },
                    },
                    items: { type: 'array', items: { type: 'object', properties: { n: { type: 'string' } } }, 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['n'] },
                  },
                },
              },
            },
          ],
          conversion: { strategy: 'None' },
        },
      },
    ],
    [
      { group: '', version: 'v1', kind: 'Service' },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'n' }, spec: { type: 'ClusterIP', selector: { app: 'a' }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' }], sessionAffinity: 'None', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'], internalTrafficPolicy: 'Cluster' }, status: { loadBalancer: {} } },
    ],
    [
      { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress' },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', annotations: { a: 'b' } }, spec: { ingressClassName: 'nginx', tls: [{ hosts: ['a.example.com'], secretName: 'tls' }], rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }] } },
    ],
    [
      { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' },
      { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }], behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } } } },
    ],
    [
      { group: 'batch', version: 'v1', kind: 'CronJob' },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { schedule: '*/5 * * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'j', image: 'busybox', command: ['sh', '-c', 'date'], envFrom: [{ configMapRef: { name: 'cm' } }], env: [{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }], livenessProbe: { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 } }] } } } } } },
    ],
    [
      { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding' },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'b' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'n' }] },
    ],
    [
      { group: 'apps', version: 'v1', kind: 'StatefulSet' },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { serviceName: 's', replicas: 3, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] } } }] } }, tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }], securityContext: { runAsNonRoot: true, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'db', image: 'pg', ports: [{ containerPort: 5432, name: 'pg' }], resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '1Gi' } }, volumeMounts: [{ name: 'data', mountPath: '/data' }], securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }] } }, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' } }], updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } } },
    ],
  ];
  for (const [gvk, obj] of manifests) assert.equal(unknownFields(gvk as any, obj), [], (gvk as any).kind);
});

test('typeError words JSON type mismatches as kube-apiserver\'s decoder does', () => {
  const d = (spec: object) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });
  assert.is(typeError(DEPLOY, d({ replicas: '3' })), 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
  assert.is(typeError(DEPLOY, d({ replicas: 1.5 })), 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32');
  assert.is(
    typeError(DEPLOY, d({ template: { spec: { containers: [{ name: 'c', image: 'x' }, { name: 'd', image: 5 }] } } })),
    'json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string',
  );
  assert.is(
    typeError(DEPLOY, d({ template: { spec: { containers: [{ name: 'c', ports: ['80'] }] } } })),
    'json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.ports of type v1.ContainerPort',
  );
  assert.is(
    typeError(DEPLOY, d({ template: { spec: { containers: [{ name: 'c', env: [{ name: 'PORT', value: 8080 }] }] } } })),
    'json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
  );
  assert.is(typeError(DEPLOY, d({ template: { spec: { containers: {} } } })), 'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container');
  assert.is(typeError(DEPLOY, { ...d({}), metadata: { name: 'd', labels: { a: true } } }), 'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string');
  assert.is(typeError(DEPLOY, { ...d({}), spec: 'x' }), 'json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec');
  assert.is(typeError(DEPLOY, d({ replicas: 3, paused: false, template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } } })), undefined);
  // an inline (embedded) struct's fields are reported against the embedded struct
  assert.is(typeError(POD, { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { volumes: [{ name: 'v', emptyDir: 'x' }] } }), 'json: cannot unmarshal string into Go struct field VolumeSource.spec.volumes.emptyDir of type v1.EmptyDirVolumeSource');
});

test('typeError checks base64 of Secret data as Go decodes it', () => {
  const SECRET = { group: '', version: 'v1', kind: 'Secret' };
  const s = (data: object) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data });
  assert.is(typeError(SECRET, s({ a: 'aGVsbG8=', b: 'aGk=', c: '' })), undefined);
  assert.is(typeError(SECRET, s({ a: 'hello world' })), 'illegal base64 data at input byte 5');
  assert.is(typeError(SECRET, s({ a: 'abc' })), 'illegal base64 data at input byte 0');
  assert.is(typeError(SECRET, s({ a: 'aGk=x' })), 'illegal base64 data at input byte 4');
  assert.is(typeError(SECRET, s({ a: 'a===' })), 'illegal base64 data at input byte 1');
});

test('strictDecodingErrors lists unknown and duplicate fields in document order, as fieldValidation=Strict reports them', () => {
  const body = `{
    "apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": { "name": "first", "name": "second", "labels": {"app": "web"}, "extraMeta": 1 },
    "spec": {
      "bogus": "x",
      "twice": 1, "twice": 2,
      "paused": true, "paused": false,
      "selector": { "matchLabels": { "app": "web" } },
      "template": { "metadata": { "labels": { "app": "web" } }, "spec": { "containers": [
        { "name": "web", "image": "nginx", "nested": { "a": 1, "a": 2 }, "imagePullPolicy": "Always", "imagePullPolicy": "Never" }
      ] } }
    }
  }`;
  assert.equal(strictDecodingErrors(DEPLOY, body), [
    'duplicate field "metadata.name"',
    'unknown field "metadata.extraMeta"',
    'unknown field "spec.bogus"',
    'unknown field "spec.twice"',
    'duplicate field "spec.paused"',
    'unknown field "spec.template.spec.containers[0].nested"',
    'duplicate field "spec.template.spec.containers[0].imagePullPolicy"',
  ]);
  assert.equal(strictDecodingErrors(DEPLOY, '{"apiVersion":"apps/v1","kind":"Deployment","spec":{"replicas":1}}'), []);
  assert.equal(strictDecodingErrors(DEPLOY, '{"spec": '), []);
});

test('strictDecodingErrors for a custom resource: pruned fields are unknown, every duplicate is reported', () => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gizmos.example.com' },
    spec: { group: 'example.com', names: { kind: 'Gizmo', plural: 'gizmos' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { known: { type: 'string' } } } } } } }] },
  };
  const body = '{"apiVersion":"example.com/v1","kind":"Gizmo","metadata":{"name":"g","bad":1},"spec":{"known":"a","known":"b","other":1,"other":2}}';
  assert.equal(strictDecodingErrors({ group: 'example.com', version: 'v1', kind: 'Gizmo' }, body, [crd as any]), [
    'unknown field "metadata.bad"',
    'duplicate field "spec.known"',
    'unknown field "spec.other"',
    'duplicate field "spec.other"',
  ]);
});

test('duplicateFields finds repeated keys with their paths', () => {
  assert.equal(duplicateFields('{"a":1,"b":{"c":1,"c":2},"l":[{"x":1,"x":2}],"a":3}'), ['b.c', 'l[0].x', 'a']);
  assert.equal(duplicateFields('{"a":"x\\"y","b":[1,2.5e3,true,null]}'), []);
  assert.equal(duplicateFields('{not json'), []);
});

test('toGoForm drops empty maps of built-in kinds at any depth, keeps empty structs and lists, leaves unknown kinds alone', () => {
  const d: any = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'd', labels: {}, annotations: { a: 'b' } },
    spec: {
      selector: { matchLabels: {} },
      template: {
        metadata: { annotations: {} },
        spec: { nodeSelector: {}, containers: [{ name: 'c', resources: { limits: {}, requests: { cpu: '1' } }, env: [] }], securityContext: {} },
      },
    },
  };
  toGoForm(DEPLOY, d);
  assert.equal(d.metadata, { name: 'd', annotations: { a: 'b' } });
  assert.equal(d.spec.selector, {});
  assert.equal(d.spec.template, { metadata: {}, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } }, env: [] }], securityContext: {} } });
  const cr: any = { apiVersion: 'x/v1', kind: 'Nope', metadata: { labels: {} }, spec: { m: {} } };
  toGoForm({ group: 'x', version: 'v1', kind: 'Nope' }, cr);
  assert.equal(cr, { apiVersion: 'x/v1', kind: 'Nope', metadata: { labels: {} }, spec: { m: {} } });
});

test('toGoForm decodes nulls as Go does: null fields dropped, null string items "", null struct items {}, free-form JSON kept', () => {
  const d: any = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', annotations: null, labels: { a: null } },
    spec: { replicas: null, template: { spec: { affinity: { nodeAffinity: null }, containers: [{ name: 'c', args: [null], resources: { limits: { cpu: null } } }], volumes: [null] } } },
  };
  toGoForm(DEPLOY, d);
  assert.equal(d.metadata, { name: 'd', labels: { a: '' } });
  assert.equal(d.spec, { template: { spec: { affinity: {}, containers: [{ name: 'c', args: [''], resources: { limits: { cpu: '0' } } }], volumes: [{}] } } });
  const crd: any = { spec: { versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', properties: { x: { enum: [null, 'a'], nullable: true } } } } }] } };
  toGoForm({ group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition' }, crd);
  assert.equal(crd.spec.versions[0].schema.openAPIV3Schema.properties.x.enum, [null, 'a']);
});

test.run();
