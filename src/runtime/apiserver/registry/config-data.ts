// ConfigMap and Secret (core/v1): size limits, key names, base64 data,
// immutability, Secret type defaults and checks.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError } from './types.js';
import { Path, forbidden, immutable, invalid, required, deepEqual } from './field.js';
import { defaultString, ensure, obj, setDefault, str, type Obj } from './common.js';
import { isConfigMapKey, metaErrors } from './validation.js';

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

/** ConfigMap validation: metadata, data and binaryData key names (no duplicates), 1 MiB total size, immutability. */
export function configMapValidate(o: KubeObject, old?: KubeObject): FieldError[] {
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
  const valid = B64.test(s);
  if (valid && s.length % 4 === 0) return -1;
  if (valid && s.length % 4 === 1) return s.length - 1;
  const bad = s.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return bad;
  return Math.max(0, s.length - (s.length % 4 || 4));
}

/** Secret defaults: type Opaque when unset, stringData merged into data (base64). */
export function secretDefaults(o: KubeObject): void {
  const s = o as Obj;
  defaultString(s, 'type', 'Opaque');
  // v1 conversion: stringData is merged into data (write-only field).
  const sd = obj(s, 'stringData');
  if (sd) {
    const data = ensure(s, 'data');
    for (const [k, v] of Object.entries(sd)) data[k] = Buffer.from(String(v)).toString('base64');
    delete s.stringData;
  }
}

/** Secret validation: metadata, key names, base64 data, size, type-specific keys, immutable type and data. */
export function secretValidate(o: KubeObject, old?: KubeObject): FieldError[] {
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
