// The core ("" group, v1) kinds.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, forbidden, immutable, invalid, notSupported, required, semanticEqual, deepEqual } from './field.js';
import {
  AGE_COL, ALL_VERBS, CREATE_ONLY, NAME_COL, NO_COLLECTION_VERBS, SCALE_SUB, age, arr, col, containersAndImages, ensure,
  formatMap, int, list, obj, setDefault, since, statusSub, str, type Obj,
} from './common.js';
import {
  isConfigMapKey, isDNS1123Label, isDNS1123Subdomain, isIP, metaErrors, nameIsDNSLabel, nameIsDNSSubdomain, nonNegative, oneOf,
  validateLabels, validateQuantity, parseQuantity,
} from './validation.js';
import { validatePodSpec, validatePodSpecUpdate, validatePodTemplate } from './pod.js';
import { defaultPod, defaultPodTemplate } from './pod-defaults.js';
import { podFieldSelectors, podRow } from './pod-table.js';
import { beginServiceWrite, defaultService, serviceAfterDelete, serviceRow, validateService } from './service.js';
import { namespaceAwaitsFinalize, namespaceMarkDeleting, namespacePrepareForCreate, namespacePrepareForUpdate } from './namespace.js';
import { podGracePeriod } from './pod-grace.js';
import { cloneJson } from '../../../util/json.js';

const V = 'v1';
const sub = (kind: string) => statusSub('', V, kind);

