// networking.k8s.io/v1: Ingresses, IngressClasses, NetworkPolicies.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, invalid, notSupported, required } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, arr, col, ensure, formatLabelSelector, list, obj, setDefault, statusSub, str, type Obj } from './common.js';
import { isIP, isValidPortName, isValidPortNum, metaErrors, oneOf, validateLabelSelector } from './validation.js';
import { isDNS1123Label, isDNS1123Subdomain } from '../../../apimachinery/validation.js';

const G = 'networking.k8s.io';
const V = 'v1';
const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

function validateBackend(b: Obj, p: Path): FieldError[] {
  const errs: FieldError[] = [];
  const svc = obj(b, 'service');
  const res = obj(b, 'resource');
  if (svc && res) return [invalid(p, '', 'cannot set both resource and service backends')];
  if (!svc && !res) return [required(p, 'one of `service` or `resource` must be specified')];
  if (svc) {
    const name = str(svc, 'name');
    if (name === '') errs.push(required(p.child('service', 'name'), ''));
    else for (const m of isDNS1123Label(name)) errs.push(invalid(p.child('service', 'name'), name, m));
    const port = obj(svc, 'port') ?? {};
    const pn = str(port, 'name');
    const num = port.number;
    if (pn !== '' && num !== undefined && num !== 0) errs.push(invalid(p.child('service', 'port'), port, 'cannot set both port name & port number'));
    else if (pn !== '') for (const m of isValidPortName(pn)) errs.push(invalid(p.child('service', 'port', 'name'), pn, m));
    else if (num !== undefined && num !== 0) for (const m of isValidPortNum(Number(num))) errs.push(invalid(p.child('service', 'port', 'number'), num, m));
    else errs.push(required(p.child('service', 'port'), 'port name or number is required'));
  }
  if (res) {
    if (str(res, 'kind') === '') errs.push(required(p.child('resource', 'kind'), ''));
    if (str(res, 'name') === '') errs.push(required(p.child('resource', 'name'), ''));
  }
  return errs;
}

function ingressValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  const rules = arr(s, 'rules');
  const db = obj(s, 'defaultBackend');
  if (rules.length === 0 && !db) errs.push(invalid(sp, s, 'either `defaultBackend` or `rules` must be specified'));
  if (db) errs.push(...validateBackend(db, sp.child('defaultBackend')));
  rules.forEach((r, i) => {
    const rp = sp.child('rules').index(i);
    const host = str(r, 'host');
    if (host !== '') {
      if (isIP(host)) errs.push(invalid(rp.child('host'), host, 'must be a DNS name, not an IP address'));
      const h = host.startsWith('*.') ? host.slice(2) : host;
      for (const m of isDNS1123Subdomain(h)) errs.push(invalid(rp.child('host'), host, m));
    }
    const http = obj(r, 'http');
    if (!http) return;
    const paths = arr(http, 'paths');
    if (paths.length === 0) errs.push(required(rp.child('http', 'paths'), ''));
    paths.forEach((pth, j) => {
      const pp = rp.child('http', 'paths').index(j);
      const pt = pth.pathType;
      if (pt === undefined || pt === null || pt === '') errs.push(required(pp.child('pathType'), 'pathType must be specified'));
      else if (!PATH_TYPES.includes(String(pt))) errs.push(notSupported(pp.child('pathType'), pt, PATH_TYPES));
      const path = str(pth, 'path');
      if ((pt === 'Exact' || pt === 'Prefix') && !path.startsWith('/')) errs.push(invalid(pp.child('path'), path, 'must be an absolute path'));
      const b = obj(pth, 'backend');
      if (!b) errs.push(required(pp.child('backend'), ''));
      else errs.push(...validateBackend(b, pp.child('backend')));
    });
  });
  arr(s, 'tls').forEach((t, i) => {
    list(t, 'hosts').forEach((h, j) => {
      const host = String(h).startsWith('*.') ? String(h).slice(2) : String(h);
      for (const m of isDNS1123Subdomain(host)) errs.push(invalid(sp.child('tls').index(i).child('hosts').index(j), h, m));
    });
  });
  const cls = s.ingressClassName;
  if (typeof cls === 'string') for (const m of isDNS1123Subdomain(cls)) errs.push(invalid(sp.child('ingressClassName'), cls, m));
  return errs;
}

function ingressRow(o: KubeObject, now: Date): unknown[] {
  const s = obj(o, 'spec') ?? {};
  const hosts = arr(s, 'rules').map((r) => str(r, 'host')).filter((h) => h !== '');
  let hostCell = hosts.slice(0, 3).join(',');
  if (hosts.length > 3) hostCell += ` + ${hosts.length - 3} more...`;
  if (hosts.length === 0) hostCell = '*';
  const addr = arr(obj(obj(o, 'status'), 'loadBalancer'), 'ingress')
    .map((i) => str(i, 'ip') || str(i, 'hostname'))
    .filter((x) => x !== '')
    .join(',');
  return [o.metadata.name ?? '', typeof s.ingressClassName === 'string' ? s.ingressClassName : '<none>', hostCell, addr, arr(s, 'tls').length ? '80, 443' : '80', age(o, now)];
}

