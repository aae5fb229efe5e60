// PodDisruptionBudget status (pkg/controller/disruption): how many selected
// pods are healthy, how many must be, and so how many disruptions the
// eviction subresource may allow (it refuses with 429 at zero).
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { controllerRef, deepEqual, isPodReady, isTerminal, selectorMatches, ts, type Condition, type Obj } from '../kit/objects.js';

function scaled(v: unknown, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v));
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(v) || 0;
}

const DEFINITION: ControllerDefinition = { name: 'disruption-controller', watches: [R.poddisruptionbudgets, R.pods, R.replicasets, R.deployments, R.statefulsets, R.replicationcontrollers], owns: [R.poddisruptionbudgets], workers: 4 };

export class DisruptionController extends Controller {
  private readonly pdbs: Informer<Obj>;
  private readonly pods: Informer<Obj>;
  private readonly owners: Record<string, Informer<Obj>>;

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.pdbs = this.informer(R.poddisruptionbudgets);
    this.pods = this.informer(R.pods);
    this.owners = {
      ReplicaSet: this.informer(R.replicasets),
      Deployment: this.informer(R.deployments),
      StatefulSet: this.informer(R.statefulsets),
      ReplicationController: this.informer(R.replicationcontrollers),
    };
  }

  protected watch(): void {
    this.pdbs.on((_t, p) => this.queue.add(keyOf(p)));
    this.pods.on((_t, p) => {
      for (const b of this.pdbs.list(p.metadata.namespace)) if (selectorMatches(b.spec?.selector, p.metadata.labels)) this.queue.add(keyOf(b));
    });
  }

  /** The replicas the pods' controllers ask for (a Deployment's for its ReplicaSets). */
  private expected(ns: string, pods: Obj[]): number {
    const seen = new Set<string>();
    let total = 0;
    let uncontrolled = 0;
    for (const p of pods) {
      let ref = controllerRef(p);
      if (!ref || !this.owners[ref.kind]) {
        uncontrolled++;
        continue;
      }
      let owner = this.owners[ref.kind]!.get(ns, ref.name);
      if (owner && ref.kind === 'ReplicaSet') {
        const d = controllerRef(owner);
        if (d?.kind === 'Deployment') {
          ref = d;
          owner = this.owners.Deployment!.get(ns, d.name) ?? owner;
        }
      }
      if (!owner) {
        uncontrolled++;
        continue;
      }
      if (seen.has(owner.metadata.uid!)) continue;
      seen.add(owner.metadata.uid!);
      total += owner.spec?.replicas ?? 1;
    }
    return total + uncontrolled;
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const pdb = this.pdbs.get(ns, name);
    if (!pdb) return;
    const pods = this.pods.list(ns).filter((p) => !isTerminal(p) && selectorMatches(pdb.spec?.selector, p.metadata.labels));
    const healthy = pods.filter((p) => !p.metadata.deletionTimestamp && isPodReady(p)).length;
    let expected: number;
    let desired: number;
    if (pdb.spec?.maxUnavailable !== undefined) {
      expected = this.expected(ns!, pods);
      desired = Math.max(0, expected - scaled(pdb.spec.maxUnavailable, expected));
    } else {
      const min = pdb.spec?.minAvailable ?? 1;
      expected = typeof min === 'number' ? pods.length : this.expected(ns!, pods);
      desired = scaled(min, expected);
    }
    const allowed = Math.max(0, healthy - desired);
    const t = ts(this.ctx.clock.now());
    const prev = ((pdb.status?.conditions ?? []) as Condition[]).find((c) => c.type === 'DisruptionAllowed');
    const status = allowed > 0 ? 'True' : 'False';
    const cond: Condition = {
      type: 'DisruptionAllowed',
      status,
      reason: allowed > 0 ? 'SufficientPods' : 'InsufficientPods',
      message: '',
      lastTransitionTime: prev?.status === status ? (prev.lastTransitionTime ?? t) : t,
    };
    (cond as Condition & { observedGeneration?: number }).observedGeneration = pdb.metadata.generation ?? 1;
    const next = {
      ...(pdb.status ?? {}),
      currentHealthy: healthy,
      desiredHealthy: desired,
      expectedPods: expected,
      disruptionsAllowed: allowed,
      observedGeneration: pdb.metadata.generation ?? 1,
      conditions: [cond],
    };
    if (deepEqual(pdb.status ?? {}, next)) return;
    await this.ctx.client.update(
      { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespace: ns, name, subresource: 'status' },
      { ...pdb, apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', status: next },
    );
  }
}
