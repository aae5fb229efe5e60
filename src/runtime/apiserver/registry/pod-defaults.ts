// Pod spec defaulting wherever a pod spec appears (Pods and the templates of
// Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs, RCs,
// PodTemplates), as pkg/apis/core/v1/defaults.go does, and the QoS class.
import type { KubeObject } from '../../../apimachinery/types.js';
import { arr, defaultString, ensure, obj, setDefault, str, type Obj } from './common.js';
import { parseQuantity } from './validation.js';
import { VOLUME_SOURCES } from './pod.js';
import { qosClass } from '../../quota.js';

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
    defaultString(http, 'path', '/');
    defaultString(http, 'scheme', 'HTTP');
  }
  const grpc = obj(h, 'grpc');
  if (grpc) setDefault(grpc, 'service', '');
}

function defaultContainer(c: Obj, hostNetwork: boolean): void {
  if (c.imagePullPolicy === undefined || c.imagePullPolicy === '') {
    c.imagePullPolicy = pullsAlways(str(c, 'image')) ? 'Always' : 'IfNotPresent';
  }
  defaultString(c, 'terminationMessagePath', '/dev/termination-log');
  defaultString(c, 'terminationMessagePolicy', 'File');
  if (!obj(c, 'resources')) c.resources = {};
  for (const p of arr(c, 'ports')) {
    defaultString(p, 'protocol', 'TCP');
    if (hostNetwork && (p.hostPort === undefined || p.hostPort === 0)) p.hostPort = p.containerPort;
  }
  for (const e of arr(c, 'env')) {
    const fr = obj(obj(e, 'valueFrom'), 'fieldRef');
    if (fr) defaultString(fr, 'apiVersion', 'v1');
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
    defaultString(fr, 'apiVersion', 'v1');
  }
}

/** SetDefaults_PodSpec and the container/volume/probe defaulters, in place. */
export function defaultPodSpec(spec: Obj): void {
  defaultString(spec, 'dnsPolicy', 'ClusterFirst');
  defaultString(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  defaultString(spec, 'schedulerName', 'default-scheduler');
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
