// Pod specs wherever they appear (Pods and the templates of Deployments,
// ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, RCs, PodTemplates):
// defaulting (pkg/apis/core/v1/defaults.go), validation
// (pkg/apis/core/validation ValidatePodSpec and friends) and the Pod printer
// (pkg/printers/internalversion printPod).
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError } from './types.js';
import { Path, duplicate, forbidden, invalid, notFound, notSupported, required, semanticEqual, deepEqual } from './field.js';
import { arr, ensure, humanDuration, list, num, obj, setDefault, since, str, type Obj } from './common.js';
import {
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  nonNegative,
  oneOf,
  parseQuantity,
  validateAnnotations,
  validateLabels,
  validateQuantity,
} from './validation.js';
import { cloneJson } from '../../../util/json.js';

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

/** True when the image reference has no tag or the tag `latest` (and no digest). */
function pullsAlways(image: string): boolean {
  if (image.includes('@')) return false;
  const lastSlash = image.lastIndexOf('/');
  const tail = image.slice(lastSlash + 1);
  const colon = tail.lastIndexOf(':');
  return colon === -1 || tail.slice(colon + 1) === 'latest';
}

function defaultProbe(p: unknown): void {
  const probe = obj(p);
  if (!probe) return;
  setDefault(probe, 'timeoutSeconds', 1);
  setDefault(probe, 'periodSeconds', 10);
  setDefault(probe, 'successThreshold', 1);
  setDefault(probe, 'failureThreshold', 3);
  defaultHandler(probe);
}

function defaultHandler(h: Obj): void {
  const http = obj(h, 'httpGet');
  if (http) {
    setDefault(http, 'path', '/');
    setDefault(http, 'scheme', 'HTTP');
  }
  const grpc = obj(h, 'grpc');
  if (grpc) setDefault(grpc, 'service', '');
}

function defaultContainer(c: Obj, hostNetwork: boolean): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === '') {
    c.imagePullPolicy = pullsAlways(str(c, 'image')) ? 'Always' : 'IfNotPresent';
  }
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  if (!obj(c, 'resources')) c.resources = {};
  for (const p of arr(c, 'ports')) {
    setDefault(p, 'protocol', 'TCP');
    if (hostNetwork && (p.hostPort === undefined || p.hostPort === 0)) p.hostPort = p.containerPort;
  }
  for (const e of arr(c, 'env')) {
    const fr = obj(obj(e, 'valueFrom'), 'fieldRef');
    if (fr) setDefault(fr, 'apiVersion', 'v1');
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  const lc = obj(c, 'lifecycle');
  if (lc) for (const k of ['postStart', 'preStop']) {
    const h = obj(lc, k);
    if (h) defaultHandler(h);
  }
}

function defaultVolume(v: Obj): void {
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {};
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const s = obj(v, k);
    if (s) setDefault(s, 'defaultMode', 420);
  }
  const hp = obj(v, 'hostPath');
  if (hp) setDefault(hp, 'type', '');
  for (const fr of arr(obj(v, 'downwardAPI'), 'items').map((i) => obj(i, 'fieldRef')).filter((x): x is Obj => !!x)) {
    setDefault(fr, 'apiVersion', 'v1');
  }
}

/** SetDefaults_PodSpec and the container/volume/probe defaulters, in place. */
export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const c of arr(spec, 'initContainers')) defaultContainer(c, false);
  for (const c of arr(spec, 'containers')) defaultContainer(c, false);
  for (const c of arr(spec, 'ephemeralContainers')) defaultContainer(c, false);
  for (const v of arr(spec, 'volumes')) defaultVolume(v);
  // v1 conversion keeps the deprecated serviceAccount mirrored from serviceAccountName.
  if (str(spec, 'serviceAccountName') !== '') spec.serviceAccount = spec.serviceAccountName;
  else if (str(spec, 'serviceAccount') !== '') spec.serviceAccountName = spec.serviceAccount;
}

/** Defaults a pod template (its spec; labels stay as given). */
export function defaultPodTemplate(tpl: unknown): void {
  const t = obj(tpl);
  if (!t) return;
  defaultPodSpec(ensure(t, 'spec'));
}

/**
 * Pod defaults: pod spec defaults, requests from limits and, on create
 * (`admission`), what a real cluster's admission plugins add (service account,
 * priority, not-ready/unreachable tolerations, QoS class, Pending phase).
 */