// ---- Namespace ----
function namespaceValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false, nameFn: nameIsDNSLabel });
  list(obj(o, 'spec'), 'finalizers').forEach((f, i) => {
    const s = String(f);
    if (!s.includes('/') && s !== 'kubernetes') {
      errs.push(invalid(Path.root('spec', 'finalizers').index(i), s, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

// ---- ConfigMap / Secret ----
const MAX_SIZE = 1024 * 1024;

function immutableData(o: KubeObject, old: KubeObject | undefined, fields: string[]): FieldError[] {
  if (!old || (old as Obj).immutable !== true) return [];
  const errs: FieldError[] = [];
  if ((o as Obj).immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (!deepEqual((o as Obj)[f] ?? {}, (old as Obj)[f] ?? {})) errs.push(forbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

function configMapValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const data = obj(o, 'data') ?? {};
  const bin = obj(o, 'binaryData') ?? {};
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(Path.root('data').key(k), k, m));
    size += Buffer.byteLength(String(v));
  }
  for (const [k, v] of Object.entries(bin)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(Path.root('binaryData').key(k), k, m));
    if (k in data) errs.push(invalid(Path.root('binaryData').key(k), k, 'duplicate of key present in data'));
    size += Buffer.from(String(v), 'base64').length;
  }
  if (size > MAX_SIZE) errs.push({ type: 'FieldValueTooLong', field: '', message: `Too long: may not be more than ${MAX_SIZE} bytes` });
  errs.push(...immutableData(o, old, ['data', 'binaryData']));
  return errs;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The byte offset where Go's base64 decoder would fail, or -1 when the string is valid std base64. */
function badBase64At(s: string): number {
  if (s.length % 4 === 1 && B64.test(s)) return s.length - 1;
  for (let i = 0; i < s.length; i++) if (!/[A-Za-z0-9+/=]/.test(s[i]!)) return i;
  if (!B64.test(s) || s.length % 4 !== 0) return Math.max(0, s.length - (s.length % 4 || 4));
  return -1;
}

function secretDefaults(o: KubeObject): void {
  const s = o as Obj;
  setDefault(s, 'type', 'Opaque');
  if (s.type === '') s.type = 'Opaque';
  // v1 conversion: stringData is merged into data (write-only field).
  const sd = obj(s, 'stringData');
  if (sd) {
    const data = ensure(s, 'data');
    for (const [k, v] of Object.entries(sd)) data[k] = Buffer.from(String(v)).toString('base64');
    delete s.stringData;
  }
}

function secretValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const data = obj(o, 'data') ?? {};
  const dp = Path.root('data');
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(invalid(dp.key(k), k, m));
    const s = typeof v === 'string' ? v : '';
    const at = badBase64At(s);
    if (at >= 0) errs.push(invalid(dp.key(k), '<secret contents redacted>', `illegal base64 data at input byte ${at}`));
    size += Buffer.from(s, 'base64').length;
  }
  if (size > MAX_SIZE) errs.push({ type: 'FieldValueTooLong', field: 'data', message: `Too long: may not be more than ${MAX_SIZE} bytes` });
  const type = str(o, 'type');
  const need = (...keys: string[]): void => {
    for (const k of keys) if (!(k in data)) errs.push(required(dp.key(k), ''));
  };
  switch (type) {
    case 'kubernetes.io/service-account-token':
      if (!o.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required(Path.root('metadata', 'annotations').key('kubernetes.io/service-account.name'), ''));
      }
      break;
    case 'kubernetes.io/dockercfg':
      need('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      need('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!('username' in data) && !('password' in data)) need('username', 'password');
      break;
    case 'kubernetes.io/ssh-auth':
      need('ssh-privatekey');
      break;
    case 'kubernetes.io/tls':
      need('tls.crt', 'tls.key');
      break;
  }
  if (old && str(old, 'type') !== type) errs.push(immutable('type', type));
  errs.push(...immutableData(o, old, ['data']));
  return errs;
}

// ---- PersistentVolume / PersistentVolumeClaim ----
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const ACCESS_SHORT: Record<string, string> = { ReadWriteOnce: 'RWO', ReadOnlyMany: 'ROX', ReadWriteMany: 'RWX', ReadWriteOncePod: 'RWOP' };

function accessModesString(modes: unknown[]): string {
  const order = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
  return order.filter((m) => modes.includes(m)).map((m) => ACCESS_SHORT[m]).join(',');
}

function validateAccessModes(spec: Obj, sp: Path): FieldError[] {
  const errs: FieldError[] = [];
  const modes = list(spec, 'accessModes');
  if (modes.length === 0) errs.push(required(sp.child('accessModes'), 'at least 1 access mode is required'));
  for (const m of modes) if (!ACCESS_MODES.includes(String(m))) errs.push(notSupported(sp.child('accessModes'), m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) {
    errs.push(forbidden(sp.child('accessModes'), 'may not use ReadWriteOncePod with other access modes'));
  }
  return errs;
}

function storageClassOf(o: KubeObject): string {
  return str(obj(o, 'spec'), 'storageClassName') || (o.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '');
}

function pvcValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const spec = obj(o, 'spec') ?? {};
  errs.push(...validateAccessModes(spec, sp));
  const reqs = obj(obj(spec, 'resources'), 'requests') ?? {};
  if (reqs.storage === undefined) errs.push(required(sp.child('resources').key('storage'), ''));
  else errs.push(...validateQuantity(reqs.storage, sp.child('resources', 'requests').key('storage')));
  errs.push(...oneOf(spec.volumeMode, sp.child('volumeMode'), ['Block', 'Filesystem']));
  if (old) {
    const os = cloneJson(obj(old, 'spec') ?? {});
    const ns = cloneJson(spec);
    const oreq = obj(obj(os, 'resources'), 'requests') ?? {};
    delete ensure(ensure(os, 'resources'), 'requests').storage;
    delete ensure(ensure(ns, 'resources'), 'requests').storage;
    // The binder may fill volumeName once; storageClassName may go from unset to a class
    // (RetroactiveDefaultStorageClass, GA in 1.28).
    if (!os.volumeName) delete ns.volumeName;
    if (!os.storageClassName) delete ns.storageClassName;
    if (!semanticEqual(os, ns)) errs.push(forbidden(sp, 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
    const before = parseQuantity(oreq.storage);
    const after = parseQuantity(reqs.storage);
    if (before !== undefined && after !== undefined && after < before) {
      errs.push(forbidden(sp.child('resources', 'requests', 'storage'), 'field can not be less than previous value'));
    }
  }
  return errs;
}

const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'iscsi', 'cephfs', 'cinder', 'fc',
  'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'local',
  'storageos', 'csi',
];

function pvValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false });
  const sp = Path.root('spec');
  const spec = obj(o, 'spec') ?? {};
  errs.push(...validateAccessModes(spec, sp));
  const cap = obj(spec, 'capacity') ?? {};
  if (Object.keys(cap).length === 0) errs.push(required(sp.child('capacity'), ''));
  for (const [k, q] of Object.entries(cap)) {
    if (k !== 'storage') errs.push(notSupported(sp.child('capacity').key(k), k, ['storage']));
    else errs.push(...validateQuantity(q, sp.child('capacity').key(k)));
  }
  errs.push(...oneOf(spec.persistentVolumeReclaimPolicy, sp.child('persistentVolumeReclaimPolicy'), ['Delete', 'Recycle', 'Retain']));
  const srcs = PV_SOURCES.filter((s) => spec[s] !== undefined && spec[s] !== null);
  if (srcs.length === 0) errs.push(required(sp, 'must specify a volume type'));
  else if (srcs.length > 1) errs.push(forbidden(sp.child(srcs[1]!), 'may not specify more than 1 volume type'));
  if (old) {
    const ovm = str(obj(old, 'spec'), 'volumeMode');
    if (ovm !== str(spec, 'volumeMode')) errs.push(immutable(sp.child('volumeMode'), spec.volumeMode ?? null));
  }
  return errs;
}

