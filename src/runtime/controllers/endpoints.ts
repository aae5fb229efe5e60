// Endpoints and EndpointSlices for Services with a selector
// (pkg/controller/endpoint, pkg/controller/endpointslice): selected pods with
// an IP, ready ones as addresses / ready=true, the rest as notReadyAddresses /
// ready=false, terminating pods only in slices (terminating=true); named
// target ports resolved per pod; at most 100 endpoints per slice.
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { deepEqual, isPodReady, isTerminal, mapSelectorMatches, ownerRefFor, type Obj } from '../kit/objects.js';

const SERVICE_NAME = 'kubernetes.io/service-name';
const MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
const MANAGER = 'endpointslice-controller.k8s.io';
const MAX_PER_SLICE = 100;

interface PortSpec {
  name?: string;
  port: number;
  protocol: string;
}

function resolvePorts(svc: Obj, pod: Obj): PortSpec[] {
  const out: PortSpec[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const tp = sp.targetPort ?? sp.port;
    let port: number | undefined;
    if (typeof tp === 'number') port = tp;
    else if (/^\d+$/.test(String(tp))) port = Number(tp);
    else {
      for (const c of pod.spec?.containers ?? []) for (const cp of c.ports ?? []) if (cp.name === tp && (cp.protocol ?? 'TCP') === (sp.protocol ?? 'TCP')) port = cp.containerPort;
    }
    if (port !== undefined) out.push({ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' });
  }
  return out;
}

const DEFINITION: ControllerDefinition = { name: 'endpoint-controller', watches: [R.services, R.pods, R.endpointslices], owns: [R.endpoints, R.endpointslices], workers: 8 };

export class EndpointsController extends Controller {
  private readonly services: Informer<Obj>;
  private readonly pods: Informer<Obj>;
  private readonly slices: Informer<Obj>;

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.services = this.informer(R.services);
    this.pods = this.informer(R.pods);
    this.slices = this.informer(R.endpointslices);
  }

  protected watch(): void {
    this.services.on((_t, s) => this.queue.add(keyOf(s)));
    this.pods.on((_t, p, old) => {
      for (const s of this.services.list(p.metadata.namespace)) {
        const sel = s.spec?.selector as Record<string, string> | undefined;
        if (mapSelectorMatches(sel, p.metadata.labels) || (old && mapSelectorMatches(sel, old.metadata.labels))) this.queue.add(keyOf(s));
      }
    });
    this.slices.on((type, sl) => {
      const svc = sl.metadata.labels?.[SERVICE_NAME];
      if (svc && sl.metadata.labels?.[MANAGED_BY] === MANAGER && type === 'DELETED') this.queue.add(`${sl.metadata.namespace}/${svc}`);
    });
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const svc = this.services.get(ns, name);
    const epRef = { group: '', version: 'v1', resource: 'endpoints', namespace: ns, name };
    if (!svc) {
      await this.ctx.client.delete(epRef).catch(() => undefined);
      return;
    }
    const sel = svc.spec?.selector as Record<string, string> | undefined;
    if (!sel || Object.keys(sel).length === 0) return;
    const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
    const pods = this.pods.list(ns).filter((p) => mapSelectorMatches(sel, p.metadata.labels) && p.status?.podIP && !isTerminal(p));
    pods.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));

    // Endpoints: subsets grouped by resolved ports.
    const subsets = new Map<string, { addresses: unknown[]; notReadyAddresses: unknown[]; ports: PortSpec[] }>();
    for (const p of pods) {
      if (p.metadata.deletionTimestamp && !publishNotReady) continue;
      const ports = resolvePorts(svc, p);
      const sig = JSON.stringify(ports);
      let s = subsets.get(sig);
      if (!s) subsets.set(sig, (s = { addresses: [], notReadyAddresses: [], ports }));
      const addr = { ip: p.status.podIP, nodeName: p.spec?.nodeName, targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid } };
      if (publishNotReady || isPodReady(p)) s.addresses.push(addr);
      else s.notReadyAddresses.push(addr);
    }
    const subsetList = [...subsets.values()].map((s) => ({
      ...(s.addresses.length ? { addresses: s.addresses } : {}),
      ...(s.notReadyAddresses.length ? { notReadyAddresses: s.notReadyAddresses } : {}),
      ...(s.ports.length ? { ports: s.ports } : {}),
    }));
    const labels = { ...(svc.metadata.labels ?? {}), 'endpoints.kubernetes.io/managed-by': 'endpoint-controller' };
    try {
      const cur = await this.ctx.client.get(epRef);
      if (!deepEqual((cur as Obj).subsets ?? [], subsetList) || !deepEqual(cur.metadata.labels ?? {}, labels)) {
        await this.ctx.client.update(epRef, { ...cur, metadata: { ...cur.metadata, labels }, subsets: subsetList });
      }
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
      await this.ctx.client.create({ ...epRef, name: undefined }, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, labels }, subsets: subsetList });
    }

    // EndpointSlices
    const endpoints = pods.map((p) => {
      const terminating = !!p.metadata.deletionTimestamp;
      const ready = isPodReady(p);
      return {
        addresses: [p.status.podIP],
        conditions: { ready: publishNotReady || (ready && !terminating), serving: ready, terminating },
        nodeName: p.spec?.nodeName,
        targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name, uid: p.metadata.uid },
      };
    });
    const ports = pods.length ? resolvePorts(svc, pods[0]!) : (svc.spec?.ports ?? []).map((sp: any) => ({ ...(sp.name ? { name: sp.name } : {}), port: typeof sp.targetPort === 'number' ? sp.targetPort : sp.port, protocol: sp.protocol ?? 'TCP' }));
    const chunks: (typeof endpoints)[] = [];
    for (let i = 0; i < endpoints.length; i += MAX_PER_SLICE) chunks.push(endpoints.slice(i, i + MAX_PER_SLICE));
    if (!chunks.length) chunks.push([]);
    const existing = this.slices
      .list(ns)
      .filter((s) => s.metadata.labels?.[SERVICE_NAME] === name && s.metadata.labels?.[MANAGED_BY] === MANAGER)
      .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
    const sliceLabels = { ...(svc.metadata.labels ?? {}), [SERVICE_NAME]: name!, [MANAGED_BY]: MANAGER };
    const sliceRef = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespace: ns };
    for (let i = 0; i < chunks.length; i++) {
      const body = { addressType: 'IPv4', endpoints: chunks[i], ports };
      const cur = existing[i];
      if (cur) {
        if (deepEqual({ addressType: cur.addressType, endpoints: cur.endpoints ?? [], ports: cur.ports ?? [] }, body) && deepEqual(cur.metadata.labels, sliceLabels)) continue;
        await this.ctx.client.update({ ...sliceRef, name: cur.metadata.name }, { ...cur, apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { ...cur.metadata, labels: sliceLabels }, ...body });
      } else {
        await this.ctx.client.create(sliceRef, {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { generateName: `${name}-`, namespace: ns, labels: sliceLabels, ownerReferences: [ownerRefFor(svc, 'v1', 'Service')] },
          ...body,
        });
      }
    }
    for (const extra of existing.slice(chunks.length)) await this.ctx.client.delete({ ...sliceRef, name: extra.metadata.name }).catch(() => undefined);
  }
}
