// Seeded fuzzing of request bodies: generated and mutated documents in every
// content type the API server accepts (JSON, YAML, protobuf, apply-patch YAML,
// merge, strategic-merge and JSON patches) through create, update, patch and
// delete, full of the keys that break naive code (`__proto__`, `constructor`,
// directives, odd numbers and strings). Every request must get an HTTP answer
// whose body is the object or a Status (never a dropped connection or a stack
// trace), Object.prototype must stay untouched, and the server must still
// serve afterwards. FUZZ_CASES=N runs more cases (default 2000); FUZZ_SEED=S
// reproduces a run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { Pool } from 'undici';
import { stringify as yamlStringify } from 'yaml';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { tempDir } from '../support/cli.js';
import { configMapBody, envelope, message, type Field } from '../support/protobuf-encode.js';

const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);

/** mulberry32: a small seeded PRNG, so a failing case can be replayed with FUZZ_SEED. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
const DIRECTIVES = ['$patch', '$retainKeys', '$setElementOrder/containers', '$setElementOrder/ports', '$deleteFromPrimitiveList/finalizers', '$setElementOrder/env'];
const KUBE_KEYS = ['metadata', 'name', 'namespace', 'labels', 'annotations', 'data', 'binaryData', 'spec', 'status', 'containers', 'ports', 'env', 'image', 'port', 'protocol', 'finalizers', 'ownerReferences', 'managedFields', 'fieldsV1', 'f:data', 'k:{"port":80}', 'selector', 'matchLabels', 'template', 'replicas', 'kind', 'apiVersion', 'resourceVersion', 'uid', 'generateName', 'type', 'value', 'a', 'b'];
const STRINGS = ['', 'x', 'replace', 'delete', 'merge', 'All', 'Orphan', 'Foreground', 'v1', 'ConfigMap', '0', '-1', '1e400', 'true', 'null', '\u0000', '\ud800', '💥', 'a'.repeat(300), '../../etc', '%2e%2e', 'k8s.io/x', '__proto__'];
const NUMBERS = [0, -0, 1, -1, 0.5, 1e21, -1e21, 2 ** 53, 2 ** 63, Number.MAX_VALUE, Number.MIN_VALUE, 2147483648, -2147483649, 65536, 80, 443];

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function key(r: R): string {
  const p = r();
  return p < 0.3 ? pick(r, HOSTILE_KEYS) : p < 0.45 ? pick(r, DIRECTIVES) : p < 0.9 ? pick(r, KUBE_KEYS) : pick(r, STRINGS);
}

function value(r: R, depth: number): unknown {
  const p = r();
  if (depth <= 0 || p < 0.35) {
    const q = r();
    return q < 0.4 ? pick(r, STRINGS) : q < 0.7 ? pick(r, NUMBERS) : q < 0.85 ? r() < 0.5 : null;
  }
  if (p < 0.55) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth - 1));
  const o: Record<string, unknown> = {};
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i++) Object.defineProperty(o, key(r), { value: value(r, depth - 1), enumerable: true, writable: true, configurable: true });
  return o;
}

/** A valid object of a few kinds, to mutate. */
function base(r: R, name: string): Record<string, any> {
  const kind = pick(r, ['ConfigMap', 'Pod', 'Service', 'Secret'] as const);
  const metadata = { name, labels: { app: 'fuzz' }, annotations: { note: 'x' } };
  switch (kind) {
    case 'ConfigMap':
      return { apiVersion: 'v1', kind, metadata, data: { a: '1', b: '2' } };
    case 'Secret':
      return { apiVersion: 'v1', kind, metadata, stringData: { a: '1' } };
    case 'Service':
      return { apiVersion: 'v1', kind, metadata, spec: { selector: { app: 'fuzz' }, ports: [{ port: 80, protocol: 'TCP' }] } };
    default:
      return { apiVersion: 'v1', kind, metadata, spec: { containers: [{ name: 'c', image: 'busybox', ports: [{ containerPort: 80 }], env: [{ name: 'A', value: 'b' }] }] } };
  }
}

