import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtobufObject, ProtobufDecodeError } from '../../src/apimachinery/schema/index.js';
import { run } from '../support/cli.js';
import { kubectlBinary } from '../support/helm.js';

// Each command is run twice: against a server that records the protobuf body
// kubectl POSTs, and with --dry-run=client -o json, which prints the same
// object as JSON. The decoded body must equal that JSON.
const COMMANDS: string[][] = [
  ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=0', '--port=80'],
  ['create', 'configmap', 'cm', '--from-literal=a=b', '--from-literal=c=d'],
  ['create', 'secret', 'generic', 's', '--from-literal=password=hunter2'],
  ['create', 'service', 'clusterip', 'svc', '--tcp=80:8080', '--tcp=443:https'],
  ['create', 'job', 'j', '--image=busybox', '--', 'echo', 'hi'],
  ['create', 'cronjob', 'cj', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'],
  ['create', 'namespace', 'team-a'],
  ['create', 'role', 'reader', '--verb=get,list', '--resource=pods,configmaps'],
  ['create', 'clusterrolebinding', 'crb', '--clusterrole=view', '--group=devs', '--serviceaccount=default:sa'],
  ['create', 'quota', 'q', '--hard=cpu=1500m,memory=2Gi,pods=10'],
  ['create', 'priorityclass', 'high', '--value=1000', '--description=important'],
  ['create', 'poddisruptionbudget', 'pdb', '--selector=app=web', '--min-available=50%'],
  ['create', 'ingress', 'ing', '--class=nginx', '--rule=foo.example.com/api*=svc:8080,tls=cert'],
];

async function withRecorder<T>(fn: (port: number, bodies: Map<string, { contentType: string; body: Buffer }>) => Promise<T>): Promise<T> {
  const bodies = new Map<string, { contentType: string; body: Buffer }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (d) => chunks.push(d));
    req.on('end', () => {
      const p = new URL(req.url!, 'http://x').pathname;
      const json = (code: number, b: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(b));
      };
      if (p === '/version') return json(200, { major: '1', minor: '32', gitVersion: 'v1.32.0', platform: 'linux/amd64' });
      if (p === '/api') return json(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
      if (p === '/apis') return json(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
      if (p === '/api/v1') {
        const r = (name: string, kind: string) => ({ name, singularName: name.slice(0, -1), namespaced: true, kind, verbs: ['create', 'get', 'list'] });
        return json(200, { kind: 'APIResourceList', groupVersion: 'v1', resources: [r('pods', 'Pod'), r('configmaps', 'ConfigMap')] });
      }
      if (req.method === 'POST') {
        bodies.set(p, { contentType: String(req.headers['content-type']), body: Buffer.concat(chunks) });
        return json(201, {});
      }
      json(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', code: 404 });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    return await fn((server.address() as { port: number }).port, bodies);
  } finally {
    server.close();
  }
}

async function pool<T>(items: T[], n: number, fn: (x: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: n }, async () => {
    for (let x = queue.shift(); x !== undefined; x = queue.shift()) await fn(x);
  }));
}

test('bodies kubectl create sends as protobuf decode to the JSON of the same object', async () => {
  const home = mkdtempSync(join(tmpdir(), 'skiff-kubectl-home-'));
  const env = { HOME: home, KUBECONFIG: join(home, 'none') };
  await withRecorder(async (port, bodies) => {
    const expected = new Map<string, unknown>();
    await pool(COMMANDS, 3, async (args) => {
      const dry = await run(kubectlBinary(), [`--server=http://127.0.0.1:${port}`, '--namespace=default', '--dry-run=client', '-o', 'json', ...args], { env, timeoutMs: 60_000 });
      assert.is(dry.code, 0, dry.stderr);
      expected.set(args.join(' '), JSON.parse(dry.stdout));
      const before = bodies.size;
      const real = await run(kubectlBinary(), [`--server=http://127.0.0.1:${port}`, '--validate=false', '--namespace=default', ...args], { env, timeoutMs: 60_000 });
      assert.is(real.code, 0, `${args.join(' ')}: ${real.stderr}`);
      assert.ok(bodies.size > before || real.code === 0);
    });
    assert.is(bodies.size, COMMANDS.length, 'one POST per command');
    const decoded = new Map<string, Record<string, unknown>>();
    for (const { contentType, body } of bodies.values()) {
      assert.is(contentType, 'application/vnd.kubernetes.protobuf');
      const obj = decodeProtobufObject(body);
      decoded.set(`${obj.kind}/${(obj.metadata as { name: string }).name}`, obj);
    }
    for (const [cmd, want] of expected) {
      const w = want as { kind: string; metadata: { name: string } };
      const got = decoded.get(`${w.kind}/${w.metadata.name}`);
      assert.ok(got, `decoded body for: ${cmd}`);
      assert.equal(got, want, cmd);
    }
  });
});

test('malformed protobuf bodies are refused with a clear error', () => {
  assert.throws(() => decodeProtobufObject(Buffer.from('{"kind":"Pod"}')), (e: Error) => e instanceof ProtobufDecodeError && /expected prefix/.test(e.message));
  const unknownKind = Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), Buffer.from([0x0a, 0x0c, 0x0a, 0x02, 0x76, 0x31, 0x12, 0x06, 0x57, 0x69, 0x64, 0x67, 0x65, 0x74])]);
  assert.throws(() => decodeProtobufObject(unknownKind), /no kind "Widget" is registered for version "v1"/);
  const truncated = Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), Buffer.from([0x0a, 0x20, 0x0a])]);
  assert.throws(() => decodeProtobufObject(truncated), /unexpected end of protobuf data/);
});

test.run();
