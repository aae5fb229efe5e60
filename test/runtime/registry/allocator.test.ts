import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ServiceAllocator, rebuildServiceAllocator, releaseServiceAllocations, AllocationError, findResource } from '../../../src/runtime/apiserver/registry/index.js';
import { ObjectInvalidError } from '../../../src/errors.js';
import type { KubeObject } from '../../../src/apimachinery/types.js';

test('cluster IPs are unique, inside 10.96.0.0/12, and never the network address', () => {
  const a = new ServiceAllocator();
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const ip = a.clusterIP();
    assert.not.ok(seen.has(ip), ip);
    seen.add(ip);
    const [o1, o2] = ip.split('.').map(Number);
    assert.is(o1, 10);
    assert.ok(o2! >= 96 && o2! <= 111, ip);
    assert.is.not(ip, '10.96.0.0');
    assert.is.not(ip, '10.111.255.255');
  }
  assert.is(a.firstIP(), '10.96.0.1');
});

test('requested IPs and ports are honoured once, then refused with upstream wording', () => {
  const a = new ServiceAllocator();
  assert.is(a.clusterIP('10.96.0.10'), '10.96.0.10');
  assert.throws(() => a.clusterIP('10.96.0.10'), (e: unknown) => e instanceof AllocationError && e.detail === 'failed to allocate IP 10.96.0.10: provided IP is already allocated');
  assert.throws(() => a.clusterIP('10.0.0.1'), /is not in the valid range\. The range of valid IPs is 10\.96\.0\.0\/12/);
  assert.is(a.nodePort(30080), 30080);
  assert.throws(() => a.nodePort(30080), /provided port is already allocated/);
  assert.throws(() => a.nodePort(80), /provided port is not in the valid range\. The range of valid ports is 30000-32767/);
  a.releaseClusterIP('10.96.0.10');
  a.releaseNodePort(30080);
  assert.is(a.clusterIP('10.96.0.10'), '10.96.0.10');
  assert.is(a.nodePort(30080), 30080);
});

test('node ports exhaust after the whole range without duplicates', () => {
  const a = new ServiceAllocator({ nodePortRange: '30000-30099' });
  const ports = new Set<number>();
  for (let i = 0; i < 100; i++) ports.add(a.nodePort());
  assert.is(ports.size, 100);
  assert.throws(() => a.nodePort(), /range is full/);
});

function svc(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec };
}

test('rebuild from stored Services marks their IPs and node ports used', () => {
  const stored = [
    svc('a', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ port: 443 }] }),
    svc('b', { type: 'NodePort', clusterIP: '10.100.1.2', clusterIPs: ['10.100.1.2'], ports: [{ port: 80, nodePort: 31000 }] }),
    svc('c', { type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'] }),
  ];
  const a = rebuildServiceAllocator(stored);
  assert.ok(a.hasClusterIP('10.96.0.1'));
  assert.ok(a.hasClusterIP('10.100.1.2'));
  assert.ok(a.hasNodePort(31000));
  assert.throws(() => a.clusterIP('10.100.1.2'), /already allocated/);
  assert.throws(() => a.nodePort(31000), /already allocated/);
  releaseServiceAllocations(a, stored[1]!);
  assert.not.ok(a.hasClusterIP('10.100.1.2'));
  assert.not.ok(a.hasNodePort(31000));
});

test('Service defaulting allocates through ctx.allocator and keeps allocations on update', () => {
  const def = findResource('', 'v1', 'services')!;
  const allocator = new ServiceAllocator({ random: () => 0.5 });
  const ctx = { now: () => new Date(), allocator };
  const s = svc('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] }) as any;
  def.defaults!(s, ctx);
  assert.match(s.spec.clusterIP, /^10\.(9[6-9]|10\d|11[01])\./);
  assert.equal(s.spec.clusterIPs, [s.spec.clusterIP]);
  assert.ok(s.spec.ports[0].nodePort >= 30000 && s.spec.ports[0].nodePort <= 32767);
  assert.ok(allocator.hasNodePort(s.spec.ports[0].nodePort));
  // An apply that omits the allocated values keeps them.
  const upd = svc('web', { type: 'NodePort', selector: { app: 'web' }, ports: [{ port: 80 }] }) as any;
  def.defaults!(upd, ctx, s);
  assert.is(upd.spec.clusterIP, s.spec.clusterIP);
  assert.is(upd.spec.ports[0].nodePort, s.spec.ports[0].nodePort);
  assert.equal(def.validate!(upd, s, ctx), []);
  // A second Service asking for the same IP gets a 422 cause.
  const dup = svc('dup', { clusterIP: s.spec.clusterIP, ports: [{ port: 80 }] }) as any;
  try {
    def.defaults!(dup, ctx);
    assert.unreachable('expected ObjectInvalidError');
  } catch (e) {
    assert.instance(e, ObjectInvalidError);
    const c = (e as ObjectInvalidError).causes[0]!;
    assert.is(c.field, 'spec.clusterIPs');
    assert.is(c.message, `Invalid value: []string{"${s.spec.clusterIP}"}: failed to allocate IP ${s.spec.clusterIP}: provided IP is already allocated`);
  }
  // A failed allocation of a node port releases the IP it took first.
  const before = svc('x', { type: 'NodePort', ports: [{ port: 80, nodePort: s.spec.ports[0].nodePort }] }) as any;
  assert.throws(() => def.defaults!(before, ctx), (e: unknown) => e instanceof ObjectInvalidError && e.causes[0]!.field === 'spec.ports[0].nodePort');
  assert.match(before.spec.clusterIP, /^10\./);
  assert.not.ok(allocator.hasClusterIP(before.spec.clusterIP));
  const headless = svc('h', { clusterIP: 'None', selector: { a: 'b' } }) as any;
  def.defaults!(headless, ctx);
  assert.equal(headless.spec.clusterIPs, ['None']);
});

test.run();