/** Inserts a generated subtree at a random place (as a data key: hostile names included). */
function mutate(r: R, doc: Record<string, any>): Record<string, any> {
  const rounds = 1 + Math.floor(r() * 3);
  for (let i = 0; i < rounds; i++) {
    let cur: any = doc;
    const steps = Math.floor(r() * 4);
    for (let s = 0; s < steps; s++) {
      const keys = cur && typeof cur === 'object' ? Object.keys(cur) : [];
      if (!keys.length) break;
      const next = cur[pick(r, keys)];
      if (!next || typeof next !== 'object') break;
      cur = next;
    }
    if (cur && typeof cur === 'object' && !Array.isArray(cur)) Object.defineProperty(cur, key(r), { value: value(r, 3), enumerable: true, writable: true, configurable: true });
    else if (Array.isArray(cur)) cur.push(value(r, 3));
  }
  return doc;
}

function jsonPatch(r: R): unknown[] {
  const seg = () => (r() < 0.5 ? key(r) : String(Math.floor(r() * 3) - 1)).replace(/~/g, '~0').replace(/\//g, '~1');
  const path = () => (r() < 0.1 ? '' : `/${Array.from({ length: 1 + Math.floor(r() * 3) }, seg).join('/')}`);
  return Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
    const op: Record<string, unknown> = { op: pick(r, ['add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus']), path: path() };
    if (r() < 0.8) op.value = value(r, 2);
    if (r() < 0.4) op.from = path();
    return op;
  });
}

