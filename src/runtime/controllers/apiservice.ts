// The Available condition of APIServices (kube-aggregator's
// AvailableConditionController). A local APIService (no spec.service) is
// served by the API server itself: Available=True, reason Local. One backed
// by a Service is judged as upstream judges it, with one simulation rule: the
// bundled cluster runs no containers, so a Service with a ready endpoint counts
// as answering discovery (upstream would also call it). Missing Service or no
// ready endpoint: Available=False with upstream's reasons and messages.
import { Controller, R, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { deepEqual, ts, type Obj } from '../kit/objects.js';

interface Condition { type: string; status: string; lastTransitionTime?: string; reason?: string; message?: string }

const DEFINITION: ControllerDefinition = { name: 'apiservice-availability', watches: [R.apiservices, R.services, R.endpoints], owns: [R.apiservices], workers: 2 };

export class APIServiceAvailabilityController extends Controller {
  private readonly apiServices: Informer<Obj>;
  private readonly services: Informer<Obj>;
  private readonly endpoints: Informer<Obj>;

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.apiServices = this.informer(R.apiservices);
    this.services = this.informer(R.services);
    this.endpoints = this.informer(R.endpoints);
  }

  protected watch(): void {
    this.apiServices.on((_t, a) => this.queue.add(keyOf(a)));
    const byService = (_t: string, o: Obj) => {
      for (const a of this.apiServices.list()) {
        const s = a.spec?.service;
        if (s && s.namespace === o.metadata.namespace && s.name === o.metadata.name) this.queue.add(keyOf(a));
      }
    };
    this.services.on(byService);
    this.endpoints.on(byService);
  }

  /** Upstream's verdict for one APIService: [status, reason, message]. */
  private verdict(a: Obj): [string, string, string] {
    const ref = a.spec?.service as { namespace?: string; name?: string; port?: number } | undefined;
    if (!ref) return ['True', 'Local', 'Local APIServices are always available'];
    const ns = ref.namespace ?? '';
    const name = ref.name ?? '';
    const svc = this.services.get(ns, name);
    if (!svc) return ['False', 'ServiceNotFound', `service/${name} in "${ns}" is not present`];
    if (svc.spec?.type === 'ExternalName') return ['True', 'Passed', 'all checks passed'];
    const port = ref.port ?? 443;
    const sp = ((svc.spec?.ports ?? []) as { port?: number; name?: string }[]).find((p) => p.port === port);
    if (!sp) return ['False', 'ServicePortError', `service/${name} in "${ns}" is not listening on port ${port}`];
    const ep = this.endpoints.get(ns, name);
    if (!ep) return ['False', 'EndpointsNotFound', `cannot find endpoints for service/${name} in "${ns}"`];
    const ready = ((ep.subsets ?? []) as { addresses?: unknown[]; ports?: { name?: string }[] }[]).some(
      (s) => (s.addresses ?? []).length > 0 && (s.ports ?? []).some((p) => (p.name ?? '') === (sp.name ?? '')),
    );
    if (!ready) return ['False', 'MissingEndpoints', `endpoints for service/${name} in "${ns}" have no addresses with port name "${sp.name ?? ''}"`];
    return ['True', 'Passed', 'all checks passed'];
  }

  protected async sync(key: string): Promise<void> {
    const a = this.apiServices.get(undefined, key);
    if (!a || a.metadata.deletionTimestamp) return;
    const [status, reason, message] = this.verdict(a);
    const conds = ((a.status?.conditions ?? []) as Condition[]).filter((c) => c.type !== 'Available');
    const prev = ((a.status?.conditions ?? []) as Condition[]).find((c) => c.type === 'Available');
    const cond: Condition = {
      type: 'Available',
      status,
      lastTransitionTime: prev?.status === status && prev.lastTransitionTime ? prev.lastTransitionTime : ts(this.ctx.clock.now()),
      reason,
      message,
    };
    if (prev && deepEqual(prev, cond)) return;
    await this.ctx.client.update(
      { group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices', name: key, subresource: 'status' },
      { ...a, apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', status: { ...(a.status ?? {}), conditions: [...conds, cond] } },
    );
  }
}
