// Service cluster IP and node port allocation, as kube-apiserver's bitmap
// allocators behave: requested values must be free and in range, dynamic IPs
// come from the upper band first (the lower band is kept for static
// assignment), and the used sets are rebuilt from the stored Services on start.
import type { KubeObject } from '../../../apimachinery/types.js';
import { arr, list, obj, str } from './common.js';

/** A requested IP or port that cannot be had; `detail` is kube-apiserver's wording. */
export class AllocationError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'AllocationError';
  }
}

export interface AllocatorOptions {
  /** IPv4 service CIDR, default 10.96.0.0/12. */
  readonly serviceCIDR?: string;
  /** Node port range "min-max", default 30000-32767. */
  readonly nodePortRange?: string;
  /** Random source in [0,1), default Math.random (tests inject a fixed one). */
  readonly random?: () => number;
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Allocates service cluster IPs and node ports without duplicates. */
export class ServiceAllocator {
  readonly serviceCIDR: string;
  readonly nodePortRange: string;
  private readonly base: number;
  private readonly size: number; // usable addresses: network and broadcast excluded
  private readonly portMin: number;
  private readonly portMax: number;
  private readonly usedIPs = new Set<number>(); // offsets from base
  private readonly usedPorts = new Set<number>();
  private readonly random: () => number;

  constructor(opts: AllocatorOptions = {}) {
    this.serviceCIDR = opts.serviceCIDR ?? '10.96.0.0/12';
    this.nodePortRange = opts.nodePortRange ?? '30000-32767';
    this.random = opts.random ?? Math.random;
    const m = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(this.serviceCIDR);
    if (!m || Number(m[2]) > 30) throw new Error(`invalid service CIDR ${JSON.stringify(this.serviceCIDR)}: want an IPv4 CIDR no smaller than /30`);
    const bits = 32 - Number(m[2]);
    const total = 2 ** bits;
    this.base = Math.floor(ipToInt(m[1]!) / total) * total;
    this.size = total - 2;
    const r = /^(\d+)-(\d+)$/.exec(this.nodePortRange);
    if (!r || Number(r[1]) > Number(r[2])) throw new Error(`invalid node port range ${JSON.stringify(this.nodePortRange)}: want "min-max"`);
    this.portMin = Number(r[1]);
    this.portMax = Number(r[2]);
  }

  /** The first address of the range (the `kubernetes` Service's IP, 10.96.0.1 by default). */
  firstIP(): string {
    return intToIp(this.base + 1);
  }

  /** Allocates `requested` (throws AllocationError if taken or out of range) or a free IP. */
  clusterIP(requested?: string): string {
    if (requested !== undefined && requested !== '') {
      const off = ipToInt(requested) - this.base - 1;
      if (!/^\d+\.\d+\.\d+\.\d+$/.test(requested) || off < 0 || off >= this.size) {
        throw new AllocationError(
          `failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${this.serviceCIDR}`,
        );
      }
      if (this.usedIPs.has(off)) throw new AllocationError(`failed to allocate IP ${requested}: provided IP is already allocated`);
      this.usedIPs.add(off);
      return requested;
    }
    // Upper band first: the lower min(max(16, size/16), 256) addresses are for static use.
    const lower = Math.min(Math.max(16, Math.floor(this.size / 16)), 256, this.size);
    const off = this.pick(lower, this.size) ?? this.pick(0, lower);
    if (off === undefined) throw new AllocationError('failed to allocate a serviceIP: range is full');
    this.usedIPs.add(off);
    return intToIp(this.base + 1 + off);
  }