function protobufBody(r: R, name: string): Buffer {
  const p = r();
  if (p < 0.4) {
    const m = () => Object.fromEntries(Array.from({ length: Math.floor(r() * 3) }, () => [key(r), String(pick(r, STRINGS))]));
    return configMapBody({ name, labels: m(), annotations: m(), data: m() });
  }
  if (p < 0.7) {
    // A valid envelope around random fields.
    const fields: Field[] = Array.from({ length: Math.floor(r() * 6) }, () => {
      const n = 1 + Math.floor(r() * 16);
      return r() < 0.5 ? [n, Math.floor(r() * 1e6)] : [n, pick(r, STRINGS)];
    });
    return envelope(pick(r, ['v1', 'apps/v1', 'meta.k8s.io/v1', 'bogus/v9']), pick(r, ['ConfigMap', 'Pod', 'Service', 'DeleteOptions', 'Nope']), message(fields));
  }
  // Bit flips and truncation of a valid body.
  const b = Buffer.from(configMapBody({ name, labels: { a: 'b' }, data: { c: 'd' } }));
  for (let i = 0; i < 1 + Math.floor(r() * 4); i++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
  return r() < 0.5 ? b.subarray(0, Math.floor(r() * b.length)) : b;
}

let rt: Runtime;
let pool: Pool;

/** A request that takes longer than 15 s is a hung server. */
function withTimeout<T>(p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer within 15 s')), 15_000)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

test.before(async () => {
  rt = await startRuntime({ dataDir: join(tempDir('skiff-fuzz-'), 'data'), store: 'memory', components: [] });
  pool = new Pool(rt.url, { connections: 8, pipelining: 1, headersTimeout: 15_000, bodyTimeout: 15_000, connect: { ca: rt.caPem } });
});
test.after(async () => {
  await pool.close();
  await rt.stop();
});

interface Case {
  readonly method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
  readonly contentType: string;
  readonly body: string | Buffer;
}

function makeCase(r: R, i: number): Case {
  const name = `fz-${i % 40}`;
  const coll = '/api/v1/namespaces/default/' + pick(r, ['configmaps', 'pods', 'services', 'secrets']);
  const item = `${coll}/${name}`;
  const verb = pick(r, ['create', 'create', 'update', 'merge', 'strategic', 'json', 'apply', 'delete'] as const);
  const doc = () => mutate(r, base(r, name));
  const asYaml = (v: unknown) => yamlStringify(v);
  switch (verb) {
    case 'create': {
      const ct = pick(r, ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'] as const);
      const body = ct === 'application/vnd.kubernetes.protobuf' ? protobufBody(r, name) : ct === 'application/yaml' ? asYaml(doc()) : JSON.stringify(doc());
      return { method: 'POST', path: coll, contentType: ct, body };
    }
    case 'update':
      return { method: 'PUT', path: item, contentType: r() < 0.8 ? 'application/json' : 'application/yaml', body: JSON.stringify(doc()) };
    case 'merge':
      return { method: 'PATCH', path: item, contentType: 'application/merge-patch+json', body: JSON.stringify(r() < 0.7 ? mutate(r, {}) : value(r, 3)) };
    case 'strategic':
      return { method: 'PATCH', path: item, contentType: 'application/strategic-merge-patch+json', body: JSON.stringify(r() < 0.7 ? mutate(r, base(r, name)) : value(r, 3)) };
    case 'json':
      return { method: 'PATCH', path: item, contentType: 'application/json-patch+json', body: JSON.stringify(r() < 0.9 ? jsonPatch(r) : value(r, 2)) };
    case 'apply':
      return { method: 'PATCH', path: `${item}?fieldManager=fuzz${r() < 0.3 ? '&force=true' : ''}`, contentType: 'application/apply-patch+yaml', body: r() < 0.8 ? asYaml(doc()) : String(pick(r, STRINGS)) };
    default: {
      const ct = pick(r, ['application/json', 'application/vnd.kubernetes.protobuf'] as const);
      const body =
        ct === 'application/json'
          ? JSON.stringify(mutate(r, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: pick(r, ['Orphan', 'Background', 'Foreground', 'Bogus']) }))
          : protobufBody(r, name);
      return { method: 'DELETE', path: item, contentType: ct, body };
    }
  }
}

test(`${CASES} generated bodies over every content type and write verb (seed ${SEED})`, async () => {
  const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();
  const r = rng(SEED);
  const cases = Array.from({ length: CASES }, (_, i) => makeCase(r, i));
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < cases.length && problems.length < 25) {
        const i = next++;
        const c = cases[i]!;
        const describe = () => `case ${i} ${c.method} ${c.path} ${c.contentType}: ${Buffer.from(c.body).toString('utf8').slice(0, 300)}`;
        try {
          const { res, text } = await withTimeout(
            (async () => {
              const res = await pool.request({
                method: c.method,
                path: c.path,
                headers: { authorization: `Bearer ${rt.token}`, accept: 'application/json', 'content-type': c.contentType },
                body: c.body,
              });
              return { res, text: await res.body.text() };
            })(),
          );
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          let parsed: any;
          try {
            parsed = JSON.parse(text);
          } catch {
            problems.push(`${describe()}\n  -> ${res.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`);
            continue;
          }
          if (res.statusCode >= 400 && parsed?.kind !== 'Status') problems.push(`${describe()}\n  -> ${res.statusCode} without a Status: ${text.slice(0, 200)}`);
          if (/\n\s+at .*\(.*:\d+:\d+\)/.test(text)) problems.push(`${describe()}\n  -> a stack trace in the answer: ${text.slice(0, 300)}`);
          if (res.statusCode >= 500 && !/^(Internal error occurred|.*does not contain declared merge key|.*expected a .* but received)/.test(parsed?.message ?? '')) {
            problems.push(`${describe()}\n  -> ${res.statusCode} ${parsed?.message}`);
          }
        } catch (e) {
          problems.push(`${describe()}\n  -> no answer: ${(e as Error & { code?: string }).code ?? (e as Error).message}`);
        }
        if (Object.getOwnPropertyNames(Object.prototype).length !== protoNames.length || Object.getPrototypeOf({}) !== Object.prototype) {
          // Everything in this process (the server and this client) is now suspect: stop at once.
          problems.push(`${describe()}\n  -> Object.prototype changed: ${Object.getOwnPropertyNames(Object.prototype).filter((k) => !protoNames.includes(k)).join(', ')}`);
          next = cases.length;
        }
      }
    }),
  );
  assert.equal(Object.getOwnPropertyNames(Object.prototype).sort(), protoNames, 'Object.prototype is untouched');
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(problems.slice(0, 10), [], `${problems.length} problems (seed ${SEED})`);
  // Accepted and refused both happened: the generator reaches the handlers, not only the decoder.
  const ok = [...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0);
  assert.ok(ok > CASES / 20, `only ${ok} of ${CASES} requests succeeded: ${JSON.stringify([...statuses])}`);
  // The server still serves, and everything it stored reads back and lists.
  for (const res of ['configmaps', 'pods', 'services', 'secrets']) {
    const l = await pool.request({ method: 'GET', path: `/api/v1/namespaces/default/${res}`, headers: { authorization: `Bearer ${rt.token}`, accept: 'application/json' } });
    assert.is(l.statusCode, 200);
    const list = JSON.parse(await l.body.text());
    for (const it of list.items) {
      const g = await pool.request({ method: 'GET', path: `/api/v1/namespaces/default/${res}/${it.metadata.name}`, headers: { authorization: `Bearer ${rt.token}`, accept: 'application/json' } });
      assert.is(g.statusCode, 200);
      await g.body.text();
    }
  }
});

test.run();
