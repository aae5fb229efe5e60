// Load-balancer addresses for Services of type LoadBalancer, the way k3s's
// ServiceLB (klipper-lb) gives them on a small cluster with no cloud: every
// Ready, schedulable node answers on the Service's ports, so the Service's
// `status.loadBalancer.ingress` lists those nodes' addresses (ExternalIP when
// a node has one, else InternalIP), sorted, with ipMode VIP. A Service that
// names another `loadBalancerClass` belongs to another controller and is left
// alone; one that stops being a LoadBalancer has its status cleared.
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { deepEqual, type Obj } from '../kit/objects.js';

interface Address { type?: string; address?: string }
interface Condition { type?: string; status?: string }

function nodeAddress(node: Obj): string | undefined {
  const addrs = (node.status?.addresses ?? []) as Address[];
  return addrs.find((a) => a.type === 'ExternalIP')?.address ?? addrs.find((a) => a.type === 'InternalIP')?.address;
}

function nodeServes(node: Obj): boolean {
  if (node.metadata.deletionTimestamp || node.spec?.unschedulable) return false;
  return ((node.status?.conditions ?? []) as Condition[]).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** True when this controller owns the Service's load balancer. */
function ownsService(svc: Obj): boolean {
  return svc.spec?.type === 'LoadBalancer' && (svc.spec?.loadBalancerClass === undefined || svc.spec.loadBalancerClass === null);
}

const DEFINITION: ControllerDefinition = { name: 'service-lb-controller', watches: [R.services, R.nodes], owns: [R.services], workers: 2 };

export class ServiceLoadBalancerController extends Controller {
  private readonly services: Informer<Obj>;
  private readonly nodes: Informer<Obj>;
  private addresses: string[] = [];

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.services = this.informer(R.services);
    this.nodes = this.informer(R.nodes);
  }

  protected watch(): void {
    this.services.on((_t, s) => this.queue.add(keyOf(s)));
    this.nodes.on(() => {
      const next = this.currentAddresses();
      if (deepEqual(next, this.addresses)) return;
      this.addresses = next;
      for (const s of this.services.list()) if (ownsService(s)) this.queue.add(keyOf(s));
    });
  }

  private currentAddresses(): string[] {
    const out = new Set<string>();
    for (const n of this.nodes.list()) {
      const a = nodeServes(n) ? nodeAddress(n) : undefined;
      if (a) out.add(a);
    }
    return [...out].sort();
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const svc = this.services.get(ns, name);
    if (!svc || svc.metadata.deletionTimestamp) return;
    const current = svc.status?.loadBalancer ?? {};
    let next: Record<string, unknown>;
    if (ownsService(svc)) {
      this.addresses = this.currentAddresses();
      next = this.addresses.length ? { ingress: this.addresses.map((ip) => ({ ip, ipMode: 'VIP' })) } : {};
    } else if (svc.spec?.type !== 'LoadBalancer' && current.ingress) {
      next = {};
    } else {
      return;
    }
    if (deepEqual(current, next)) return;
    await this.ctx.client.update(
      { group: '', version: 'v1', resource: 'services', namespace: ns, name, subresource: 'status' },
      { ...svc, apiVersion: 'v1', kind: 'Service', status: { ...(svc.status ?? {}), loadBalancer: next } },
    );
  }
}