  /** Allocates `requested` (throws AllocationError if taken or out of range) or a free port. */
  nodePort(requested?: number): number {
    if (requested !== undefined && requested !== 0) {
      if (requested < this.portMin || requested > this.portMax) {
        throw new AllocationError(`provided port is not in the valid range. The range of valid ports is ${this.nodePortRange}`);
      }
      if (this.usedPorts.has(requested)) throw new AllocationError('provided port is already allocated');
      this.usedPorts.add(requested);
      return requested;
    }
    const span = this.portMax - this.portMin + 1;
    const start = Math.floor(this.random() * span);
    for (let i = 0; i < span; i++) {
      const p = this.portMin + ((start + i) % span);
      if (!this.usedPorts.has(p)) {
        this.usedPorts.add(p);
        return p;
      }
    }
    throw new AllocationError('range is full');
  }

  releaseClusterIP(ip: string): void {
    this.usedIPs.delete(ipToInt(ip) - this.base - 1);
  }

  releaseNodePort(port: number): void {
    this.usedPorts.delete(port);
  }

  /** True when the IP is currently allocated. */
  hasClusterIP(ip: string): boolean {
    return this.usedIPs.has(ipToInt(ip) - this.base - 1);
  }

  /** True when the port is currently allocated. */
  hasNodePort(port: number): boolean {
    return this.usedPorts.has(port);
  }

  /** Marks everything an existing Service holds as used (IPs/ports outside the ranges are ignored). */
  restore(svc: KubeObject): void {
    const a = serviceAllocations(svc);
    for (const ip of a.ips) {
      const off = ipToInt(ip) - this.base - 1;
      if (off >= 0 && off < this.size) this.usedIPs.add(off);
    }
    for (const p of a.ports) if (p >= this.portMin && p <= this.portMax) this.usedPorts.add(p);
  }

  private pick(from: number, to: number): number | undefined {
    const span = to - from;
    if (span <= 0) return undefined;
    const start = Math.floor(this.random() * span);
    for (let i = 0; i < span; i++) {
      const off = from + ((start + i) % span);
      if (!this.usedIPs.has(off)) return off;
    }
    return undefined;
  }
}

/** The IPv4 cluster IPs and node ports (including healthCheckNodePort) a Service holds. */
export function serviceAllocations(svc: KubeObject): { ips: string[]; ports: number[] } {
  const spec = obj(svc, 'spec') ?? {};
  const ips = new Set<string>();
  const ip = str(spec, 'clusterIP');
  if (ip && ip !== 'None') ips.add(ip);
  for (const x of list(spec, 'clusterIPs')) if (typeof x === 'string' && x !== 'None' && x !== '') ips.add(x);
  const ports = new Set<number>();
  for (const p of arr(spec, 'ports')) if (typeof p.nodePort === 'number' && p.nodePort > 0) ports.add(p.nodePort);
  if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort > 0) ports.add(spec.healthCheckNodePort);
  return { ips: [...ips].filter((x) => /^\d+\.\d+\.\d+\.\d+$/.test(x)), ports: [...ports] };
}

/** A new allocator whose used sets are rebuilt from the stored Services (call on runtime start). */
export function rebuildServiceAllocator(services: Iterable<KubeObject>, opts: AllocatorOptions = {}): ServiceAllocator {
  const a = new ServiceAllocator(opts);
  for (const s of services) a.restore(s);
  return a;
}

/**
 * Releases what `svc` holds and `keep` does not: call with `keep` undefined
 * after a delete (or a failed create), and with the stored old object as
 * `svc` and the new one as `keep` after an update that changed type or ports
 * (and with the roles swapped when the update failed after defaulting).
 */
export function releaseServiceAllocations(
  allocator: { releaseClusterIP(ip: string): void; releaseNodePort(port: number): void },
  svc: KubeObject,
  keep?: KubeObject,
): void {
  const a = serviceAllocations(svc);
  const k = keep ? serviceAllocations(keep) : { ips: [], ports: [] };
  for (const ip of a.ips) if (!k.ips.includes(ip)) allocator.releaseClusterIP(ip);
  for (const p of a.ports) if (!k.ports.includes(p)) allocator.releaseNodePort(p);
}