function netpolDefaults(o: KubeObject): void {
  const s = ensure(o as unknown as Obj, 'spec');
  setDefault(s, 'podSelector', {});
  for (const k of ['ingress', 'egress']) for (const r of arr(s, k)) for (const p of arr(r, 'ports')) setDefault(p, 'protocol', 'TCP');
  if (list(s, 'policyTypes').length === 0) {
    const types = ['Ingress'];
    if (list(s, 'egress').length > 0) types.push('Egress');
    s.policyTypes = types;
  }
}

function netpolValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  errs.push(...validateLabelSelector(s.podSelector, sp.child('podSelector')));
  const types = list(s, 'policyTypes');
  if (types.length > 2) errs.push(invalid(sp.child('policyTypes'), types, 'may not specify more than two policyTypes'));
  types.forEach((t, i) => errs.push(...oneOf(t, sp.child('policyTypes').index(i), ['Egress', 'Ingress'], false)));
  for (const [k, peerKey] of [['ingress', 'from'], ['egress', 'to']] as const) {
    arr(s, k).forEach((r, i) => {
      const rp = sp.child(k).index(i);
      arr(r, 'ports').forEach((p, j) => {
        const pp = rp.child('ports').index(j);
        errs.push(...oneOf(p.protocol, pp.child('protocol'), ['SCTP', 'TCP', 'UDP']));
        if (typeof p.port === 'number') for (const m of isValidPortNum(p.port)) errs.push(invalid(pp.child('port'), p.port, m));
        if (typeof p.port === 'string') for (const m of isValidPortName(p.port)) errs.push(invalid(pp.child('port'), p.port, m));
      });
      arr(r, peerKey).forEach((peer, j) => {
        const pp = rp.child(peerKey).index(j);
        const n = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((x) => peer[x] !== undefined && peer[x] !== null).length;
        if (n === 0) errs.push(required(pp, 'must specify a peer'));
        else if (peer.ipBlock !== undefined && n > 1) errs.push({ type: 'FieldValueForbidden', field: pp.toString(), message: 'Forbidden: may not specify both ipBlock and another peer' });
        errs.push(...validateLabelSelector(peer.podSelector, pp.child('podSelector')));
        errs.push(...validateLabelSelector(peer.namespaceSelector, pp.child('namespaceSelector')));
        const ib = obj(peer, 'ipBlock');
        if (ib && str(ib, 'cidr') === '') errs.push(required(pp.child('ipBlock', 'cidr'), ''));
      });
    });
  }
  return errs;
}

export const resources: ResourceDef[] = [
  {
    group: G, version: V, kind: 'IngressClass', listKind: 'IngressClassList', plural: 'ingressclasses', singular: 'ingressclass', namespaced: false,
    verbs: ALL_VERBS, tracksGeneration: true,
    columns: [NAME_COL, col('Controller', 'Controller that is responsible for handling this class'), col('Parameters', 'A reference to a resource with additional parameters'), AGE_COL],
    row: (o, now) => {
      const s = obj(o, 'spec') ?? {};
      const p = obj(s, 'parameters');
      let params = '<none>';
      if (p) {
        params = str(p, 'kind');
        if (typeof p.apiGroup === 'string') params += `.${p.apiGroup}`;
        params += `/${str(p, 'name')}`;
      }
      return [o.metadata.name ?? '', str(s, 'controller'), params, age(o, now)];
    },
    defaults: (o) => {
      const p = obj(obj(o, 'spec'), 'parameters');
      if (p) setDefault(p, 'scope', 'Cluster');
    },
    validate: (o, old) => {
      const errs = metaErrors(o, old, { namespaced: false });
      const c = str(obj(o, 'spec'), 'controller');
      if (c === '') errs.push(required(Path.root('spec', 'controller'), ''));
      if (old && c !== str(obj(old, 'spec'), 'controller')) errs.push(invalid(Path.root('spec', 'controller'), c, 'field is immutable'));
      return errs;
    },
  },
  {
    group: G, version: V, kind: 'Ingress', listKind: 'IngressList', plural: 'ingresses', singular: 'ingress', namespaced: true, verbs: ALL_VERBS,
    shortNames: ['ing'], hasStatus: true, tracksGeneration: true, subresources: [statusSub(G, V, 'Ingress')],
    columns: [
      NAME_COL, col('Class', 'The name of the IngressClass resource that should be used for additional configuration'), col('Hosts', 'Hosts that incoming requests are matched against before the ingress rule'),
      col('Address', 'Address is a list containing ingress points for the load-balancer'), col('Ports', 'Ports of TLS configurations that open'), AGE_COL,
    ],
    row: ingressRow,
    validate: (o, old) => ingressValidate(o, old),
  },
  {
    group: G, version: V, kind: 'NetworkPolicy', listKind: 'NetworkPolicyList', plural: 'networkpolicies', singular: 'networkpolicy', namespaced: true,
    verbs: ALL_VERBS, shortNames: ['netpol'], tracksGeneration: true,
    columns: [NAME_COL, col('Pod-Selector', 'Selects the pods to which this NetworkPolicy object applies. The array of ingress rules is applied to any pods selected by this field. Multiple network policies can select the same set of pods. In this case, the ingress rules for each are combined additively. This field is NOT optional and follows standard label selector semantics. An empty podSelector matches all pods in this namespace.'), AGE_COL],
    row: (o, now) => [o.metadata.name ?? '', formatLabelSelector(obj(o, 'spec')?.podSelector) || '<none>', age(o, now)],
    defaults: (o) => netpolDefaults(o),
    validate: (o, old) => netpolValidate(o, old),
  },
];
