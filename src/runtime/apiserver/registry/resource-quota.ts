// ResourceQuota and LimitRange (core/v1): printer rows, defaults, validation.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError } from './types.js';
import { Path, required } from './field.js';
import { age, arr, ensure, obj, setDefault, str } from './common.js';
import { metaErrors, validateQuantity } from './validation.js';

/** printResourceQuota's cells: NAME, REQUEST and LIMIT (used/hard per resource), AGE. */
export function quotaRow(o: KubeObject, now: Date): unknown[] {
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

/** ResourceQuota validation: metadata and hard quantities. */
export function quotaValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  for (const [k, q] of Object.entries(obj(obj(o, 'spec'), 'hard') ?? {})) errs.push(...validateQuantity(q, Path.root('spec', 'hard').key(k)));
  return errs;
}

/** LimitRange defaults for Container limits: default from max, defaultRequest from default, else from min. */
export function limitRangeDefaults(o: KubeObject): void {
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

/** LimitRange validation: metadata, a type on every limit, well-formed quantities. */
export function limitRangeValidate(o: KubeObject, old?: KubeObject): FieldError[] {
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
