// apps/v1: Deployments, ReplicaSets, StatefulSets, DaemonSets, ControllerRevisions.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, forbidden, invalid, notSupported, required, semanticEqual } from './field.js';
import {
  AGE_COL, ALL_VERBS, NAME_COL, SCALE_SUB, age, arr, col, containersAndImages, ensure, formatLabelSelector, formatMap, int, obj, setDefault, defaultString,
  statusSub, str, type Obj,
} from './common.js';
import { metaErrors, nonNegative } from './validation.js';
import { defaultPodTemplate } from './pod-defaults.js';
import { immutableSelector, isZero, validateIntOrPercent, validateSelectorAndTemplate } from './workload.js';
import { cloneJson } from '../../../util/json.js';

const G = 'apps';
const V = 'v1';
const sub = (kind: string) => statusSub(G, V, kind);
const spec = (o: KubeObject): Obj => ensure(o as unknown as Obj, 'spec');

function deploymentDefaults(o: KubeObject): void {
  const s = spec(o);
  setDefault(s, 'replicas', 1);
  const strategy = ensure(s, 'strategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = ensure(strategy, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', '25%');
    setDefault(ru, 'maxSurge', '25%');
  }
  setDefault(s, 'revisionHistoryLimit', 10);
  setDefault(s, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(s.template);
}

function deploymentValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  errs.push(...nonNegative(s.replicas, sp.child('replicas')));
  errs.push(...validateSelectorAndTemplate(s, sp));
  const strategy = obj(s, 'strategy') ?? {};
  const type = str(strategy, 'type');
  const stp = sp.child('strategy');
  if (type === '') errs.push(required(stp.child('type'), ''));
  else if (type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
      errs.push(forbidden(stp.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'"));
    }
  } else if (type === 'RollingUpdate') {
    const ru = obj(strategy, 'rollingUpdate');
    if (!ru) errs.push(required(stp.child('rollingUpdate'), 'this should be defaulted and never be nil'));
    else {
      errs.push(...validateIntOrPercent(ru.maxUnavailable, stp.child('rollingUpdate', 'maxUnavailable')));
      errs.push(...validateIntOrPercent(ru.maxSurge, stp.child('rollingUpdate', 'maxSurge')));
      if (isZero(ru.maxSurge) && isZero(ru.maxUnavailable)) {
        errs.push(invalid(stp.child('rollingUpdate', 'maxUnavailable'), ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
      }
    }
  } else errs.push(notSupported(stp.child('type'), type, ['Recreate', 'RollingUpdate']));
  errs.push(...nonNegative(s.minReadySeconds, sp.child('minReadySeconds')));
  errs.push(...nonNegative(s.revisionHistoryLimit, sp.child('revisionHistoryLimit')));
  if (typeof s.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(s.progressDeadlineSeconds, sp.child('progressDeadlineSeconds')));
    if (s.progressDeadlineSeconds <= (typeof s.minReadySeconds === 'number' ? s.minReadySeconds : 0)) {
      errs.push(invalid(sp.child('progressDeadlineSeconds'), s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  if (old) errs.push(...immutableSelector(s.selector, obj(old, 'spec')?.selector, sp.child('selector')));
  return errs;
}

function replicaSetValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  errs.push(...nonNegative(s.replicas, sp.child('replicas')));
  errs.push(...nonNegative(s.minReadySeconds, sp.child('minReadySeconds')));
  errs.push(...validateSelectorAndTemplate(s, sp));
  if (old) errs.push(...immutableSelector(s.selector, obj(old, 'spec')?.selector, sp.child('selector')));
  return errs;
}

function statefulSetDefaults(o: KubeObject): void {
  const s = spec(o);
  defaultString(s, 'podManagementPolicy', 'OrderedReady');
  const us = ensure(s, 'updateStrategy');
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') setDefault(ensure(us, 'rollingUpdate'), 'partition', 0);
  const rp = ensure(s, 'persistentVolumeClaimRetentionPolicy');
  defaultString(rp, 'whenDeleted', 'Retain');
  defaultString(rp, 'whenScaled', 'Retain');
  setDefault(s, 'replicas', 1);
  setDefault(s, 'revisionHistoryLimit', 10);
  for (const t of Array.isArray(s.volumeClaimTemplates) ? (s.volumeClaimTemplates as Obj[]) : []) {
    setDefault(ensure(t, 'spec'), 'volumeMode', 'Filesystem');
    setDefault(ensure(t, 'status'), 'phase', 'Pending');
    setDefault(t, 'apiVersion', 'v1');
    setDefault(t, 'kind', 'PersistentVolumeClaim');
  }
  defaultPodTemplate(s.template);
}

const STS_MUTABLE = ['replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds'];

function statefulSetValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  const pmp = str(s, 'podManagementPolicy');
  if (pmp === '') errs.push(required(sp.child('podManagementPolicy'), ''));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(invalid(sp.child('podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
  }
  const us = obj(s, 'updateStrategy') ?? {};
  const ut = str(us, 'type');
  if (ut === '') errs.push(required(sp.child('updateStrategy'), ''));
  else if (ut === 'OnDelete') {
    if (us.rollingUpdate !== undefined && us.rollingUpdate !== null) {
      errs.push(invalid(sp.child('updateStrategy', 'rollingUpdate'), us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
    }
  } else if (ut === 'RollingUpdate') {
    const ru = obj(us, 'rollingUpdate');
    if (ru) {
      errs.push(...nonNegative(ru.partition, sp.child('updateStrategy', 'rollingUpdate', 'partition')));
      if (ru.maxUnavailable !== undefined) {
        errs.push(...validateIntOrPercent(ru.maxUnavailable, sp.child('updateStrategy', 'rollingUpdate', 'maxUnavailable')));
        if (isZero(ru.maxUnavailable)) {
          errs.push(invalid(sp.child('updateStrategy', 'rollingUpdate', 'maxUnavailable'), ru.maxUnavailable, 'must be greater than 0'));
        }
      }
    }
  } else errs.push(invalid(sp.child('updateStrategy'), us, "must be 'RollingUpdate' or 'OnDelete'"));
  const rp = obj(s, 'persistentVolumeClaimRetentionPolicy') ?? {};
  for (const k of ['whenDeleted', 'whenScaled']) {
    const v = rp[k];
    if (v !== undefined && v !== 'Retain' && v !== 'Delete') {
      errs.push(notSupported(sp.child('persistentVolumeClaimRetentionPolicy', k), v, ['Retain', 'Delete']));
    }
  }
  errs.push(...nonNegative(s.replicas, sp.child('replicas')));
  errs.push(...nonNegative(s.minReadySeconds, sp.child('minReadySeconds')));
  errs.push(
    ...validateSelectorAndTemplate(s, sp, {
      restartPolicies: ['Always'],
      kindWord: 'statefulset',
      activeDeadline: (p) => forbidden(p, 'activeDeadlineSeconds in StatefulSet is not Supported'),
      claimVolumes: arr(s, 'volumeClaimTemplates').map((t) => str(obj(t, 'metadata'), 'name')).filter((n) => n !== ''),
    }),
  );
  if (old) {
    const os = cloneJson(obj(old, 'spec') ?? {});
    const ns = cloneJson(s);
    for (const k of STS_MUTABLE) {
      delete os[k];
      delete ns[k];
    }
    if (!semanticEqual(os, ns)) {
      errs.push(
        forbidden(
          sp,
          "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ),
      );
    }
  }
  return errs;
}

function daemonSetDefaults(o: KubeObject): void {
  const s = spec(o);
  const us = ensure(s, 'updateStrategy');
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = ensure(us, 'rollingUpdate');
    setDefault(ru, 'maxUnavailable', 1);
    setDefault(ru, 'maxSurge', 0);
  }
  setDefault(s, 'revisionHistoryLimit', 10);
  defaultPodTemplate(s.template);
}

function daemonSetValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  errs.push(
    ...validateSelectorAndTemplate(s, sp, {
      restartPolicies: ['Always'],
      kindWord: 'daemonset',
      activeDeadline: (p, v) => invalid(p, v, 'activeDeadlineSeconds must be nil for daemons'),
    }),
  );
  errs.push(...nonNegative(s.minReadySeconds, sp.child('minReadySeconds')));
  errs.push(...nonNegative(s.revisionHistoryLimit, sp.child('revisionHistoryLimit')));
  const us = obj(s, 'updateStrategy') ?? {};
  const ut = str(us, 'type');
  const up = sp.child('updateStrategy');
  if (ut === '') errs.push(required(up.child('type'), ''));
  else if (ut !== 'OnDelete' && ut !== 'RollingUpdate') errs.push(notSupported(up.child('type'), ut, ['OnDelete', 'RollingUpdate']));
  if (ut === 'RollingUpdate') {
    const ru = obj(us, 'rollingUpdate');
    if (!ru) errs.push(required(up.child('rollingUpdate'), ''));
    else {
      errs.push(...validateIntOrPercent(ru.maxUnavailable, up.child('rollingUpdate', 'maxUnavailable')));
      errs.push(...validateIntOrPercent(ru.maxSurge, up.child('rollingUpdate', 'maxSurge')));
      if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge ?? 0)) {
        errs.push(invalid(up.child('rollingUpdate', 'maxUnavailable'), ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
      }
    }
  }
  if (old) errs.push(...immutableSelector(s.selector, obj(old, 'spec')?.selector, sp.child('selector')));
  return errs;
}

function controllerOf(o: KubeObject): string {
  const ref = (o.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : ref.apiVersion.slice(0, slash);
  const gk = group === '' ? ref.kind : `${ref.kind}.${group}`;
  return `${gk.toLowerCase()}/${ref.name}`;
}

const CONTAINERS = col('Containers', 'Names of each container in the template.', true);
const IMAGES = col('Images', 'Images referenced by each container in the template.', true);
const SELECTOR = col('Selector', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', true);

const tplCells = (o: KubeObject): [string, string] => containersAndImages(obj(obj(obj(o, 'spec'), 'template'), 'spec'));
const st = (o: KubeObject): Obj => obj(o, 'status') ?? {};
const sp = (o: KubeObject): Obj => obj(o, 'spec') ?? {};

export const resources: ResourceDef[] = [
  {
    group: G, version: V, kind: 'ControllerRevision', listKind: 'ControllerRevisionList', plural: 'controllerrevisions', singular: 'controllerrevision',
    namespaced: true, verbs: ALL_VERBS,
    columns: [NAME_COL, col('Controller', 'Controller of the object'), col('Revision', 'Revision indicates the revision of the state represented by Data.'), AGE_COL],
    row: (o, now) => [o.metadata.name ?? '', controllerOf(o), int(o, 'revision'), age(o, now)],
    validate: (o, old) => {
      const errs = metaErrors(o, old, { namespaced: true });
      errs.push(...nonNegative((o as Obj).revision, 'revision'));
      if (old && JSON.stringify((o as Obj).data ?? null) !== JSON.stringify((old as Obj).data ?? null)) {
        errs.push(invalid('data', (o as Obj).data, 'field is immutable'));
      }
      return errs;
    },
  },
  {
    group: G, version: V, kind: 'DaemonSet', listKind: 'DaemonSetList', plural: 'daemonsets', singular: 'daemonset', namespaced: true,
    verbs: ALL_VERBS, shortNames: ['ds'], categories: ['all'], hasStatus: true, tracksGeneration: true, subresources: [sub('DaemonSet')],
    columns: [
      NAME_COL,
      col('Desired', 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod).', false, 'integer'),
      col('Current', 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.', false, 'integer'),
      col('Ready', 'numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.', false, 'integer'),
      col('Up-to-date', 'The total number of nodes that are running updated daemon pod', false, 'integer'),
      col('Available', 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)', false, 'integer'),
      col('Node Selector', 'NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node\'s labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/'),
      AGE_COL, CONTAINERS, IMAGES, col('Selector', 'A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template\'s labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', true),
    ],
    row: (o, now) => {
      const [c, i] = tplCells(o);
      const s = st(o);
      return [
        o.metadata.name ?? '', int(s, 'desiredNumberScheduled'), int(s, 'currentNumberScheduled'), int(s, 'numberReady'),
        int(s, 'updatedNumberScheduled'), int(s, 'numberAvailable'), formatMap(obj(obj(sp(o), 'template'), 'spec')?.nodeSelector),
        age(o, now), c, i, formatLabelSelector(sp(o).selector),
      ];
    },
    defaults: (o) => daemonSetDefaults(o),
    validate: (o, old) => daemonSetValidate(o, old),
  },
  {
    group: G, version: V, kind: 'Deployment', listKind: 'DeploymentList', plural: 'deployments', singular: 'deployment', namespaced: true,
    verbs: ALL_VERBS, shortNames: ['deploy'], categories: ['all'], hasStatus: true, tracksGeneration: true,
    subresources: [SCALE_SUB, sub('Deployment')],
    columns: [
      NAME_COL, col('Ready', 'Number of the pod with ready state'),
      col('Up-to-date', 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.'),
      col('Available', 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.'),
      AGE_COL, CONTAINERS, IMAGES, SELECTOR,
    ],
    row: (o, now) => {
      const [c, i] = tplCells(o);
      const s = st(o);
      return [
        o.metadata.name ?? '', `${int(s, 'readyReplicas')}/${int(sp(o), 'replicas')}`, int(s, 'updatedReplicas'), int(s, 'availableReplicas'),
        age(o, now), c, i, formatLabelSelector(sp(o).selector),
      ];
    },
    defaults: (o) => deploymentDefaults(o),
    validate: (o, old) => deploymentValidate(o, old),
  },
  {
    group: G, version: V, kind: 'ReplicaSet', listKind: 'ReplicaSetList', plural: 'replicasets', singular: 'replicaset', namespaced: true,
    verbs: ALL_VERBS, shortNames: ['rs'], categories: ['all'], hasStatus: true, tracksGeneration: true,
    subresources: [SCALE_SUB, sub('ReplicaSet')],
    columns: [
      NAME_COL,
      col('Desired', 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller', false, 'integer'),
      col('Current', 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller', false, 'integer'),
      col('Ready', 'readyReplicas is the number of pods targeted by this ReplicaSet with a Ready Condition.', false, 'integer'),
      AGE_COL, CONTAINERS, IMAGES,
      col('Selector', 'Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template\'s labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors', true),
    ],
    row: (o, now) => {
      const [c, i] = tplCells(o);
      const s = st(o);
      return [o.metadata.name ?? '', int(sp(o), 'replicas'), int(s, 'replicas'), int(s, 'readyReplicas'), age(o, now), c, i, formatLabelSelector(sp(o).selector)];
    },
    defaults: (o) => {
      setDefault(spec(o), 'replicas', 1);
      defaultPodTemplate(spec(o).template);
    },
    validate: (o, old) => replicaSetValidate(o, old),
    fieldSelectors: { 'status.replicas': (o) => String(int(st(o), 'replicas')) },
  },
  {
    group: G, version: V, kind: 'StatefulSet', listKind: 'StatefulSetList', plural: 'statefulsets', singular: 'statefulset', namespaced: true,
    verbs: ALL_VERBS, shortNames: ['sts'], categories: ['all'], hasStatus: true, tracksGeneration: true,
    subresources: [SCALE_SUB, sub('StatefulSet')],
    columns: [NAME_COL, col('Ready', 'Number of the pod with ready state'), AGE_COL, CONTAINERS, IMAGES],
    row: (o, now) => {
      const [c, i] = tplCells(o);
      return [o.metadata.name ?? '', `${int(st(o), 'readyReplicas')}/${int(sp(o), 'replicas')}`, age(o, now), c, i];
    },
    defaults: (o) => statefulSetDefaults(o),
    validate: (o, old) => statefulSetValidate(o, old),
  },
];
