// discovery.k8s.io/v1: EndpointSlices.
import type { KubeObject } from '../../../apimachinery/types.js';
import type { FieldError, ResourceDef } from './types.js';
import { Path, immutable, invalid, notSupported, required } from './field.js';
import { AGE_COL, ALL_VERBS, NAME_COL, age, arr, col, list, setDefault, str } from './common.js';
import { isIPv4, isIPv6, metaErrors, oneOf } from './validation.js';
import { isDNS1123Subdomain } from '../../../apimachinery/validation.js';

const ADDRESS_TYPES = ['FQDN', 'IPv4', 'IPv6'];

function withMore(items: string[], count: number): string {
  const shown = items.slice(0, 3).join(',');
  if (count > 3) return `${shown} + ${count - 3} more...`;
  return shown === '' ? '<unset>' : shown;
}

function row(o: KubeObject, now: Date): unknown[] {
  const ports = arr(o, 'ports').map((p) => (typeof p.port === 'number' ? String(p.port) : typeof p.name === 'string' ? p.name : '*'));
  const addrs = arr(o, 'endpoints').flatMap((e) => list(e, 'addresses').map(String));
  return [o.metadata.name ?? '', str(o, 'addressType'), withMore(ports, ports.length), withMore(addrs, addrs.length), age(o, now)];
}

function validate(o: KubeObject, old?: KubeObject): FieldError[] {
  const errs = metaErrors(o, old, { namespaced: true });
  const at = str(o, 'addressType');
  if (at === '') errs.push(required('addressType', ''));
  else if (!ADDRESS_TYPES.includes(at)) errs.push(notSupported('addressType', at, ADDRESS_TYPES));
  arr(o, 'endpoints').forEach((e, i) => {
    const ep = Path.root('endpoints').index(i);
    const addrs = list(e, 'addresses');
    if (addrs.length === 0) errs.push(required(ep.child('addresses'), 'must contain at least 1 address'));
    addrs.forEach((a, j) => {
      const s = String(a);
      const ok = at === 'IPv4' ? isIPv4(s) : at === 'IPv6' ? isIPv6(s) : isDNS1123Subdomain(s).length === 0;
      if (!ok) errs.push(invalid(ep.child('addresses').index(j), s, at === 'FQDN' ? 'must be a valid FQDN' : `must be a valid ${at} address`));
    });
  });
  arr(o, 'ports').forEach((p, i) => {
    const pp = Path.root('ports').index(i);
    errs.push(...oneOf(p.protocol, pp.child('protocol'), ['SCTP', 'TCP', 'UDP']));
  });
  if (old && str(old, 'addressType') !== at) errs.push(immutable('addressType', at));
  return errs;
}

export const resources: ResourceDef[] = [
  {
    group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', listKind: 'EndpointSliceList', plural: 'endpointslices', singular: 'endpointslice',
    namespaced: true, verbs: ALL_VERBS, tracksGeneration: true,
    columns: [
      NAME_COL, col('AddressType', 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.'),
      col('Ports', 'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.'),
      col('Endpoints', 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.'), AGE_COL,
    ],
    row,
    defaults: (o) => {
      for (const p of arr(o, 'ports')) {
        setDefault(p, 'protocol', 'TCP');
        setDefault(p, 'name', '');
      }
    },
    validate,
  },
];
