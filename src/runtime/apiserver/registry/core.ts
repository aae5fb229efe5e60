// The core ("" group, v1) kinds.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path } from './field.js';
import {
  AGE_COL, ALL_VERBS, CREATE_ONLY, NAME_COL, NO_COLLECTION_VERBS, SCALE_SUB, age, arr, col, containersAndImages, ensure,
  formatMap, int, list, obj, setDefault, defaultString, statusSub, str, type Obj,
} from './common.js';
import { metaErrors } from './validation.js';
import { validatePodSpec, validatePodSpecUpdate, validatePodTemplate } from './pod.js';
import { defaultPod, defaultPodTemplate } from './pod-defaults.js';
import { podFieldSelectors, podRow } from './pod-table.js';
import { beginServiceWrite, defaultService, serviceAfterDelete, serviceRow, validateService } from './service.js';
import {
  namespaceAwaitsFinalize, namespaceMarkDeleting, namespacePrepareForCreate, namespacePrepareForUpdate,
  namespaceValidate,
} from './namespace.js';
import { podGracePeriod } from './pod-grace.js';
import { configMapValidate, secretDefaults, secretValidate } from './config-data.js';
import { accessModesString, pvValidate, pvcValidate, storageClassOf } from './volumes.js';
import { rcDefaults, rcValidate } from './replication-controller.js';
import { nodeRow, nodeValidate } from './core-node.js';
import { EVENT_COLUMNS, coreEventRow, eventValidate } from './core-events.js';
import { endpointsRow, endpointsValidate } from './endpoints.js';
import { limitRangeDefaults, limitRangeValidate, quotaRow, quotaValidate } from './resource-quota.js';
import { formatLabelSelector } from '../../../util/label-selector.js';

const V = 'v1';
const sub = (kind: string) => statusSub('', V, kind);

// ---- ServiceAccount ----
function saValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  return metaErrors(o, old, { namespaced: true });
}

// ---- Pod ----
function podValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  if (old) errs.push(...validatePodSpecUpdate(obj(o, 'spec'), obj(old, 'spec')));
  else errs.push(...validatePodSpec(obj(o, 'spec'), Path.root('spec')));
  return errs;
}

const NAME_ONLY = (o: KubeObject): string => o.metadata.name ?? '';