export function defaultPod(pod: KubeObject, admission = true): void {
  const spec = ensure(pod as unknown as Obj, 'spec');
  defaultPodSpec(spec);
  // SetDefaults_Pod (not templates): service links, host-network ports, requests from limits.
  setDefault(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) {
    for (const c of [...arr(spec, 'initContainers'), ...arr(spec, 'containers')]) {
      for (const p of arr(c, 'ports')) if (p.hostPort === undefined || p.hostPort === 0) p.hostPort = p.containerPort;
    }
  }
  for (const c of [...arr(spec, 'initContainers'), ...arr(spec, 'containers')]) {
    const res = ensure(c, 'resources');
    const limits = obj(res, 'limits');
    if (limits && Object.keys(limits).length) {
      const req = ensure(res, 'requests');
      for (const [k, v] of Object.entries(limits)) setDefault(req, k, v);
    }
  }
  if (!admission) return;
  // ServiceAccount and DefaultTolerationSeconds admission.
  if (str(spec, 'serviceAccountName') === '') {
    spec.serviceAccountName = 'default';
    spec.serviceAccount = 'default';
  }
  // Priority admission (the PriorityClass lookup) is the pipeline's: it reads the store.
  const tols = Array.isArray(spec.tolerations) ? (spec.tolerations as Obj[]) : [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const has = tols.some((t) => (t.key === key || (t.key === undefined && t.operator === 'Exists')) && (t.effect === 'NoExecute' || !t.effect));
    if (!has) tols.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tols;
  const st = ensure(pod as unknown as Obj, 'status');
  if (!st.phase) st.phase = 'Pending';
  st.qosClass = qosClass(spec);
}

/** The pod's QoS class (pkg/apis/core/helper/qos): BestEffort, Burstable or Guaranteed. */
export function qosClass(spec: Obj): string {
  const cs = [...arr(spec, 'initContainers'), ...arr(spec, 'containers')];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const res = obj(c, 'resources') ?? {};
    const req = obj(res, 'requests') ?? {};
    const lim = obj(res, 'limits') ?? {};
    for (const r of ['cpu', 'memory']) {
      const rq = parseQuantity(req[r]);
      const lm = parseQuantity(lim[r]);
      if ((rq ?? 0) > 0 || (lm ?? 0) > 0) any = true;
      if (lm === undefined || lm === 0 || (rq !== undefined && rq !== lm)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function validateProbe(p: unknown, path: Path, mustBeOne: boolean): FieldError[] {
  const probe = obj(p);
  if (!probe) return [];
  const errs: FieldError[] = [];
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((h) => probe[h] !== undefined && probe[h] !== null);
  if (handlers.length === 0) errs.push(required(path, 'must specify a handler type'));
  else if (handlers.length > 1) errs.push(forbidden(path.child(handlers[1]!), 'may not specify more than 1 handler type'));
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    errs.push(...nonNegative(probe[k], path.child(k)));
  }
  if (mustBeOne && typeof probe.successThreshold === 'number' && probe.successThreshold !== 1) {
    errs.push(invalid(path.child('successThreshold'), probe.successThreshold, 'must be 1'));
  }
  const port = obj(probe, 'httpGet')?.port ?? obj(probe, 'tcpSocket')?.port;
  const hp = probe.httpGet !== undefined ? path.child('httpGet', 'port') : path.child('tcpSocket', 'port');
  if (handlers.includes('httpGet') || handlers.includes('tcpSocket')) {
    if (typeof port === 'number') for (const m of isValidPortNum(port)) errs.push(invalid(hp, port, m));
    else if (typeof port === 'string') for (const m of isValidPortName(port)) errs.push(invalid(hp, port, m));
    else errs.push(required(hp, ''));
  }
  return errs;
}

function validateResources(res: unknown, path: Path): FieldError[] {
  const r = obj(res);
  if (!r) return [];
  const errs: FieldError[] = [];
  const lim = obj(r, 'limits') ?? {};
  const req = obj(r, 'requests') ?? {};
  for (const [name, m] of [['limits', lim], ['requests', req]] as const) {
    for (const [k, q] of Object.entries(m)) {
      const kp = path.child(name).key(k);
      if (!['cpu', 'memory', 'ephemeral-storage'].includes(k) && !k.startsWith('hugepages-')) {
        if (!k.includes('/') || isQualifiedName(k).length) {
          errs.push(invalid(kp, k, 'must be a standard resource type or fully qualified'));
          continue;
        }
      }
      errs.push(...validateQuantity(q, kp));
    }
  }
  for (const [k, q] of Object.entries(req)) {
    const rq = parseQuantity(q);
    const lm = parseQuantity(lim[k]);
    if (rq !== undefined && lm !== undefined && rq > lm) {
      errs.push(invalid(path.child('requests').key(k), String(q), `must be less than or equal to ${k} limit of ${String(lim[k])}`));
    }
  }
  return errs;
}

function validateContainers(
  cs: Obj[],
  path: Path,
  volumes: Set<string>,
  names: Set<string>,
  kind: 'containers' | 'initContainers',
): FieldError[] {
  const errs: FieldError[] = [];
  cs.forEach((c, i) => {
    const p = path.index(i);
    const name = str(c, 'name');
    if (name === '') errs.push(required(p.child('name'), ''));
    else {
      for (const m of isDNS1123Label(name)) errs.push(invalid(p.child('name'), name, m));
      if (names.has(name)) errs.push(duplicate(p.child('name'), name));
      names.add(name);
    }
    if (str(c, 'image').trim() === '') errs.push(required(p.child('image'), ''));
    else if (str(c, 'image') !== str(c, 'image').trim()) {
      errs.push(invalid(p.child('image'), c.image, 'must not have leading or trailing whitespace'));
    }
    errs.push(...oneOf(c.imagePullPolicy, p.child('imagePullPolicy'), PULL_POLICIES, false));
    errs.push(...oneOf(c.terminationMessagePolicy, p.child('terminationMessagePolicy'), TERMINATION_MESSAGE_POLICIES, false));
    const portNames = new Set<string>();
    arr(c, 'ports').forEach((port, j) => {
      const pp = p.child('ports').index(j);
      const pn = str(port, 'name');
      if (pn !== '') {
        for (const m of isValidPortName(pn)) errs.push(invalid(pp.child('name'), pn, m));
        if (portNames.has(pn)) errs.push(duplicate(pp.child('name'), pn));
        portNames.add(pn);
      }
      const cp = port.containerPort;
      if (cp === undefined || cp === 0) errs.push(required(pp.child('containerPort'), ''));
      else for (const m of isValidPortNum(Number(cp))) errs.push(invalid(pp.child('containerPort'), cp, m));
      if (typeof port.hostPort === 'number' && port.hostPort !== 0) {
        for (const m of isValidPortNum(port.hostPort)) errs.push(invalid(pp.child('hostPort'), port.hostPort, m));
      }
      errs.push(...oneOf(port.protocol, pp.child('protocol'), PROTOCOLS, false));
    });
    arr(c, 'env').forEach((e, j) => {
      const ep = p.child('env').index(j);
      const en = str(e, 'name');
      if (en === '') errs.push(required(ep.child('name'), ''));
      else if (!/^[\x20-\x3c\x3e-\x7e]+$/.test(en)) {
        errs.push(invalid(ep.child('name'), en, "a valid environment variable name must consist only of printable ASCII characters other than '='"));
      }
      const vf = obj(e, 'valueFrom');
      if (vf) {
        const srcs = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => vf[k] !== undefined && vf[k] !== null);
        if (srcs.length === 0) errs.push(invalid(ep.child('valueFrom'), '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
        else if (srcs.length > 1) errs.push(invalid(ep.child('valueFrom'), '', 'may not have more than one field specified at a time'));
        if (str(e, 'value') !== '') errs.push(invalid(ep.child('valueFrom'), '', 'may not be specified when `value` is not empty'));
        for (const k of ['configMapKeyRef', 'secretKeyRef']) {
          const ref = obj(vf, k);
          if (!ref) continue;
          const key = str(ref, 'key');
          if (key === '') errs.push(required(ep.child('valueFrom', k, 'key'), ''));
          else for (const m of isConfigMapKey(key)) errs.push(invalid(ep.child('valueFrom', k, 'key'), key, m));
        }
        const fr = obj(vf, 'fieldRef');
        if (fr && str(fr, 'fieldPath') === '') errs.push(required(ep.child('valueFrom', 'fieldRef', 'fieldPath'), ''));
      }
    });
    const mountPaths = new Set<string>();
    arr(c, 'volumeMounts').forEach((vm, j) => {
      const vp = p.child('volumeMounts').index(j);
      const vn = str(vm, 'name');
      if (vn === '') errs.push(required(vp.child('name'), ''));
      else if (!volumes.has(vn)) errs.push(notFound(vp.child('name'), vn));
      const mp = str(vm, 'mountPath');
      if (mp === '') errs.push(required(vp.child('mountPath'), ''));
      else if (mountPaths.has(mp)) errs.push(invalid(vp.child('mountPath'), mp, 'must be unique'));
      mountPaths.add(mp);
    });
    errs.push(...validateResources(c.resources, p.child('resources')));
    if (kind === 'containers') {
      errs.push(...validateProbe(c.livenessProbe, p.child('livenessProbe'), true));
      errs.push(...validateProbe(c.readinessProbe, p.child('readinessProbe'), false));
      errs.push(...validateProbe(c.startupProbe, p.child('startupProbe'), true));
    } else if (c.restartPolicy !== undefined && c.restartPolicy !== 'Always') {
      errs.push(notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']));
    }
  });
  return errs;
}

function validateVolumes(vols: Obj[], path: Path): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  vols.forEach((v, i) => {
    const p = path.index(i);
    const n = str(v, 'name');
    if (n === '') errs.push(required(p.child('name'), ''));
    else {
      for (const m of isDNS1123Label(n)) errs.push(invalid(p.child('name'), n, m));
      if (names.has(n)) errs.push(duplicate(p.child('name'), n));
      names.add(n);
    }
    const srcs = VOLUME_SOURCES.filter((s) => v[s] !== undefined && v[s] !== null);
    if (srcs.length === 0) errs.push(required(p, 'must specify a volume type'));
    else if (srcs.length > 1) errs.push(forbidden(p.child(srcs[1]!), 'may not specify more than 1 volume type'));
    const cm = obj(v, 'configMap');
    if (cm && str(cm, 'name') === '') errs.push(required(p.child('configMap', 'name'), ''));
    const sec = obj(v, 'secret');
    if (sec && str(sec, 'secretName') === '') errs.push(required(p.child('secret', 'secretName'), ''));
    const pvc = obj(v, 'persistentVolumeClaim');
    if (pvc && str(pvc, 'claimName') === '') errs.push(required(p.child('persistentVolumeClaim', 'claimName'), ''));
    const hp = obj(v, 'hostPath');
    if (hp && str(hp, 'path') === '') errs.push(required(p.child('hostPath', 'path'), ''));
    for (const [k, src] of [['configMap', cm], ['secret', sec]] as const) {
      arr(src, 'items').forEach((it, j) => {
        const ip = p.child(k, 'items').index(j);
        if (str(it, 'key') === '') errs.push(required(ip.child('key'), ''));
        const ipath = str(it, 'path');
        if (ipath === '') errs.push(required(ip.child('path'), ''));
        else if (ipath.startsWith('/')) errs.push(invalid(ip.child('path'), ipath, 'must be a relative path'));
        else if (ipath.split('/').includes('..')) errs.push(invalid(ip.child('path'), ipath, "must not contain '..'"));
      });
    }
  });
  return { errs, names };
}

/** Options for pod spec validation. */
export interface PodSpecOptions {
  /** Restart policies allowed beyond the enum (controllers of long-running pods allow only Always). */
  readonly restartPolicies?: readonly string[];
  /**
   * Volume names mounts may refer to beyond spec.volumes: a StatefulSet's
   * volumeClaimTemplates, which its controller turns into pod volumes.
   */
  readonly claimVolumes?: readonly string[];
}

/** ValidatePodSpec: containers, volumes, policies, scheduling fields. */
export function validatePodSpec(s: unknown, path: Path, opts: PodSpecOptions = {}): FieldError[] {
  const spec = obj(s) ?? {};
  const errs: FieldError[] = [];
  const { errs: volErrs, names: volumes } = validateVolumes(arr(spec, 'volumes'), path.child('volumes'));
  errs.push(...volErrs);
  for (const n of opts.claimVolumes ?? []) volumes.add(n);
  const names = new Set<string>();
  const containers = arr(spec, 'containers');
  if (containers.length === 0) errs.push(required(path.child('containers'), ''));
  errs.push(...validateContainers(arr(spec, 'initContainers'), path.child('initContainers'), volumes, names, 'initContainers'));
  errs.push(...validateContainers(containers, path.child('containers'), volumes, names, 'containers'));
  const rp = spec.restartPolicy;
  if (rp === undefined || rp === '') errs.push(required(path.child('restartPolicy'), ''));
  else if (!RESTART_POLICIES.includes(String(rp))) errs.push(notSupported(path.child('restartPolicy'), rp, RESTART_POLICIES));
  else if (opts.restartPolicies && !opts.restartPolicies.includes(String(rp))) {
    errs.push(notSupported(path.child('restartPolicy'), rp, opts.restartPolicies));
  }
  const dp = spec.dnsPolicy;
  if (dp === undefined || dp === '') errs.push(required(path.child('dnsPolicy'), ''));
  else if (!DNS_POLICIES.includes(String(dp))) errs.push(notSupported(path.child('dnsPolicy'), dp, DNS_POLICIES));
  if (dp === 'None' && !obj(spec, 'dnsConfig')) {
    errs.push(required(path.child('dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None'));
  }
  errs.push(...nonNegative(spec.terminationGracePeriodSeconds, path.child('terminationGracePeriodSeconds')));
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > 2147483647)) {
    errs.push(invalid(path.child('activeDeadlineSeconds'), ads, 'must be between 1 and 2147483647, inclusive'));
  }
  errs.push(...validateLabels(spec.nodeSelector, path.child('nodeSelector')));
  for (const k of ['serviceAccountName', 'nodeName']) {
    const v = str(spec, k);
    if (v !== '') for (const m of isDNS1123Subdomain(v)) errs.push(invalid(path.child(k), v, m));
  }
  for (const k of ['hostname', 'subdomain']) {
    const v = str(spec, k);
    if (v !== '') for (const m of isDNS1123Label(v)) errs.push(invalid(path.child(k), v, m));
  }
  const pcn = str(spec, 'priorityClassName');
  if (pcn !== '') for (const m of isDNS1123Subdomain(pcn)) errs.push(invalid(path.child('priorityClassName'), pcn, m));
  arr(spec, 'tolerations').forEach((t, i) => {
    const tp = path.child('tolerations').index(i);
    const key = str(t, 'key');
    if (key !== '') for (const m of isQualifiedName(key)) errs.push(invalid(tp.child('key'), key, m));
    const op = str(t, 'operator');
    if (key === '' && op !== 'Exists') errs.push(invalid(tp.child('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (op === 'Exists' && str(t, 'value') !== '') errs.push(invalid(tp.child('operator'), t, 'value must be empty when `operator` is \'Exists\''));
    if (op !== '' && op !== 'Exists' && op !== 'Equal') errs.push(notSupported(tp.child('operator'), op, ['Equal', 'Exists']));
    else if (op !== 'Exists') for (const m of isValidLabelValue(str(t, 'value'))) errs.push(invalid(tp.child('value'), str(t, 'value'), m));
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
      errs.push(invalid(tp.child('effect'), t.effect ?? '', 'effect must be \'NoExecute\' when `tolerationSeconds` is set'));
    }
    errs.push(...oneOf(t.effect, tp.child('effect'), TAINT_EFFECTS));
  });
  arr(spec, 'topologySpreadConstraints').forEach((c, i) => {
    const cp = path.child('topologySpreadConstraints').index(i);
    const skew = c.maxSkew;
    if (typeof skew !== 'number' || skew <= 0) errs.push(invalid(cp.child('maxSkew'), skew ?? 0, 'must be greater than zero'));
    const key = str(c, 'topologyKey');
    if (key === '') errs.push(required(cp.child('topologyKey'), 'can not be empty'));
    else for (const m of isQualifiedName(key)) errs.push(invalid(cp.child('topologyKey'), key, m));
    const wu = c.whenUnsatisfiable;
    if (wu === undefined || wu === '') errs.push(required(cp.child('whenUnsatisfiable'), ''));
    else if (wu !== 'DoNotSchedule' && wu !== 'ScheduleAnyway') errs.push(notSupported(cp.child('whenUnsatisfiable'), wu, ['DoNotSchedule', 'ScheduleAnyway']));
  });
  const psc = obj(spec, 'securityContext') ?? {};
  for (const k of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    const v = psc[k];
    if (typeof v === 'number' && (v < 0 || v > 2147483647)) errs.push(invalid(path.child('securityContext', k), v, 'must be between 0 and 2147483647, inclusive'));
  }
  arr(spec, 'imagePullSecrets').forEach((s2, i) => {
    if (str(s2, 'name') === '') errs.push(required(path.child('imagePullSecrets').index(i).child('name'), ''));
  });
  return errs;
}

/** ValidatePodTemplateSpec: template labels/annotations and the pod spec. */
export function validatePodTemplate(tpl: unknown, path: Path, opts: PodSpecOptions = {}): FieldError[] {
  const t = obj(tpl);
  if (!t) return [required(path, '')];
  const meta = obj(t, 'metadata') ?? {};
  return [
    ...validateLabels(meta.labels, path.child('metadata', 'labels')),
    ...validateAnnotations(meta.annotations, path.child('metadata', 'annotations')),
    ...validatePodSpec(t.spec, path.child('spec'), opts),
  ];
}

const POD_UPDATE_MSG =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** ValidatePodUpdate's spec rule: only images, activeDeadlineSeconds, added tolerations and scheduling gates removal may change. */
export function validatePodSpecUpdate(n: unknown, o: unknown): FieldError[] {
  const ns = cloneJson(obj(n) ?? {});
  const os = obj(o) ?? {};
  const errs: FieldError[] = [];
  const ads = ns.activeDeadlineSeconds;
  const oads = os.activeDeadlineSeconds;
  if (oads !== undefined && (ads === undefined || (typeof ads === 'number' && typeof oads === 'number' && ads > oads))) {
    errs.push(invalid(Path.root('spec', 'activeDeadlineSeconds'), ads ?? null, 'must be less than or equal to previous value'));
  }
  const oldTols = list(os, 'tolerations');
  const newTols = list(ns, 'tolerations');
  if (!oldTols.every((t) => newTols.some((x) => deepEqual(x, t)))) {
    errs.push(forbidden(Path.root('spec', 'tolerations'), 'existing toleration can not be modified except its tolerationSeconds'));
  }
  for (const k of ['containers', 'initContainers', 'ephemeralContainers']) {
    const oc = arr(os, k);
    arr(ns, k).forEach((c, i) => {
      if (oc[i]) c.image = oc[i]!.image;
    });
  }
  ns.activeDeadlineSeconds = os.activeDeadlineSeconds;
  ns.tolerations = os.tolerations;
  ns.schedulingGates = os.schedulingGates;
  ns.ephemeralContainers = os.ephemeralContainers;
  if (ns.terminationGracePeriodSeconds === 1 && typeof os.terminationGracePeriodSeconds === 'number' && os.terminationGracePeriodSeconds < 0) {
    ns.terminationGracePeriodSeconds = os.terminationGracePeriodSeconds;
  }
  if (!semanticEqual(ns, os)) errs.push(forbidden(Path.root('spec'), POD_UPDATE_MSG));
  return errs;
}

// ---- printing ----

function initialized(status: Obj): boolean {
  return arr(status, 'conditions').some((c) => c.type === 'Initialized' && c.status === 'True');
}

function terminatedAt(cs: Obj): number {
  const t = obj(obj(cs, 'lastState'), 'terminated');
  const at = t ? Date.parse(str(t, 'finishedAt')) : NaN;
  return Number.isNaN(at) ? 0 : at;
}

/** printPod's cells: NAME READY STATUS RESTARTS AGE IP NODE NOMINATED-NODE READINESS-GATES. */
export function podRow(pod: KubeObject, now: Date): unknown[] {
  const spec = obj(pod, 'spec') ?? {};
  const status = obj(pod, 'status') ?? {};
  const initSpecs = arr(spec, 'initContainers');
  const sidecar = (name: string): boolean => initSpecs.some((c) => c.name === name && c.restartPolicy === 'Always');
  let total = arr(spec, 'containers').length + initSpecs.filter((c) => c.restartPolicy === 'Always').length;
  let restarts = 0;
  let sidecarRestarts = 0;
  let ready = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  const phase = str(status, 'phase');
  let reason = str(status, 'reason') || phase;
  if (arr(status, 'conditions').some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated')) reason = 'SchedulingGated';

  let initializing = false;
  const inits = arr(status, 'initContainerStatuses');
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    restarts += num(c, 'restartCount') ?? 0;
    lastRestart = Math.max(lastRestart, terminatedAt(c));
    if (sidecar(str(c, 'name'))) {
      sidecarRestarts += num(c, 'restartCount') ?? 0;
      lastSidecarRestart = Math.max(lastSidecarRestart, terminatedAt(c));
    }
    const state = obj(c, 'state') ?? {};
    const term = obj(state, 'terminated');
    const wait = obj(state, 'waiting');
    if (term && (num(term, 'exitCode') ?? 0) === 0) continue;
    if (sidecar(str(c, 'name')) && c.started === true) {
      if (c.ready === true) ready++;
      continue;
    }
    if (term) {
      if (str(term, 'reason') === '') {
        const sig = num(term, 'signal') ?? 0;
        reason = sig !== 0 ? `Init:Signal:${sig}` : `Init:ExitCode:${num(term, 'exitCode') ?? 0}`;
      } else reason = `Init:${str(term, 'reason')}`;
    } else if (wait && str(wait, 'reason') !== '' && str(wait, 'reason') !== 'PodInitializing') {
      reason = `Init:${str(wait, 'reason')}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initialized(status)) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const css = arr(status, 'containerStatuses');
    for (let i = css.length - 1; i >= 0; i--) {
      const c = css[i]!;
      restarts += num(c, 'restartCount') ?? 0;
      lastRestart = Math.max(lastRestart, terminatedAt(c));
      const state = obj(c, 'state') ?? {};
      const wait = obj(state, 'waiting');
      const term = obj(state, 'terminated');
      if (wait && str(wait, 'reason') !== '') reason = str(wait, 'reason');
      else if (term && str(term, 'reason') !== '') reason = str(term, 'reason');
      else if (term) {
        const sig = num(term, 'signal') ?? 0;
        reason = sig !== 0 ? `Signal:${sig}` : `ExitCode:${num(term, 'exitCode') ?? 0}`;
      } else if (c.ready === true && obj(state, 'running')) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = arr(status, 'conditions').some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  const deleting = !!pod.metadata?.deletionTimestamp;
  if (deleting && str(status, 'reason') === 'NodeLost') reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  let restartsCell = String(restarts);
  if (restarts !== 0 && lastRestart !== 0) {
    restartsCell = `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`;
  }
  const ips = arr(status, 'podIPs');
  const ip = (ips.length ? str(ips[0], 'ip') : str(status, 'podIP')) || '<none>';
  const gates = arr(spec, 'readinessGates');
  let gatesCell = '<none>';
  if (gates.length) {
    const conds = arr(status, 'conditions');
    const trueCount = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
    gatesCell = `${trueCount}/${gates.length}`;
  }
  if (total < 0) total = 0;
  return [
    pod.metadata?.name ?? '',
    `${ready}/${total}`,
    reason,
    restartsCell,
    since(pod.metadata?.creationTimestamp, now),
    ip,
    str(spec, 'nodeName') || '<none>',
    str(status, 'nominatedNodeName') || '<none>',
    gatesCell,
  ];
}

/** Pod field selectors (pkg/registry/core/pod/strategy.go ToSelectableFields). */
export const podFieldSelectors: Readonly<Record<string, (o: KubeObject) => string | undefined>> = {
  'spec.nodeName': (o) => str(obj(o, 'spec'), 'nodeName'),
  'spec.restartPolicy': (o) => str(obj(o, 'spec'), 'restartPolicy'),
  'spec.schedulerName': (o) => str(obj(o, 'spec'), 'schedulerName'),
  'spec.serviceAccountName': (o) => str(obj(o, 'spec'), 'serviceAccountName'),
  'spec.hostNetwork': (o) => String(obj(o, 'spec')?.hostNetwork === true),
  'status.phase': (o) => str(obj(o, 'status'), 'phase'),
  'status.podIP': (o) => {
    const st = obj(o, 'status');
    const ips = arr(st, 'podIPs');
    return ips.length ? str(ips[0], 'ip') : str(st, 'podIP');
  },
  'status.nominatedNodeName': (o) => str(obj(o, 'status'), 'nominatedNodeName'),
};