// ---- ReplicationController ----
function rcDefaults(o: KubeObject): void {
  const spec = ensure(o as unknown as Obj, 'spec');
  const tpl = obj(spec, 'template');
  const tlabels = obj(obj(tpl, 'metadata'), 'labels');
  if (tlabels && Object.keys(tlabels).length) {
    if (!obj(spec, 'selector') || Object.keys(obj(spec, 'selector')!).length === 0) spec.selector = { ...tlabels };
    if (!o.metadata.labels || Object.keys(o.metadata.labels).length === 0) o.metadata.labels = { ...(tlabels as Record<string, string>) };
  }
  setDefault(spec, 'replicas', 1);
  defaultPodTemplate(tpl);
}

function rcValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const spec = obj(o, 'spec') ?? {};
  errs.push(...nonNegative(spec.replicas, sp.child('replicas')));
  errs.push(...nonNegative(spec.minReadySeconds, sp.child('minReadySeconds')));
  const sel = obj(spec, 'selector') ?? {};
  if (Object.keys(sel).length === 0) errs.push(required(sp.child('selector'), ''));
  else errs.push(...validateLabels(sel, sp.child('selector')));
  const tpl = obj(spec, 'template');
  if (!tpl) errs.push(required(sp.child('template'), ''));
  else {
    const labels = (obj(obj(tpl, 'metadata'), 'labels') ?? {}) as Record<string, string>;
    if (Object.keys(sel).length && !Object.entries(sel).every(([k, v]) => labels[k] === v)) {
      errs.push(invalid(sp.child('template', 'metadata', 'labels'), labels, '`selector` does not match template `labels`'));
    }
    errs.push(...validatePodTemplate(tpl, sp.child('template'), { restartPolicies: ['Always'] }));
  }
  return errs;
}

// ---- Node ----
function nodeRoles(labels: Record<string, string> | undefined): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const r = k.slice('node-role.kubernetes.io/'.length);
      if (r) roles.add(r);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

