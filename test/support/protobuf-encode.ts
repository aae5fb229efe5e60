// A minimal protobuf writer for tests: builds Kubernetes protobuf bodies
// ("k8s\0" + runtime.Unknown) field by field, so tests can send what Go
// clients send (and hostile variations of it) without a generated client.

export type Field = readonly [num: number, value: string | number | bigint | boolean | Uint8Array | Field[]];

function varint(n: bigint): number[] {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v) b |= 0x80;
    out.push(b);
  } while (v);
  return out;
}

/** Encodes a message: strings, bytes and nested field lists are length-delimited; numbers and booleans are varints. */
export function message(fields: readonly Field[]): Buffer {
  const parts: Buffer[] = [];
  for (const [num, value] of fields) {
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
      parts.push(Buffer.from([...varint(BigInt(num << 3)), ...varint(BigInt(typeof value === 'boolean' ? Number(value) : value))]));
      continue;
    }
    const body = typeof value === 'string' ? Buffer.from(value) : value instanceof Uint8Array ? Buffer.from(value) : message(value);
    parts.push(Buffer.from([...varint(BigInt((num << 3) | 2)), ...varint(BigInt(body.length))]), body);
  }
  return Buffer.concat(parts);
}

/** A map<string,string> entry list for field `num`. */
export function mapField(num: number, m: Record<string, string>): Field[] {
  return Object.entries(m).map(([k, v]) => [num, [[1, k], [2, v]]] as Field);
}

/** The `k8s\0` envelope around an encoded object. */
export function envelope(apiVersion: string, kind: string, raw: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), message([[1, [[1, apiVersion], [2, kind]]], [2, raw]])]);
}

/** A ConfigMap as `kubectl create configmap` sends it: metadata (name, labels, annotations) and data. */
export function configMapBody(o: { name: string; labels?: Record<string, string>; annotations?: Record<string, string>; data?: Record<string, string> }): Buffer {
  const meta: Field[] = [[1, o.name], ...mapField(11, o.labels ?? {}), ...mapField(12, o.annotations ?? {})];
  return envelope('v1', 'ConfigMap', message([[1, meta], ...mapField(2, o.data ?? {})]));
}
