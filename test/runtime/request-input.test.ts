// Query parameters and request input the way every client spells them:
// boolean parameters in each spelling Go's strconv.ParseBool accepts (the
// official Python client sends watch=True), and bad input answered with a 400
// Status instead of a 500: a path that does not percent-decode, bodies nested
// thousands deep in every body and patch format.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRuntime, type Runtime } from '../../src/runtime/index.js';
import { run, tempDir } from '../support/cli.js';
import { http, openWatch, type Conn } from './helpers.js';

let rt: Runtime;
let c: Conn;
let home: string;
const CM = '/api/v1/namespaces/default/configmaps';

test.before(async () => {
  home = tempDir('skiff-request-input-');
  rt = await startRuntime({ dataDir: join(home, 'cluster'), store: 'memory' });
  c = { url: rt.url, caPem: rt.caPem, token: rt.token };
  const made = await http(c, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'seen' }, data: { a: '1' } });
  assert.is(made.status, 201);
});
test.after(async () => {
  await rt.stop();
});

test('watch is a watch in every true spelling of strconv.ParseBool, a list in every false one', async () => {
  for (const v of ['1', 't', 'T', 'TRUE', 'true', 'True']) {
    const w = await openWatch(c, `${CM}?fieldSelector=metadata.name%3Dseen&watch=${v}`);
    assert.is(w.status, 200, v);
    const ev = await w.next();
    assert.is(ev.type, 'ADDED', v);
    assert.is(ev.object.metadata.name, 'seen', v);
    w.close();
  }
  for (const v of ['0', 'f', 'F', 'FALSE', 'false', 'False']) {
    const r = await http(c, 'GET', `${CM}?watch=${v}`);
    assert.is(r.status, 200, v);
    assert.is(r.json().kind, 'ConfigMapList', v);
  }
});

test('other boolean parameters take the same spellings; anything else is a 400', async () => {
  const w = await openWatch(c, `${CM}?watch=True&allowWatchBookmarks=True&sendInitialEvents=True&resourceVersionMatch=NotOlderThan`);
  assert.is(w.status, 200);
  const first = await w.next();
  assert.is(first.type, 'ADDED');
  // sendInitialEvents=True ends the initial state with a bookmark.
  let ev = first;
  while (ev && ev.type !== 'BOOKMARK') ev = await w.next();
  assert.is(ev?.object?.metadata?.annotations?.['k8s.io/initial-events-end'], 'true');
  w.close();
  const dry = await http(c, 'DELETE', `${CM}/seen?orphanDependents=False&dryRun=All`);
  assert.is(dry.status, 200);
  for (const [param, value] of [['watch', 'banana'], ['watch', 'yes'], ['allowWatchBookmarks', 'TrUe'], ['force', '2']]) {
    const r = await http(c, 'GET', `${CM}?${param}=${value}`);
    assert.is(r.status, 400, `${param}=${value}`);
    assert.is(r.json().reason, 'BadRequest');
    assert.is(r.json().message, `${param}: Invalid value: "${value}": must be a boolean (true, false, 1, 0, t, f)`);
  }
});

test('the official Python client watches with watch=True', async () => {
  const py = '/usr/bin/python3';
  if (!existsSync(py)) throw new Error('/usr/bin/python3 with python3-kubernetes is required');
  const script = join(home, 'watch.py');
  writeFileSync(
    script,
    [
      'import sys',
      'from kubernetes import client, config, watch',
      'config.load_kube_config(config_file=sys.argv[1])',
      'w = watch.Watch()',
      "for ev in w.stream(client.CoreV1Api().list_namespaced_config_map, namespace='default', field_selector='metadata.name=seen', timeout_seconds=5):",
      "    print(ev['type'], ev['object'].metadata.name, flush=True)",
      '    w.stop()',
      '',
    ].join('\n'),
  );
  const r = await run(py, [script, rt.kubeconfigPath], { env: { HOME: home, KUBECONFIG: '' }, timeoutMs: 30_000 });
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout.trim(), 'ADDED seen');
});

test('a path that does not percent-decode is a 400, not a 500', async () => {
  const bad = await http(c, 'GET', `${CM}/%ff`);
  assert.is(bad.status, 400);
  assert.equal(bad.json(), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'invalid UTF-8 in the request path segment "%ff"', reason: 'BadRequest', code: 400 });
  const esc = await http(c, 'GET', '/api/v1/namespaces/%zz/configmaps');
  assert.is(esc.status, 400);
  assert.is(esc.json().message, 'invalid URL escape "%zz"');
  // Valid escapes still decode.
  assert.is((await http(c, 'GET', `${CM}/s%65en`)).json().metadata.name, 'seen');
});

test('a body nested 2000 deep is a 400 in every body and patch format, and the server stays up', async () => {
  const depth = 2000;
  const deep = `${'{"spec":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const body = `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":{"a":"b"},"x":${deep},"pad":"${'p'.repeat(30_000 - deep.length)}"}`;
  assert.ok(body.length > 30_000);
  const cases: [string, string, string, string][] = [
    ['POST', CM, 'application/json', `couldn't get version/kind; json parse error: invalid character '{' exceeded max depth`],
    ['POST', CM, 'application/yaml', `error converting YAML to JSON: invalid character '{' exceeded max depth`],
    ['PUT', `${CM}/seen`, 'application/json', `couldn't get version/kind; json parse error: invalid character '{' exceeded max depth`],
    ['PATCH', `${CM}/seen`, 'application/merge-patch+json', `error decoding patch: invalid character '{' exceeded max depth`],
    ['PATCH', `${CM}/seen`, 'application/strategic-merge-patch+json', `error decoding patch: invalid character '{' exceeded max depth`],
    ['PATCH', `${CM}/seen?fieldManager=t`, 'application/apply-patch+yaml', `error decoding patch: invalid character '{' exceeded max depth`],
  ];
  for (const [method, path, type, message] of cases) {
    const r = await http(c, method, path, body, { 'Content-Type': type });
    assert.is(r.status, 400, `${method} ${type}: ${r.text.slice(0, 200)}`);
    assert.is(r.json().message, message, `${method} ${type}`);
  }
  // YAML nests by indentation too.
  let block = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\nx:\n';
  for (let i = 1; i < 1200; i++) block += `${' '.repeat(i)}a:\n`;
  const y = await http(c, 'POST', CM, block, { 'Content-Type': 'application/yaml' });
  assert.is(y.status, 400);
  assert.match(y.json().message, 'exceeded max depth');
  // A JSON patch array of deep values too.
  const jp = await http(c, 'PATCH', `${CM}/seen`, `[{"op":"add","path":"/data/b","value":${deep}}]`, { 'Content-Type': 'application/json-patch+json' });
  assert.is(jp.status, 400);
  assert.is((await http(c, 'GET', `${CM}/seen`)).status, 200);
  // Ordinary nesting is untouched.
  const ok = await http(c, 'POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nested', annotations: { a: 'b' } }, data: { x: JSON.stringify({ a: [[[[1]]]] }) } });
  assert.is(ok.status, 201);
});

test.run();
