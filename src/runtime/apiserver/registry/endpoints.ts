// Endpoints (core/v1): the printer row and validation.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError } from './types.js';
import { Path, invalid } from './field.js';
import { age, arr, str } from './common.js';
import { isIP, metaErrors, oneOf } from './validation.js';

/** printEndpoints' cells: NAME ENDPOINTS AGE. */
export function endpointsRow(o: KubeObject, now: Date): unknown[] {
  const subsets = arr(o, 'subsets');
  let cell: string;
  if (subsets.length === 0) cell = '<none>';
  else {
    const out: string[] = [];
    let count = 0;
    let more = false;
    for (const ss of subsets) {
      const addrs = arr(ss, 'addresses');
      const ports = arr(ss, 'ports');
      if (ports.length === 0) {
        count += addrs.length;
        for (const a of addrs) {
          if (out.length === 3) {
            more = true;
            break;
          }
          out.push(str(a, 'ip'));
        }
        continue;
      }
      for (const p of ports) {
        count += addrs.length;
        for (const a of addrs) {
          if (out.length === 3) {
            more = true;
            break;
          }
          const ip = str(a, 'ip');
          out.push(`${ip.includes(':') ? `[${ip}]` : ip}:${String(p.port)}`);
        }
      }
    }
    cell = out.join(',');
    if (more) cell = `${cell} + ${count - 3} more...`;
  }
  return [o.metadata.name ?? '', cell, age(o, now)];
}

/** Endpoints validation: metadata, subset address IPs and port numbers. */
export function endpointsValidate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  arr(o, 'subsets').forEach((ss, i) => {
    const sp = Path.root('subsets').index(i);
    for (const k of ['addresses', 'notReadyAddresses']) {
      arr(ss, k).forEach((a, j) => {
        const ip = str(a, 'ip');
        if (!isIP(ip)) errs.push(invalid(sp.child(k).index(j).child('ip'), ip, 'must be a valid IP address'));
      });
    }
    arr(ss, 'ports').forEach((p, j) => {
      const pp = sp.child('ports').index(j);
      const port = Number(p.port ?? 0);
      if (!(port >= 1 && port <= 65535)) errs.push(invalid(pp.child('port'), p.port ?? 0, 'must be between 1 and 65535, inclusive'));
      errs.push(...oneOf(p.protocol, pp.child('protocol'), ['SCTP', 'TCP', 'UDP'], false));
    });
  });
  return errs;
}
