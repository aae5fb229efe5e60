// HorizontalPodAutoscaler (autoscaling/v2) driven by a simulated metric: the
// scale target's annotation sim.skiff.dev/cpu-utilization ("80" = 80 % of
// requests, averaged over its pods) stands in for metrics-server. Desired
// replicas = ceil(current × utilization / target) outside a 10 % tolerance,
// clamped to min/max, written through the target's scale subresource; synced
// on changes and every 15 s of the clock.
import type { KubeObject } from '../../apimachinery/types.js';
import { Controller, R, splitKey, type ControllerContext, type ControllerDefinition } from '../kit/controller.js';
import { keyOf, type Informer } from '../kit/informer.js';
import { deepEqual, ts, type Obj } from '../kit/objects.js';

export const CPU_UTILIZATION = 'sim.skiff.dev/cpu-utilization';
const TARGETS: Record<string, { group: string; resource: string }> = {
  Deployment: { group: 'apps', resource: 'deployments' },
  StatefulSet: { group: 'apps', resource: 'statefulsets' },
  ReplicaSet: { group: 'apps', resource: 'replicasets' },
};

const SCALE_TARGETS = Object.values(TARGETS).map((t) => ({ group: t.group, version: 'v1', resource: t.resource }));
const DEFINITION: ControllerDefinition = { name: 'horizontal-pod-autoscaler', watches: [R.horizontalpodautoscalers, ...SCALE_TARGETS], owns: [R.horizontalpodautoscalers, ...SCALE_TARGETS], workers: 2 };

export class HorizontalPodAutoscalerController extends Controller {
  private readonly hpas: Informer<Obj>;
  private readonly targets: Record<string, Informer<Obj>>;

  constructor(ctx: ControllerContext) {
    super(ctx, DEFINITION);
    this.hpas = this.informer(R.horizontalpodautoscalers);
    this.targets = Object.fromEntries(Object.entries(TARGETS).map(([k, t]) => [k, this.informer({ group: t.group, version: 'v1', resource: t.resource })]));
  }

  protected watch(): void {
    this.hpas.on((t, h) => {
      if (t !== 'DELETED') this.queue.add(keyOf(h));
    });
    for (const [kind, inf] of Object.entries(this.targets)) {
      inf.on((_t, o, old) => {
        if (o.metadata.annotations?.[CPU_UTILIZATION] === old?.metadata.annotations?.[CPU_UTILIZATION] && o.spec?.replicas === old?.spec?.replicas) return;
        for (const h of this.hpas.list(o.metadata.namespace)) if (h.spec?.scaleTargetRef?.kind === kind && h.spec.scaleTargetRef.name === o.metadata.name) this.queue.add(keyOf(h));
      });
    }
  }

  protected async sync(key: string): Promise<void> {
    const [ns, name] = splitKey(key);
    const h = this.hpas.get(ns, name);
    if (!h) return;
    this.queue.addAfter(key, 15_000);
    const ref = h.spec?.scaleTargetRef ?? {};
    const t = TARGETS[ref.kind];
    const target = t ? this.targets[ref.kind]!.get(ns, ref.name) : undefined;
    const now = ts(this.ctx.clock.now());
    const cond = (type: string, status: string, reason: string, message: string) => {
      const prev = ((h.status?.conditions ?? []) as { type: string; status: string; lastTransitionTime?: string }[]).find((c) => c.type === type);
      return { type, status, reason, message, lastTransitionTime: prev?.status === status ? prev.lastTransitionTime : now };
    };
    if (!target) {
      await this.write(h, { ...(h.status ?? {}), conditions: [cond('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${(ref.kind ?? '').toLowerCase()}s "${ref.name}" not found`)] });
      return;
    }
    const current = target.spec?.replicas ?? 1;
    const min = h.spec?.minReplicas ?? 1;
    const max = h.spec?.maxReplicas ?? current;
    const metric = ((h.spec?.metrics ?? []) as any[]).find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization');
    const goal = metric?.resource?.target?.averageUtilization ?? 80;
    const raw = target.metadata.annotations?.[CPU_UTILIZATION];
    const util = raw === undefined ? undefined : Number(raw);
    let desired = current;
    const conditions = [cond('AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale')];
    if (util === undefined || !Number.isFinite(util) || util < 0) {
      conditions.push(cond('ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: no ${CPU_UTILIZATION} annotation with a number on ${ref.kind}/${ref.name}`));
    } else {
      conditions.push(cond('ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)'));
      const ratio = util / goal;
      if (Math.abs(ratio - 1) > 0.1) desired = Math.ceil(current * ratio);
    }
    const clamped = Math.min(max, Math.max(min, desired));
    conditions.push(clamped !== desired ? cond('ScalingLimited', 'True', clamped === max ? 'TooManyReplicas' : 'TooFewReplicas', `the desired replica count is ${clamped === max ? 'more' : 'less'} than the ${clamped === max ? 'maximum' : 'minimum'} replica count`) : cond('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range'));
    const status: Record<string, unknown> = {
      ...(h.status ?? {}),
      observedGeneration: h.metadata.generation ?? 1,
      currentReplicas: current,
      desiredReplicas: clamped,
      conditions,
    };
    if (util !== undefined && Number.isFinite(util)) status.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: util } } }];
    if (clamped !== current) {
      await this.ctx.client.patch({ group: t!.group, version: 'v1', resource: t!.resource, namespace: ns, name: ref.name, subresource: 'scale' }, 'merge', { spec: { replicas: clamped } });
      this.events.event({ ...h, apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' } as KubeObject, 'Normal', 'SuccessfulRescale', `New size: ${clamped}; reason: cpu resource utilization (percentage of request) ${clamped > current ? 'above' : 'below'} target`);
      status.lastScaleTime = now;
    }
    await this.write(h, status);
  }

  private async write(h: Obj, status: Record<string, unknown>): Promise<void> {
    if (deepEqual(h.status ?? {}, status)) return;
    await this.ctx.client.patch({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespace: h.metadata.namespace, name: h.metadata.name, subresource: 'status' }, 'merge', { status });
  }
}