function nodeRow(o: KubeObject, now: Date): unknown[] {
  const st = obj(o, 'status') ?? {};
  const ready = arr(st, 'conditions').find((c) => c.type === 'Ready');
  const status: string[] = [];
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (status.length === 0) status.push('Unknown');
  if (obj(o, 'spec')?.unschedulable === true) status.push('SchedulingDisabled');
  const info = obj(st, 'nodeInfo') ?? {};
  const addr = (t: string): string => str(arr(st, 'addresses').find((a) => a.type === t), 'address') || '<none>';
  return [
    o.metadata.name ?? '',
    status.join(','),
    nodeRoles(o.metadata.labels),
    age(o, now),
    str(info, 'kubeletVersion'),
    addr('InternalIP'),
    addr('ExternalIP'),
    str(info, 'osImage') || '<unknown>',
    str(info, 'kernelVersion') || '<unknown>',
    str(info, 'containerRuntimeVersion') || '<unknown>',
  ];
}

function nodeValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: false });
  arr(obj(o, 'spec'), 'taints').forEach((t, i) => {
    const tp = Path.root('spec', 'taints').index(i);
    if (str(t, 'key') === '') errs.push(required(tp.child('key'), ''));
    errs.push(...oneOf(t.effect, tp.child('effect'), ['NoExecute', 'NoSchedule', 'PreferNoSchedule'], false));
  });
  const pod = str(obj(o, 'spec'), 'podCIDR');
  if (old && str(obj(old, 'spec'), 'podCIDR') !== '' && pod !== str(obj(old, 'spec'), 'podCIDR')) {
    errs.push(forbidden(Path.root('spec', 'podCIDRs'), 'node updates may not change podCIDR except from "" to valid'));
  }
  return errs;
}

// ---- Events (core/v1), shared with events.k8s.io ----
function eventSource(component: string, host: string, controller: string, instance: string): string {
  const c = component || controller;
  const i = host || instance;
  return i === '' ? c : `${c}, ${i}`;
}

/** printEvent's cells for a core/v1 Event. */
export function coreEventRow(o: KubeObject, now: Date): unknown[] {
  const e = o as Obj;
  const first = str(e, 'firstTimestamp') ? since(e.firstTimestamp, now) : since(e.eventTime, now);
  let last = str(e, 'lastTimestamp') ? since(e.lastTimestamp, now) : first;
  let count = int(e, 'count');
  const series = obj(e, 'series');
  if (series) {
    last = since(series.lastObservedTime, now);
    count = int(series, 'count');
  } else if (count === 0) count = 1;
  const io = obj(e, 'involvedObject') ?? {};
  const kind = str(io, 'kind').toLowerCase();
  const target = str(io, 'name') ? `${kind}/${str(io, 'name')}` : kind;
  const src = obj(e, 'source') ?? {};
  return [
    last,
    str(e, 'type'),
    str(e, 'reason'),
    target,
    str(io, 'fieldPath'),
    eventSource(str(src, 'component'), str(src, 'host'), str(e, 'reportingComponent'), str(e, 'reportingInstance')),
    str(e, 'message').trim(),
    first,
    count,
    o.metadata.name ?? '',
  ];
}

export const EVENT_COLUMNS = [
  col('Last Seen', 'Time when last event occurred'),
  col('Type', 'Type of this event.'),
  col('Reason', 'Reason why this event was generated.'),
  col('Object', 'Object this event is about.'),
  col('Subobject', 'Subobject this event is about.', true),
  col('Source', 'Source of this event.', true),
  col('Message', 'Message describing this event.'),
  col('First Seen', 'Time when first event occurred.', true),
  col('Count', 'The number of times this event has occurred.', true),
  { ...NAME_COL, priority: 1 },
];

function eventValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const io = obj(o, 'involvedObject') ?? {};
  const ns = str(io, 'namespace');
  if (ns !== '' && ns !== (o.metadata.namespace ?? '')) {
    errs.push(invalid(Path.root('involvedObject', 'namespace'), ns, 'does not match event.namespace'));
  }
  return errs;
}

