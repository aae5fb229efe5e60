// Pod spec validation wherever a pod spec appears (Pods and the templates of
// Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, RCs,
// PodTemplates): pkg/apis/core/validation ValidatePodSpec and friends.
// Defaulting is in pod-defaults.ts, the printer in pod-table.ts.
import type { FieldError } from './types.js';
import { Path, duplicate, forbidden, invalid, notFound, notSupported, required, semanticEqual, deepEqual } from './field.js';
import { arr, list, obj, str, type Obj } from './common.js';
import { isConfigMapKey, isValidPortName, isValidPortNum, nonNegative, oneOf, parseQuantity, validateAnnotations, validateLabels, validateQuantity } from './validation.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../../../apimachinery/validation.js';
import { cloneJson } from '../../../util/json.js';

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'];
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'];
const TAINT_EFFECTS = ['NoExecute', 'NoSchedule', 'PreferNoSchedule'];
/** The volume source fields of a pod volume (exactly one is set; none means emptyDir). */
export const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];


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

/** A container's or volume's name: required, a DNS-1123 label, unique among `names` (which it joins). */
function uniqueLabelName(name: string, p: Path, names: Set<string>, errs: FieldError[]): void {
  if (name === '') errs.push(required(p, ''));
  else {
    for (const m of isDNS1123Label(name)) errs.push(invalid(p, name, m));
    if (names.has(name)) errs.push(duplicate(p, name));
    names.add(name);
  }
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
    uniqueLabelName(str(c, 'name'), p.child('name'), names, errs);
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
    uniqueLabelName(str(v, 'name'), p.child('name'), names, errs);
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