export const resources: ResourceDef[] = [
  {
    group: '', version: V, kind: 'Binding', listKind: 'BindingList', plural: 'bindings', singular: 'binding', namespaced: true, verbs: CREATE_ONLY,
  },
  {
    group: '', version: V, kind: 'ComponentStatus', listKind: 'ComponentStatusList', plural: 'componentstatuses', singular: 'componentstatus',
    namespaced: false, verbs: ['get', 'list'], shortNames: ['cs'],
    columns: [NAME_COL, col('Status', 'Status of the component conditions'), col('Message', 'Message of the component conditions'), col('Error', 'Error of the component conditions')],
    row: (o) => {
      const c = arr(o, 'conditions').find((x) => x.type === 'Healthy');
      const status = !c ? 'Unknown' : c.status === 'True' ? 'Healthy' : 'Unhealthy';
      return [NAME_ONLY(o), status, str(c, 'message'), str(c, 'error')];
    },
  },
  {
    group: '', version: V, kind: 'ConfigMap', listKind: 'ConfigMapList', plural: 'configmaps', singular: 'configmap', namespaced: true,
    verbs: ALL_VERBS, shortNames: ['cm'],
    columns: [NAME_COL, col('Data', 'Data contains the configuration data.'), AGE_COL],
    row: (o, now) => [NAME_ONLY(o), Object.keys(obj(o, 'data') ?? {}).length + Object.keys(obj(o, 'binaryData') ?? {}).length, age(o, now)],
    validate: (o, old) => configMapValidate(o, old),
  },
  {
    group: '', version: V, kind: 'Endpoints', listKind: 'EndpointsList', plural: 'endpoints', singular: 'endpoints', namespaced: true,
    verbs: ALL_VERBS, shortNames: ['ep'],
    columns: [NAME_COL, col('Endpoints', 'Endpoints of the resource'), AGE_COL],
    row: endpointsRow,
    defaults: (o) => {
      for (const ss of arr(o, 'subsets')) for (const p of arr(ss, 'ports')) defaultString(p, 'protocol', 'TCP');
    },
    validate: (o, old) => endpointsValidate(o, old),
  },
  {
    group: '', version: V, kind: 'Event', listKind: 'EventList', plural: 'events', singular: 'event', namespaced: true,
    verbs: ALL_VERBS, shortNames: ['ev'],
    columns: EVENT_COLUMNS,
    row: coreEventRow,
    validate: (o, old) => eventValidate(o, old),
    fieldSelectors: {
      'involvedObject.kind': (o) => str(obj(o, 'involvedObject'), 'kind'),
      'involvedObject.namespace': (o) => str(obj(o, 'involvedObject'), 'namespace'),
      'involvedObject.name': (o) => str(obj(o, 'involvedObject'), 'name'),
      'involvedObject.uid': (o) => str(obj(o, 'involvedObject'), 'uid'),
      'involvedObject.apiVersion': (o) => str(obj(o, 'involvedObject'), 'apiVersion'),
      'involvedObject.resourceVersion': (o) => str(obj(o, 'involvedObject'), 'resourceVersion'),
      'involvedObject.fieldPath': (o) => str(obj(o, 'involvedObject'), 'fieldPath'),
      reason: (o) => str(o, 'reason'),
      reportingComponent: (o) => str(o, 'reportingComponent'),
      source: (o) => str(obj(o, 'source'), 'component') || str(o, 'reportingComponent'),
      type: (o) => str(o, 'type'),
    },
  },
  {
    group: '', version: V, kind: 'LimitRange', listKind: 'LimitRangeList', plural: 'limitranges', singular: 'limitrange', namespaced: true,
    verbs: ALL_VERBS, shortNames: ['limits'],
    columns: [NAME_COL, { name: 'Created At', type: 'date', description: 'Creation timestamp of the limit range', priority: 0 }],
    row: (o) => [NAME_ONLY(o), o.metadata.creationTimestamp ?? null],
    defaults: (o) => limitRangeDefaults(o),
    validate: (o, old) => limitRangeValidate(o, old),
  },
  {
    group: '', version: V, kind: 'Namespace', listKind: 'NamespaceList', plural: 'namespaces', singular: 'namespace', namespaced: false,
    verbs: NO_COLLECTION_VERBS, shortNames: ['ns'], hasStatus: true,
    subresources: [{ name: 'finalize', group: '', version: V, kind: 'Namespace', verbs: ['update'] }, sub('Namespace')],
    columns: [NAME_COL, col('Status', 'The status of the namespace'), AGE_COL],
    row: (o, now) => [NAME_ONLY(o), str(obj(o, 'status'), 'phase'), age(o, now)],
    defaults: (o) => {
      const spec = ensure(o as unknown as Obj, 'spec');
      if (!Array.isArray(spec.finalizers)) spec.finalizers = ['kubernetes'];
      const st = ensure(o as unknown as Obj, 'status');
      defaultString(st, 'phase', 'Active');
      // The NamespaceDefaultLabelName feature: every namespace carries its own name as a label.
      o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name ?? '' };
    },
    validate: (o, old) => namespaceValidate(o, old),
    createKeepsStatus: true,
    prepareForCreate: (o) => namespacePrepareForCreate(o),
    prepareForUpdate: (o, old) => namespacePrepareForUpdate(o, old),
    awaitsFinalize: (o) => namespaceAwaitsFinalize(o),
    markDeleting: (o) => namespaceMarkDeleting(o),
    fieldSelectors: { 'status.phase': (o) => str(obj(o, 'status'), 'phase') },
  },
  {
    group: '', version: V, kind: 'Node', listKind: 'NodeList', plural: 'nodes', singular: 'node', namespaced: false,
    verbs: ALL_VERBS, shortNames: ['no'], hasStatus: true, subresources: [sub('Node')],
    columns: [
      NAME_COL, col('Status', 'The status of the node'), col('Roles', 'The roles of the node'), AGE_COL,
      col('Version', 'Kubelet Version reported by the node.'), col('Internal-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses', true),
      col('External-IP', 'List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses', true),
      col('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', true),
      col('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", true),
      col('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', true),
    ],
    row: nodeRow,
    defaults: (o) => {
      const st = obj(o, 'status');
      if (st && obj(st, 'capacity') && !obj(st, 'allocatable')) st.allocatable = { ...obj(st, 'capacity') };
    },
    validate: (o, old) => nodeValidate(o, old),
    fieldSelectors: { 'spec.unschedulable': (o) => String(obj(o, 'spec')?.unschedulable === true) },
  },
  {
    group: '', version: V, kind: 'PersistentVolumeClaim', listKind: 'PersistentVolumeClaimList', plural: 'persistentvolumeclaims',
    singular: 'persistentvolumeclaim', namespaced: true, verbs: ALL_VERBS, shortNames: ['pvc'], hasStatus: true,
    subresources: [sub('PersistentVolumeClaim')],
    columns: [
      NAME_COL, col('Status'), col('Volume'), col('Capacity'), col('Access Modes'), col('StorageClass'), col('VolumeAttributesClass'), AGE_COL,
      col('VolumeMode', '', true),
    ],
    row: (o, now) => {
      const spec = obj(o, 'spec') ?? {};
      const st = obj(o, 'status') ?? {};
      const phase = o.metadata.deletionTimestamp ? 'Terminating' : str(st, 'phase');
      const bound = str(spec, 'volumeName') !== '';
      return [
        NAME_ONLY(o), phase, str(spec, 'volumeName'), bound ? String(obj(st, 'capacity')?.storage ?? '') : '',
        bound ? accessModesString(list(st, 'accessModes')) : '', storageClassOf(o), str(spec, 'volumeAttributesClassName') || '<unset>',
        age(o, now), str(spec, 'volumeMode') || '<unset>',
      ];
    },
    defaults: (o) => {
      setDefault(ensure(o as unknown as Obj, 'spec'), 'volumeMode', 'Filesystem');
      setDefault(ensure(o as unknown as Obj, 'status'), 'phase', 'Pending');
    },
    validate: (o, old) => pvcValidate(o, old),
  },
  {
    group: '', version: V, kind: 'PersistentVolume', listKind: 'PersistentVolumeList', plural: 'persistentvolumes', singular: 'persistentvolume',
    namespaced: false, verbs: ALL_VERBS, shortNames: ['pv'], hasStatus: true, subresources: [sub('PersistentVolume')],
    columns: [
      NAME_COL, col('Capacity'), col('Access Modes'), col('Reclaim Policy'), col('Status'), col('Claim'), col('StorageClass'),
      col('VolumeAttributesClass'), col('Reason'), AGE_COL, col('VolumeMode', '', true),
    ],
    row: (o, now) => {
      const spec = obj(o, 'spec') ?? {};
      const st = obj(o, 'status') ?? {};
      const ref = obj(spec, 'claimRef');
      const claim = ref ? `${str(ref, 'namespace')}/${str(ref, 'name')}` : '';
      const phase = o.metadata.deletionTimestamp ? 'Terminating' : str(st, 'phase');
      return [
        NAME_ONLY(o), String(obj(spec, 'capacity')?.storage ?? ''), accessModesString(list(spec, 'accessModes')),
        str(spec, 'persistentVolumeReclaimPolicy'), phase, claim, storageClassOf(o), str(spec, 'volumeAttributesClassName') || '<unset>',
        str(st, 'reason'), age(o, now), str(spec, 'volumeMode') || '<unset>',
      ];
    },
    defaults: (o) => {
      const spec = ensure(o as unknown as Obj, 'spec');
      defaultString(spec, 'persistentVolumeReclaimPolicy', 'Retain');
      setDefault(spec, 'volumeMode', 'Filesystem');
      setDefault(ensure(o as unknown as Obj, 'status'), 'phase', 'Pending');
    },
    validate: (o, old) => pvValidate(o, old),
  },
  {
    group: '', version: V, kind: 'Pod', listKind: 'PodList', plural: 'pods', singular: 'pod', namespaced: true, verbs: ALL_VERBS,
    shortNames: ['po'], categories: ['all'], hasStatus: true, returnDeletedObject: true,
    subresources: [
      { name: 'attach', group: '', version: V, kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'binding', group: '', version: V, kind: 'Binding', verbs: ['create'] },
      { name: 'exec', group: '', version: V, kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'portforward', group: '', version: V, kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      { name: 'ephemeralcontainers', group: '', version: V, kind: 'Pod', verbs: ['get', 'patch', 'update'] },
      { name: 'eviction', group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
      { name: 'log', group: '', version: V, kind: 'Pod', verbs: ['get'] },
      sub('Pod'),
    ],
    columns: [
      NAME_COL,
      col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
      col('Status', 'The aggregate status of the containers in this pod.'),
      col('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
      AGE_COL,
      col('IP', 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', true),
      col('Node', "NodeName is a request to schedule this pod onto a specific node. If it is non-empty, the scheduler simply schedules this pod onto that node, assuming that it fits resource requirements.", true),
      col('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.', true),
      col('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates', true),
    ],
    row: podRow,
    defaults: (o, _ctx, old) => defaultPod(o, !old),
    gracePeriod: (o, requested) => podGracePeriod(o, requested),
    validate: (o, old) => podValidate(o, old),
    fieldSelectors: podFieldSelectors,
  },
  {
    group: '', version: V, kind: 'PodTemplate', listKind: 'PodTemplateList', plural: 'podtemplates', singular: 'podtemplate', namespaced: true,
    verbs: ALL_VERBS,
    columns: [NAME_COL, col('Containers', 'Names of each container in the template.'), col('Images', 'Images referenced by each container in the template.'), col('Pod Labels', 'The labels for the pod template.')],
    row: (o) => {
      const tpl = obj(o, 'template');
      const [c, i] = containersAndImages(obj(tpl, 'spec'));
      return [NAME_ONLY(o), c, i, formatMap(obj(obj(tpl, 'metadata'), 'labels'))];
    },
    defaults: (o) => defaultPodTemplate(obj(o, 'template')),
    validate: (o, old) => [...metaErrors(o, old, { namespaced: true }), ...validatePodTemplate(obj(o, 'template'), Path.root('template'))],
  },
  {
    group: '', version: V, kind: 'ReplicationController', listKind: 'ReplicationControllerList', plural: 'replicationcontrollers',
    singular: 'replicationcontroller', namespaced: true, verbs: ALL_VERBS, shortNames: ['rc'], categories: ['all'], hasStatus: true,
    tracksGeneration: true, subresources: [SCALE_SUB, sub('ReplicationController')],
    columns: [
      NAME_COL, col('Desired', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller', false, 'integer'),
      col('Current', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller', false, 'integer'),
      col('Ready', 'The number of ready replicas for this replication controller.', false, 'integer'), AGE_COL,
      col('Containers', 'Names of each container in the template.', true), col('Images', 'Images referenced by each container in the template.', true),
      col('Selector', 'Label selector for pods. Pods that match this label selector are counted to determine the number of replicas.', true),
    ],
    row: (o, now) => {
      const spec = obj(o, 'spec') ?? {};
      const st = obj(o, 'status') ?? {};
      const [c, i] = containersAndImages(obj(obj(spec, 'template'), 'spec'));
      return [NAME_ONLY(o), int(spec, 'replicas'), int(st, 'replicas'), int(st, 'readyReplicas'), age(o, now), c, i, formatMap(spec.selector)];
    },
    defaults: (o) => rcDefaults(o),
    // spec.selector is a plain label map, not a LabelSelector.
    scaleSelector: (o) => formatLabelSelector({ matchLabels: obj(obj(o, 'spec'), 'selector') ?? {} }) || undefined,
    validate: (o, old) => rcValidate(o, old),
    fieldSelectors: { 'status.replicas': (o) => String(int(obj(o, 'status'), 'replicas')) },
  },
  {
    group: '', version: V, kind: 'ResourceQuota', listKind: 'ResourceQuotaList', plural: 'resourcequotas', singular: 'resourcequota',
    namespaced: true, verbs: ALL_VERBS, shortNames: ['quota'], hasStatus: true, subresources: [sub('ResourceQuota')],
    columns: [NAME_COL, col('Request', 'Request represents a minimum amount of cpu/memory that a container may consume.'), col('Limit', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'), AGE_COL],
    row: quotaRow,
    validate: (o, old) => quotaValidate(o, old),
  },
  {
    group: '', version: V, kind: 'Secret', listKind: 'SecretList', plural: 'secrets', singular: 'secret', namespaced: true, verbs: ALL_VERBS,
    columns: [NAME_COL, col('Type', 'The type of the secret'), col('Data', 'Data contains the secret data.'), AGE_COL],
    row: (o, now) => [NAME_ONLY(o), str(o, 'type'), Object.keys(obj(o, 'data') ?? {}).length, age(o, now)],
    defaults: (o) => secretDefaults(o),
    validate: (o, old) => secretValidate(o, old),
    fieldSelectors: { type: (o) => str(o, 'type') },
  },
  {
    group: '', version: V, kind: 'ServiceAccount', listKind: 'ServiceAccountList', plural: 'serviceaccounts', singular: 'serviceaccount',
    namespaced: true, verbs: ALL_VERBS, shortNames: ['sa'], returnDeletedObject: true,
    subresources: [{ name: 'token', group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] }],
    columns: [NAME_COL, col('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.'), AGE_COL],
    row: (o, now) => [NAME_ONLY(o), list(o, 'secrets').length, age(o, now)],
    validate: (o, old) => saValidate(o, old),
  },
  {
    group: '', version: V, kind: 'Service', listKind: 'ServiceList', plural: 'services', singular: 'service', namespaced: true, verbs: ALL_VERBS,
    shortNames: ['svc'], categories: ['all'], hasStatus: true, subresources: [sub('Service')],
    columns: [
      NAME_COL, col('Type', 'type determines how the Service is exposed. Defaults to ClusterIP.'),
      col('Cluster-IP', 'clusterIP is the IP address of the service and is usually assigned randomly.'),
      col('External-IP', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'),
      col('Port(s)', 'The list of ports that are exposed by this service.'), AGE_COL,
      col('Selector', 'Route service traffic to pods with label keys and values matching this selector.', true),
    ],
    row: serviceRow,
    defaults: (o, ctx, old) => defaultService(o, ctx, old),
    beginWrite: (o, old, ctx) => beginServiceWrite(o, old, ctx),
    afterDelete: (o, ctx) => serviceAfterDelete(o, ctx),
    validate: (o, old) => validateService(o, old),
    fieldSelectors: { 'spec.clusterIP': (o) => str(obj(o, 'spec'), 'clusterIP'), 'spec.type': (o) => str(obj(o, 'spec'), 'type') },
  },
];