// ---- Endpoints ----
function endpointsRow(o: KubeObject, now: Date): unknown[] {
  const subsets = arr(o, 'subsets');
  let cell: string;
  if (subsets.length === 0) cell = '<none>';
  else {
    const out: string[] = [];
    let count = 0;
    let more = false;
    for (const ss of subsets) {
      const addrs = arr(ss, 'addresses');
      const ports = arr(ss, 'ports');
      if (ports.length === 0) {
        count += addrs.length;
        for (const a of addrs) {
          if (out.length === 3) {
            more = true;
            break;
          }
          out.push(str(a, 'ip'));
        }
        continue;
      }
      for (const p of ports) {
        count += addrs.length;
        for (const a of addrs) {
          if (out.length === 3) {
            more = true;
            break;
          }
          const ip = str(a, 'ip');
          out.push(`${ip.includes(':') ? `[${ip}]` : ip}:${String(p.port)}`);
        }
      }
    }
    cell = out.join(',');
    if (more) cell = `${cell} + ${count - 3} more...`;
  }
  return [o.metadata.name ?? '', cell, age(o, now)];
}

function endpointsValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  arr(o, 'subsets').forEach((ss, i) => {
    const sp = Path.root('subsets').index(i);
    for (const k of ['addresses', 'notReadyAddresses']) {
      arr(ss, k).forEach((a, j) => {
        const ip = str(a, 'ip');
        if (!isIP(ip)) errs.push(invalid(sp.child(k).index(j).child('ip'), ip, 'must be a valid IP address'));
      });
    }
    arr(ss, 'ports').forEach((p, j) => {
      const pp = sp.child('ports').index(j);
      const port = Number(p.port ?? 0);
      if (!(port >= 1 && port <= 65535)) errs.push(invalid(pp.child('port'), p.port ?? 0, 'must be between 1 and 65535, inclusive'));
      errs.push(...oneOf(p.protocol, pp.child('protocol'), ['SCTP', 'TCP', 'UDP'], false));
    });
  });
  return errs;
}

// ---- ResourceQuota / LimitRange ----
function quotaRow(o: KubeObject, now: Date): unknown[] {
  const st = obj(o, 'status') ?? {};
  const hard = obj(st, 'hard') ?? {};
  const used = obj(st, 'used') ?? {};
  const req: string[] = [];
  const lim: string[] = [];
  for (const r of Object.keys(hard).sort()) {
    const cell = `${r}: ${String(used[r] ?? '0')}/${String(hard[r])}`;
    const pieces = r.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? lim : req).push(cell);
  }
  return [o.metadata.name ?? '', req.join(', '), lim.join(', '), age(o, now)];
}

function quotaValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  for (const [k, q] of Object.entries(obj(obj(o, 'spec'), 'hard') ?? {})) errs.push(...validateQuantity(q, Path.root('spec', 'hard').key(k)));
  return errs;
}

function limitRangeDefaults(o: KubeObject): void {
  for (const item of arr(obj(o, 'spec'), 'limits')) {
    if (item.type !== 'Container') continue;
    const max = obj(item, 'max') ?? {};
    const def = ensure(item, 'default');
    for (const [k, v] of Object.entries(max)) setDefault(def, k, v);
    const dreq = ensure(item, 'defaultRequest');
    for (const [k, v] of Object.entries(def)) setDefault(dreq, k, v);
    const min = obj(item, 'min') ?? {};
    for (const [k, v] of Object.entries(min)) setDefault(dreq, k, v);
  }
}

function limitRangeValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  arr(obj(o, 'spec'), 'limits').forEach((item, i) => {
    const ip = Path.root('spec', 'limits').index(i);
    const t = str(item, 'type');
    if (t === '') errs.push(required(ip.child('type'), ''));
    for (const k of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) {
      for (const [r, q] of Object.entries(obj(item, k) ?? {})) errs.push(...validateQuantity(q, ip.child(k).key(r)));
    }
  });
  return errs;
}

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
      for (const ss of arr(o, 'subsets')) for (const p of arr(ss, 'ports')) setDefault(p, 'protocol', 'TCP');
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
      setDefault(st, 'phase', 'Active');
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
      setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
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
    scaleSelector: (o) => Object.entries(obj(obj(o, 'spec'), 'selector') ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || undefined,
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

