// Services: defaulting (SetDefaults_Service plus the REST storage's IP family
// and allocation steps), validation (ValidateService/ValidateServiceUpdate)
// and the printer (printService).
import type { KubeObject } from '../../../apimachinery/types.js';
import { ObjectInvalidError } from '../../../errors.js';
import type { FieldError, RegistryContext, WriteTransaction } from './types.js';
import { Path, duplicate, forbidden, invalid, notSupported, required } from './field.js';
import { arr, defaultString, ensure, list, obj, setDefault, since, str, formatMap, type Obj } from './common.js';
import { AllocationError, releaseServiceAllocations } from './allocator.js';
import { isIP, isValidPortName, isValidPortNum, metaErrors, oneOf, validateLabels } from './validation.js';
import { isDNS1123Label, nameIsDNS1035Label, isDNS1123Subdomain } from '../../../apimachinery/validation.js';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function needsClusterIP(spec: Obj): boolean {
  return str(spec, 'type') !== 'ExternalName';
}

function needsNodePorts(spec: Obj): boolean {
  const t = str(spec, 'type');
  return t === 'NodePort' || (t === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
}

/** Service defaults and cluster IP / node port allocation (`old` on update carries its allocations over). */
export function defaultService(svc: KubeObject, ctx: RegistryContext, old?: KubeObject): void {
  const spec = ensure(svc as unknown as Obj, 'spec');
  const oldSpec = old ? obj(old, 'spec') : undefined;
  defaultString(spec, 'type', 'ClusterIP');
  defaultString(spec, 'sessionAffinity', 'None');
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = ensure(ensure(spec, 'sessionAffinityConfig'), 'clientIP');
    setDefault(cfg, 'timeoutSeconds', 10800);
  }
  for (const p of arr(spec, 'ports')) {
    defaultString(p, 'protocol', 'TCP');
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  const type = str(spec, 'type');
  if (type === 'NodePort' || type === 'LoadBalancer') defaultString(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
  if (type !== 'ExternalName') {
    setDefault(spec, 'internalTrafficPolicy', 'Cluster');
    setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
    if (list(spec, 'ipFamilies').length === 0) spec.ipFamilies = ['IPv4'];
  } else {
    // Type-dependent fields of other types are dropped when switching to ExternalName.
    if (oldSpec && needsClusterIP(oldSpec)) {
      if (spec.clusterIP === oldSpec.clusterIP) delete spec.clusterIP;
      if (JSON.stringify(spec.clusterIPs) === JSON.stringify(oldSpec.clusterIPs)) delete spec.clusterIPs;
      delete spec.ipFamilies;
      delete spec.ipFamilyPolicy;
    }
  }
  // patchAllocatedValues: an update that omits allocated values keeps them.
  if (oldSpec && needsClusterIP(oldSpec) && needsClusterIP(spec)) {
    if (!spec.clusterIP && oldSpec.clusterIP) spec.clusterIP = oldSpec.clusterIP;
    if (list(spec, 'clusterIPs').length === 0 && list(oldSpec, 'clusterIPs').length) spec.clusterIPs = [...list(oldSpec, 'clusterIPs')];
  }
  const oldPorts = oldSpec && needsNodePorts(oldSpec) ? arr(oldSpec, 'ports') : [];
  if (needsNodePorts(spec)) {
    for (const p of arr(spec, 'ports')) {
      if (!p.nodePort) {
        const match = oldPorts.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === p.protocol);
        if (match?.nodePort) p.nodePort = match.nodePort;
      }
    }
    if (oldSpec && !spec.healthCheckNodePort && oldSpec.healthCheckNodePort) spec.healthCheckNodePort = oldSpec.healthCheckNodePort;
  } else if (oldSpec && needsNodePorts(oldSpec)) {
    for (const p of arr(spec, 'ports')) {
      const match = oldPorts.find((o) => o.port === p.port && o.nodePort === p.nodePort);
      if (match) delete p.nodePort;
    }
  }
  allocate(spec, oldSpec, ctx);
}

function allocate(spec: Obj, oldSpec: Obj | undefined, ctx: RegistryContext): void {
  const a = ctx.allocator;
  if (!a) return;
  const heldIPs = new Set<string>(oldSpec ? [str(oldSpec, 'clusterIP'), ...list(oldSpec, 'clusterIPs').map(String)] : []);
  const heldPorts = new Set<number>(
    oldSpec ? [...arr(oldSpec, 'ports').map((p) => Number(p.nodePort ?? 0)), Number(oldSpec.healthCheckNodePort ?? 0)].filter((n) => n > 0) : [],
  );
  const gotIPs: string[] = [];
  const gotPorts: number[] = [];
  const fail = (e: FieldError): never => {
    for (const ip of gotIPs) a.releaseClusterIP(ip);
    for (const p of gotPorts) a.releaseNodePort(p);
    throw new ObjectInvalidError([e]);
  };
  if (needsClusterIP(spec)) {
    const requested = str(spec, 'clusterIP') || String(list(spec, 'clusterIPs')[0] ?? '');
    if (requested === 'None') {
      spec.clusterIP = 'None';
      spec.clusterIPs = ['None'];
    } else if (requested !== '' && heldIPs.has(requested)) {
      spec.clusterIP = requested;
      if (list(spec, 'clusterIPs').length === 0) spec.clusterIPs = [requested];
    } else if (requested === '' || isIP(requested)) {
      try {
        const ip = a.clusterIP(requested || undefined);
        gotIPs.push(ip);
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
      } catch (e) {
        if (e instanceof AllocationError) fail(invalid(Path.root('spec', 'clusterIPs'), [requested], e.detail));
        throw e;
      }
    }
  }
  if (needsNodePorts(spec)) {
    arr(spec, 'ports').forEach((p, i) => {
      const want = typeof p.nodePort === 'number' ? p.nodePort : 0;
      if (want !== 0 && heldPorts.has(want)) return;
      if (want !== 0 && gotPorts.includes(want)) return; // same port shared by TCP/UDP entries
      try {
        const got = a.nodePort(want || undefined);
        gotPorts.push(got);
        p.nodePort = got;
      } catch (e) {
        if (e instanceof AllocationError) fail(invalid(Path.root('spec', 'ports').index(i).child('nodePort'), want, e.detail));
        throw e;
      }
    });
    if (str(spec, 'type') === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') {
      const want = typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : 0;
      if (!(want !== 0 && heldPorts.has(want))) {
        try {
          const got = a.nodePort(want || undefined);
          gotPorts.push(got);
          spec.healthCheckNodePort = got;
        } catch (e) {
          if (e instanceof AllocationError) fail(invalid(Path.root('spec', 'healthCheckNodePort'), want, e.detail));
          throw e;
        }
      }
    }
  }
}

/**
 * A Service write after defaulting allocated its IPs and node ports: once stored, what the old
 * object held and the new one does not goes back; when refused, what the new one took goes back.
 */
export function beginServiceWrite(svc: KubeObject, old: KubeObject | undefined, ctx: RegistryContext): WriteTransaction | undefined {
  const a = ctx.allocator;
  if (!a) return undefined;
  return {
    commit: () => {
      if (old) releaseServiceAllocations(a, old, svc);
    },
    revert: () => releaseServiceAllocations(a, svc, old),
  };
}

/** After a Service is deleted: its IPs and node ports are free again. */
export function serviceAfterDelete(svc: KubeObject, ctx: RegistryContext): void {
  if (ctx.allocator) releaseServiceAllocations(ctx.allocator, svc);
}

/** ValidateService / ValidateServiceUpdate. */
export function validateService(svc: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs = metaErrors(svc, old, { namespaced: true, nameFn: nameIsDNS1035Label });
  const sp = Path.root('spec');
  const spec = obj(svc, 'spec') ?? {};
  const type = str(spec, 'type');
  if (!TYPES.includes(type)) errs.push(type === '' ? required(sp.child('type'), '') : notSupported(sp.child('type'), type, TYPES));
  errs.push(...oneOf(spec.sessionAffinity, sp.child('sessionAffinity'), ['ClientIP', 'None'], false));
  const headless = str(spec, 'clusterIP') === 'None';
  const ports = arr(spec, 'ports');
  if (type === 'ExternalName') {
    const en = str(spec, 'externalName');
    if (en === '') errs.push(required(sp.child('externalName'), ''));
    else for (const m of isDNS1123Subdomain(en.replace(/\.$/, ''))) errs.push(invalid(sp.child('externalName'), en, m));
  } else if (ports.length === 0 && !headless) {
    errs.push(required(sp.child('ports'), ''));
  }
  const names = new Set<string>();
  const keys = new Set<string>();
  ports.forEach((p, i) => {
    const pp = sp.child('ports').index(i);
    const name = str(p, 'name');
    if (ports.length > 1 && name === '') errs.push(required(pp.child('name'), ''));
    if (name !== '') {
      for (const m of isDNS1123Label(name)) errs.push(invalid(pp.child('name'), name, m));
      if (names.has(name)) errs.push(duplicate(pp.child('name'), name));
      names.add(name);
    }
    for (const m of isValidPortNum(Number(p.port ?? 0))) errs.push(invalid(pp.child('port'), p.port ?? 0, m));
    errs.push(...oneOf(p.protocol, pp.child('protocol'), PROTOCOLS, false));
    const tp = p.targetPort;
    if (typeof tp === 'number') for (const m of isValidPortNum(tp)) errs.push(invalid(pp.child('targetPort'), tp, m));
    if (typeof tp === 'string') for (const m of isValidPortName(tp)) errs.push(invalid(pp.child('targetPort'), tp, m));
    if (typeof p.nodePort === 'number' && p.nodePort !== 0 && type === 'ClusterIP') {
      errs.push(forbidden(pp.child('nodePort'), "may not be used when `type` is 'ClusterIP'"));
    }
    const key = `${String(p.port)}/${str(p, 'protocol')}`;
    if (keys.has(key)) errs.push(duplicate(pp, { port: p.port, protocol: p.protocol }));
    keys.add(key);
  });
  errs.push(...validateLabels(spec.selector, sp.child('selector')));
  list(spec, 'clusterIPs').forEach((ip, i) => {
    if (ip !== 'None' && ip !== '' && !isIP(String(ip))) {
      errs.push(invalid(sp.child('clusterIPs').index(i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    }
  });
  list(spec, 'externalIPs').forEach((ip, i) => {
    if (!isIP(String(ip))) errs.push(invalid(sp.child('externalIPs').index(i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  errs.push(...oneOf(spec.externalTrafficPolicy, sp.child('externalTrafficPolicy'), ['Cluster', 'Local']));
  errs.push(...oneOf(spec.internalTrafficPolicy, sp.child('internalTrafficPolicy'), ['Cluster', 'Local']));
  errs.push(...oneOf(spec.ipFamilyPolicy, sp.child('ipFamilyPolicy'), ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  if (old) {
    const os = obj(old, 'spec') ?? {};
    const o0 = list(os, 'clusterIPs')[0];
    const n0 = list(spec, 'clusterIPs')[0];
    if (needsClusterIP(os) && needsClusterIP(spec) && o0 && n0 && o0 !== n0) {
      errs.push(invalid(sp.child('clusterIPs').index(0), list(spec, 'clusterIPs'), 'may not change once set'));
    }
  }
  return errs;
}

function lbIngress(status: unknown): string[] {
  return arr(obj(status, 'loadBalancer'), 'ingress')
    .map((i) => str(i, 'ip') || str(i, 'hostname'))
    .filter((x) => x !== '');
}

/** printService's cells: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE SELECTOR. */
export function serviceRow(svc: KubeObject, now: Date): unknown[] {
  const spec = obj(svc, 'spec') ?? {};
  const type = str(spec, 'type');
  const ips = list(spec, 'clusterIPs');
  const clusterIP = ips.length ? String(ips[0]) : str(spec, 'clusterIP') || '<none>';
  const externalIPs = list(spec, 'externalIPs').map(String);
  let external: string;
  switch (type) {
    case 'ClusterIP':
    case 'NodePort':
      external = externalIPs.length ? externalIPs.join(',') : '<none>';
      break;
    case 'LoadBalancer': {
      const lb = lbIngress(obj(svc, 'status'));
      const all = [...lb, ...externalIPs];
      external = all.length ? all.join(',') : '<pending>';
      break;
    }
    case 'ExternalName':
      external = str(spec, 'externalName');
      break;
    default:
      external = '<unknown>';
  }
  const ports = arr(spec, 'ports').map((p) =>
    typeof p.nodePort === 'number' && p.nodePort !== 0 ? `${String(p.port)}:${p.nodePort}/${str(p, 'protocol')}` : `${String(p.port)}/${str(p, 'protocol')}`,
  );
  return [
    svc.metadata?.name ?? '',
    type,
    clusterIP,
    external,
    ports.length ? ports.join(',') : '<none>',
    since(svc.metadata?.creationTimestamp, now),
    formatMap(spec.selector),
  ];
}
