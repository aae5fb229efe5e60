// autoscaling/v2 (preferred) and autoscaling/v1 HorizontalPodAutoscalers:
// defaults, validation, the printer, and v1<->v2 conversion (one storage).
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, invalid, required } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, arr, col, ensure, num, obj, setDefault, statusSub, str, type Obj } from './common.js';
import { metaErrors } from './validation.js';
import { cloneJson } from '../../../util/json.js';

const G = 'autoscaling';

function defaultsV2(o: KubeObject): void {
  const s = ensure(o as unknown as Obj, 'spec');
  setDefault(s, 'minReplicas', 1);
  if (!Array.isArray(s.metrics) || s.metrics.length === 0) {
    s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  const b = obj(s, 'behavior');
  if (b) {
    const up = ensure(b, 'scaleUp');
    setDefault(up, 'stabilizationWindowSeconds', 0);
    setDefault(up, 'selectPolicy', 'Max');
    if (!Array.isArray(up.policies) || up.policies.length === 0) {
      up.policies = [
        { type: 'Pods', value: 4, periodSeconds: 15 },
        { type: 'Percent', value: 100, periodSeconds: 15 },
      ];
    }
    const down = ensure(b, 'scaleDown');
    setDefault(down, 'stabilizationWindowSeconds', 300);
    setDefault(down, 'selectPolicy', 'Max');
    if (!Array.isArray(down.policies) || down.policies.length === 0) down.policies = [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  }
}

function validateCommon(o: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const sp = Path.root('spec');
  const s = obj(o, 'spec') ?? {};
  const min = num(s, 'minReplicas');
  const max = num(s, 'maxReplicas') ?? 0;
  if (min !== undefined && min < 1) errs.push(invalid(sp.child('minReplicas'), min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(invalid(sp.child('maxReplicas'), max, 'must be greater than 0'));
  if (min !== undefined && max < min) errs.push(invalid(sp.child('maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  const ref = obj(s, 'scaleTargetRef') ?? {};
  const rp = sp.child('scaleTargetRef');
  if (str(ref, 'kind') === '') errs.push(required(rp.child('kind'), ''));
  if (str(ref, 'name') === '') errs.push(required(rp.child('name'), ''));
  return errs;
}

function validateV2(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = validateCommon(o, old);
  arr(obj(o, 'spec'), 'metrics').forEach((m, i) => {
    const mp = Path.root('spec', 'metrics').index(i);
    const t = str(m, 'type');
    const key: Record<string, string> = { Resource: 'resource', Pods: 'pods', Object: 'object', External: 'external', ContainerResource: 'containerResource' };
    if (t === '') errs.push(required(mp.child('type'), 'must specify a metric source type'));
    else if (!(t in key)) errs.push(invalid(mp.child('type'), t, 'must be either External, Object, Pods, Resource or ContainerResource'));
    else if (!obj(m, key[t]!)) errs.push(required(mp.child(key[t]!), `must populate information for the given metric source`));
  });
  return errs;
}

/** v1 → v2: targetCPUUtilizationPercentage becomes a cpu Resource metric. */
export function hpaV1ToV2(o: KubeObject): KubeObject {
  const out = cloneJson(o) as Obj;
  out.apiVersion = 'autoscaling/v2';
  const s = ensure(out, 'spec');
  const cpu = s.targetCPUUtilizationPercentage;
  delete s.targetCPUUtilizationPercentage;
  if (typeof cpu === 'number') s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
  const st = obj(out, 'status');
  if (st) {
    const cur = st.currentCPUUtilizationPercentage;
    delete st.currentCPUUtilizationPercentage;
    if (typeof cur === 'number') st.currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: cur } } }];
  }
  return out as unknown as KubeObject;
}

/** v2 → v1: the cpu utilization metric (if any) becomes targetCPUUtilizationPercentage. */
export function hpaV2ToV1(o: KubeObject): KubeObject {
  const out = cloneJson(o) as Obj;
  out.apiVersion = 'autoscaling/v1';
  const s = ensure(out, 'spec');
  const cpu = arr(s, 'metrics').find((m) => m.type === 'Resource' && str(obj(m, 'resource'), 'name') === 'cpu');
  const util = num(obj(obj(cpu, 'resource'), 'target'), 'averageUtilization');
  delete s.metrics;
  delete s.behavior;
  if (util !== undefined) s.targetCPUUtilizationPercentage = util;
  const st = obj(out, 'status');
  if (st) {
    const c = arr(st, 'currentMetrics').find((m) => m.type === 'Resource' && str(obj(m, 'resource'), 'name') === 'cpu');
    const cu = num(obj(obj(c, 'resource'), 'current'), 'averageUtilization');
    delete st.currentMetrics;
    delete st.conditions;
    if (cu !== undefined) st.currentCPUUtilizationPercentage = cu;
  }
  return out as unknown as KubeObject;
}

function q(v: unknown): string {
  return v === undefined || v === null ? '<unknown>' : String(v);
}

/** formatHPAMetrics: "cpu: 20%/80%, memory: <unknown>/1Gi + 1 more...". */
function formatMetrics(specs: Obj[], statuses: Obj[]): string {
  if (specs.length === 0) return '<none>';
  const out: string[] = [];
  specs.forEach((m, i) => {
    const st = statuses[i];
    switch (str(m, 'type')) {
      case 'External': {
        const t = obj(obj(m, 'external'), 'target') ?? {};
        const cur = obj(obj(st, 'external'), 'current');
        if (t.averageValue !== undefined) out.push(`${q(cur?.averageValue)}/${String(t.averageValue)} (avg)`);
        else out.push(`${q(cur?.value)}/${q(t.value)}`);
        break;
      }
      case 'Pods': {
        const t = obj(obj(m, 'pods'), 'target') ?? {};
        out.push(`${q(obj(obj(st, 'pods'), 'current')?.averageValue)}/${q(t.averageValue)}`);
        break;
      }
      case 'Object': {
        const t = obj(obj(m, 'object'), 'target') ?? {};
        const cur = obj(obj(st, 'object'), 'current');
        if (t.averageValue !== undefined) out.push(`${q(cur?.averageValue)}/${String(t.averageValue)} (avg)`);
        else out.push(`${q(cur?.value)}/${q(t.value)}`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const k = m.type === 'Resource' ? 'resource' : 'containerResource';
        const src = obj(m, k) ?? {};
        const t = obj(src, 'target') ?? {};
        const cur = obj(obj(st, k), 'current');
        const name = str(src, 'name');
        if (t.averageValue !== undefined) out.push(`${name}: ${q(cur?.averageValue)}/${String(t.averageValue)}`);
        else {
          const c = typeof cur?.averageUtilization === 'number' ? `${cur.averageUtilization}%` : '<unknown>';
          const tt = typeof t.averageUtilization === 'number' ? `${t.averageUtilization}%` : '<auto>';
          out.push(`${name}: ${c}/${tt}`);
        }
        break;
      }
      default:
        out.push('<unknown type>');
    }
  });
  if (out.length > 2) return `${out.slice(0, 2).join(', ')} + ${out.length - 2} more...`;
  return out.join(', ');
}

function row(o: KubeObject, now: Date): unknown[] {
  const v2 = o.apiVersion === 'autoscaling/v1' ? hpaV1ToV2(o) : o;
  const s = obj(v2, 'spec') ?? {};
  const st = obj(v2, 'status') ?? {};
  const ref = obj(s, 'scaleTargetRef') ?? {};
  const min = num(s, 'minReplicas');
  return [
    o.metadata.name ?? '', `${str(ref, 'kind')}/${str(ref, 'name')}`, formatMetrics(arr(s, 'metrics'), arr(st, 'currentMetrics')),
    min === undefined ? '<unset>' : String(min), num(s, 'maxReplicas') ?? 0, num(st, 'currentReplicas') ?? 0, age(o, now),
  ];
}

const COLUMNS = [
  NAME_COL, col('Reference', 'reference to scaled resource; horizontal pod autoscaler will learn the current resource consumption and will set the desired number of pods by using its Scale subresource.'),
  col('Targets', 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond. If not set, the default metric will be set to 80% average CPU utilization.'),
  col('MinPods', 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.'),
  col('MaxPods', 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.'),
  col('Replicas', 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.'),
  AGE_COL,
];

const convert = (o: KubeObject, to: string): KubeObject => {
  if (to === 'v1') return o.apiVersion === 'autoscaling/v1' ? o : hpaV2ToV1(o);
  return o.apiVersion === 'autoscaling/v2' ? o : hpaV1ToV2(o);
};

export const resources: ResourceDef[] = [
  {
    group: G, version: 'v2', kind: 'HorizontalPodAutoscaler', listKind: 'HorizontalPodAutoscalerList', plural: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler', namespaced: true, verbs: ALL_VERBS, shortNames: ['hpa'], categories: ['all'], hasStatus: true,
    subresources: [statusSub(G, 'v2', 'HorizontalPodAutoscaler')], columns: COLUMNS, row, storageVersion: 'v2', convert,
    defaults: (o) => defaultsV2(o),
    validate: (o, old) => validateV2(o, old),
  },
  {
    group: G, version: 'v1', kind: 'HorizontalPodAutoscaler', listKind: 'HorizontalPodAutoscalerList', plural: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler', namespaced: true, verbs: ALL_VERBS, shortNames: ['hpa'], categories: ['all'], hasStatus: true,
    subresources: [statusSub(G, 'v1', 'HorizontalPodAutoscaler')], columns: COLUMNS, row, storageVersion: 'v2', convert,
    defaults: (o) => setDefault(ensure(o as unknown as Obj, 'spec'), 'minReplicas', 1),
    validate: (o, old) => {
      const errs = validateCommon(o, old);
      const t = num(obj(o, 'spec'), 'targetCPUUtilizationPercentage');
      if (t !== undefined && t < 1) errs.push(invalid(Path.root('spec', 'targetCPUUtilizationPercentage'), t, 'must be greater than 0'));
      return errs;
    },
  },
];
